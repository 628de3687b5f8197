/// Renders a ``ReportDocument`` as GitHub-flavoured Markdown.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(document.title)\n"
        for block in document.blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: max(1, min(level, 6))) + " \(text)\n"
            case .paragraph(let text):
                out += text + "\n"
            case .table(let table):
                out += render(table)
            }
        }
        return out
    }

    static func render(_ table: ReportTable) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        var out = line(table.header)
        out += "|" + table.alignments.map { $0 == .left ? "---|" : "---:|" }.joined() + "\n"
        for row in table.rows { out += line(row) }
        return out
    }
}
