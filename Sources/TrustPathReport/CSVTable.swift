/// A table for CSV output at full precision (RFC 4180: fields with a delimiter, quote or line
/// break are quoted, quotes doubled; LF line ends).
///
/// Numbers are written in the shortest form that reads back to the same double, so nothing is
/// lost; a missing or undefined value is written `NA`, as R writes it.
public struct CSVTable: Sendable, Equatable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        /// Not available: written `NA`.
        case missing
        /// Not applicable (the z of a fixed parameter): an empty field.
        case empty
    }

    public let header: [String]
    public private(set) var rows: [[Cell]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [Cell]) {
        guard row.count == header.count else {
            preconditionFailure("internal error: CSV row of \(row.count) cells under \(header.count) columns")
        }
        rows.append(row)
    }

    /// The CSV text.
    public func rendered() -> String {
        var out = header.map(CSVTable.quoted).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { cell -> String in
                switch cell {
                case .text(let text): return CSVTable.quoted(text)
                case .number(let value): return value.isFinite ? "\(value)" : (value.isNaN ? "NA" : (value > 0 ? "Inf" : "-Inf"))
                case .integer(let value): return String(value)
                case .missing: return "NA"
                case .empty: return ""
                }
            }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
