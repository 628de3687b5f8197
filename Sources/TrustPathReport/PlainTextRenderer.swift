/// Renders a ``ReportTable`` as aligned columns for a terminal.
public enum PlainTextRenderer {
    public static func render(_ table: ReportTable) -> String {
        let all = [table.header] + table.rows
        let widths = table.header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let pad = String(repeating: " ", count: widths[column] - cells[column].count)
                return table.alignments[column] == .left ? cells[column] + pad : pad + cells[column]
            }.joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        return all.map(line).joined()
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
