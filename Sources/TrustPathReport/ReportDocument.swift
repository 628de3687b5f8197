/// A report as structure, free of any output format: renderers turn it into Markdown or text.
/// Formatting only; every number arrives already computed.
public struct ReportDocument: Sendable, Equatable {
    /// One block of a report, in reading order.
    public enum Block: Sendable, Equatable {
        case heading(level: Int, text: String)
        case paragraph(String)
        case table(ReportTable)
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func heading(_ text: String, level: Int = 2) { blocks.append(.heading(level: level, text: text)) }
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public mutating func table(_ table: ReportTable) { blocks.append(.table(table)) }
}

/// A table of already formatted cells, with a header and per-column alignment.
public struct ReportTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }

    public let header: [String]
    public let alignments: [Alignment]
    public private(set) var rows: [[String]]

    /// A table whose first column is left-aligned and whose other columns (numbers) are right-aligned.
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        alignments = header.indices.map { $0 == 0 ? .left : .right }
        self.rows = rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }
}
