import Foundation
import TrustPathSurvey

/// labels.csv and the terminal table of a labelled file (SPSS, Stata): each variable's label and
/// each coded value's label, with how many rows give it.
public enum LabelReport {
    /// Whether `data` carries any variable or value label.
    public static func hasLabels(_ data: SurveyData) -> Bool { data.columns.contains { $0.label != nil || !$0.valueLabels.isEmpty } }

    /// One row per labelled value (variable, variable label, value, value label, n), and one per
    /// variable with a label but no value labels.
    public static func table(_ data: SurveyData) -> CSVTable {
        var table = CSVTable(header: ["variable", "variable.label", "value", "value.label", "n"])
        for column in data.columns where column.label != nil || !column.valueLabels.isEmpty {
            let label: CSVTable.Cell = column.label.map { .text($0) } ?? .missing
            guard !column.valueLabels.isEmpty, let numbers = column.numbers else {
                table.append([.text(column.name), label, .missing, .missing, .missing])
                continue
            }
            for (value, text) in column.valueLabels.sorted(by: { $0.key < $1.key }) {
                table.append([.text(column.name), label, .number(value), .text(text), .integer(numbers.filter { $0 == value }.count)])
            }
        }
        return table
    }
}
