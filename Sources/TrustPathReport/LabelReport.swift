import Foundation
import TrustPathSurvey

/// labels.csv and the terminal table of a labelled file (SPSS, Stata): each variable's label and
/// each coded value's label, with how many rows give it.
public enum LabelReport {
    /// Whether `data` carries any variable or value label.
    public static func hasLabels(_ data: SurveyData) -> Bool { data.columns.contains { $0.label != nil || !$0.valueLabels.isEmpty } }

    /// One row per labelled value (variable, variable label, value, value label, n), one per answer
    /// value its labels do not name (value label NA), and one per variable with a label but no
    /// value labels.
    public static func table(_ data: SurveyData) -> CSVTable {
        var table = CSVTable(header: ["variable", "variable.label", "value", "value.label", "n"])
        for column in data.columns where column.label != nil || !column.valueLabels.isEmpty {
            let label: CSVTable.Cell = column.label.map { .text($0) } ?? .missing
            guard !column.valueLabels.isEmpty, let numbers = column.numbers else {
                table.append([.text(column.name), label, .missing, .missing, .missing])
                continue
            }
            var counts: [Double: Int] = [:]
            for value in numbers where !value.isNaN { counts[value, default: 0] += 1 }
            for value in Set(column.valueLabels.keys).union(counts.keys).sorted() {
                table.append([.text(column.name), label, .number(value), column.valueLabels[value].map { .text($0) } ?? .missing, .integer(counts[value] ?? 0)])
            }
        }
        return table
    }

    /// Answers outside the range of their column's value labels (9 on a scale labelled 1-7): most
    /// often a missing-data code the file does not declare. One line per column.
    public static func outOfRange(_ data: SurveyData) -> [String] {
        data.columns.compactMap { column in
            guard let numbers = column.numbers, let low = column.valueLabels.keys.min(), let high = column.valueLabels.keys.max(), low < high else { return nil }
            let outside = numbers.enumerated().filter { !$0.element.isNaN && ($0.element < low || $0.element > high) }
            guard !outside.isEmpty else { return nil }
            let values = Set(outside.map(\.element)).sorted().map { ReportFormat.fixed($0, digits: $0 == $0.rounded() ? 0 : 2) }
            let rows = outside.prefix(5).map { String(data.rowLines[$0.offset]) }.joined(separator: ", ")
            return "\(column.name) has \(outside.count) answers (\(values.joined(separator: ", "))) outside its labelled range "
                + "\(ReportFormat.fixed(low, digits: 0))-\(ReportFormat.fixed(high, digits: 0)), first at rows \(rows): "
                + "an undeclared missing code? Declare it with --missing-codes"
        }
    }
}
