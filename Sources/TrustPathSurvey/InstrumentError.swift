import Yams

/// Everything that can be wrong with an instrument file or with how the data answers it.
/// ``message`` is the one place that renders a case.
public enum InstrumentError: Error, Equatable, Sendable {
    case fileNotFound(file: String)
    case unreadable(file: String, reason: String)
    case syntax(file: String, detail: String)
    case invalid(file: String, line: Int, reason: String)
    case duplicateCode(file: String, line: Int, code: String, kind: String)
    case unknownKey(file: String, line: Int, key: String, section: String, suggestion: String?)
    case itemsNotInData(file: String, items: [Instrument.MissingItem])
    case itemNotNumeric(file: String, item: String)
    case outOfRange(file: String, item: String, scale: Instrument.Scale, answers: [Instrument.OutOfRangeAnswer])

    public var message: String {
        switch self {
        case .fileNotFound(let file):
            return "\(file): no such instrument file"
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(reason))"
        case .syntax(let file, let detail):
            return "\(file): not valid YAML: \(detail)"
        case .invalid(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .duplicateCode(let file, let line, let code, let kind):
            return "\(file):\(line): \(kind) code '\(code)' is used twice; codes must be unique"
        case .unknownKey(let file, let line, let key, let section, let suggestion):
            return "\(file):\(line): unknown key '\(key)' in \(section)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .itemsNotInData(let file, let items):
            let listed = items.map { item in "'\(item.code)'" + (item.suggestion.map { " (did you mean '\($0)'?)" } ?? "") }
            return "\(file): the instrument names \(items.count == 1 ? "a column" : "\(items.count) columns") the data does not have: "
                + listed.joined(separator: ", ")
        case .itemNotNumeric(let file, let item):
            return "\(file): item '\(item)' is not numeric; rating items must hold numbers (map labels with --likert-map)"
        case .outOfRange(let file, let item, let scale, let answers):
            let shown = answers.prefix(8).map { "line \($0.line): \(Self.number($0.value))" }
            return "\(file): item '\(item)' has \(answers.count) answer\(answers.count == 1 ? "" : "s") outside its scale "
                + "\(Self.number(scale.minimum))-\(Self.number(scale.maximum)): " + shown.joined(separator: ", ")
                + (answers.count > 8 ? " and \(answers.count - 8) more" : "")
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A libyaml error as "line L, column C: problem".
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        default:
            return "\(error)"
        }
    }
}
