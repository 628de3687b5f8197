/// Everything that can be wrong with a survey file or with the names a user gives for its columns.
/// Each case carries what the user needs to fix it; ``message`` renders it, the only place that does.
public enum SurveyError: Error, Equatable, Sendable {
    case fileNotFound(file: String)
    case unreadableFile(file: String, reason: String)
    case emptyFile(file: String)
    case noDataRows(file: String)
    case emptyHeaderName(file: String, column: Int)
    case duplicateHeaderName(file: String, name: String, firstColumn: Int, secondColumn: Int)
    case raggedRow(file: String, line: Int, expected: Int, found: Int)
    case unterminatedQuote(file: String, line: Int)
    case characterAfterClosingQuote(file: String, line: Int, column: String, character: String)
    case invalidUTF8(file: String, line: Int, column: String)
    case unparsableNumber(file: String, line: Int, column: String, value: String, missingCodes: [String])
    case unknownLikertLabel(file: String, line: Int, column: String, value: String, knownLabels: [String])
    case invalidLikertMapping(file: String, line: Int, reason: String)
    case unknownColumn(name: String, file: String, suggestion: String?)
    case conflictingDeclaration(column: String, first: MeasurementLevel, second: MeasurementLevel)
    case columnNotNumeric(column: String, file: String)
    case columnNotText(column: String)
    /// Country values with no Hofstede scores, with the file lines where each first occurs.
    case unknownCountries(column: String, values: [String], lines: [Int])

    /// One line saying what is wrong, where, and what was expected.
    public var message: String {
        switch self {
        case .fileNotFound(let file):
            return "\(file): no such file"
        case .unreadableFile(let file, let reason):
            return "\(file): cannot be read (\(reason))"
        case .emptyFile(let file):
            return "\(file): the file is empty; expected a header row naming the columns, then one row per respondent"
        case .noDataRows(let file):
            return "\(file): the file has a header row but no data rows"
        case .emptyHeaderName(let file, let column):
            return "\(file):1: column \(column) has an empty name in the header row; every column needs a unique name"
        case .duplicateHeaderName(let file, let name, let first, let second):
            return "\(file):1: columns \(first) and \(second) are both named '\(name)'; column names must be unique"
        case .raggedRow(let file, let line, let expected, let found):
            return "\(file):\(line): the row has \(found) fields but the header has \(expected); "
                + "check for an unquoted delimiter or a missing field"
        case .unterminatedQuote(let file, let line):
            return "\(file):\(line): a quoted field opened here is never closed; expected a closing '\"'"
        case .characterAfterClosingQuote(let file, let line, let column, let character):
            return "\(file):\(line), column '\(column)': unexpected '\(character)' after a closing quote; "
                + "expected a delimiter or the end of the row (write a quote inside a quoted field as \"\")"
        case .invalidUTF8(let file, let line, let column):
            return "\(file):\(line), column '\(column)': the text is not valid UTF-8; "
                + "save the file as UTF-8 (exports in GBK or Latin-1 must be converted first)"
        case .unparsableNumber(let file, let line, let column, let value, let missingCodes):
            return "\(file):\(line), column '\(column)': '\(value)' is not a number; expected a number or a missing code ("
                + (["empty", "NA"] + missingCodes).joined(separator: ", ")
                + "); add it with --missing-codes, or declare the column with --categorical \(column) if it is not numeric"
        case .unknownLikertLabel(let file, let line, let column, let value, let known):
            return "\(file):\(line), column '\(column)': '\(value)' is not in the Likert mapping; known labels: "
                + known.joined(separator: ", ")
        case .invalidLikertMapping(let file, let line, let reason):
            return "\(file):\(line): \(reason); expected 'label,value' with a numeric value, one label per row"
        case .unknownColumn(let name, let file, let suggestion):
            return "\(file): no column named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .columnNotNumeric(let column, let file):
            return "\(file): column '\(column)' is not numeric"
        case .columnNotText(let column):
            return "column '\(column)' holds numbers; countries must be names or ISO 3166 codes (declare it with --categorical \(column))"
        case .unknownCountries(let column, let values, let lines):
            return "column '\(column)': no Hofstede scores for " + values.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
                + (values.count > 8 ? " and \(values.count - 8) more" : "")
                + " (line" + (lines.count == 1 ? " " : "s ") + lines.prefix(8).map(String.init).joined(separator: ", ") + (lines.count > 8 ? ", ..." : "") + ")"
                + "; use ISO 3166 alpha-2 or alpha-3 codes, Hofstede's codes or the country names of Surveys/reference/hofstede-iso3166.csv"
        case .conflictingDeclaration(let column, let first, let second):
            return "column '\(column)' is declared both \(first.rawValue) and \(second.rawValue); declare it once"
        }
    }
}
