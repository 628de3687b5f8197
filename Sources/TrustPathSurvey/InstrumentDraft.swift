import Foundation

/// An instrument.yaml skeleton from a data file: numeric columns named prefix + number (`ha1`,
/// `PT_2`, `Q3_1`) grouped into one construct per prefix, item wording from variable labels, the
/// scale from value labels or answers.
public struct InstrumentDraft: Sendable {
    public struct Construct: Sendable, Equatable {
        public let code: String
        public let items: [SurveyColumn]
    }

    public let constructs: [Construct]
    public let others: [String]
    public let scale: (min: Double, max: Double)?
    let source: String

    public init(_ data: SurveyData) {
        var groups: [(prefix: String, items: [SurveyColumn])] = []
        var others: [String] = []
        for column in data.columns {
            guard column.numbers != nil, let prefix = Self.prefix(of: column.name) else { others.append(column.name); continue }
            if let k = groups.firstIndex(where: { $0.prefix == prefix }) { groups[k].items.append(column) } else { groups.append((prefix, [column])) }
        }
        constructs = groups.filter { $0.items.count >= 2 }.map { Construct(code: $0.prefix.uppercased(), items: $0.items) }
        self.others = others + groups.filter { $0.items.count < 2 }.flatMap { $0.items.map(\.name) }
        let items = constructs.flatMap(\.items)
        let labelled = items.flatMap { $0.valueLabels.keys }
        let answers = items.flatMap { $0.numbers ?? [] }.filter { !$0.isNaN }
        if let low = (labelled.isEmpty ? answers : labelled).min(), let high = (labelled.isEmpty ? answers : labelled).max() {
            scale = (low, high)
        } else {
            scale = nil
        }
        source = data.source
    }

    /// The letters before a trailing number (and an optional `_`): `ha1` → `ha`, `Q3_1` → `Q3`.
    static func prefix(of name: String) -> String? {
        let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < name.count else { return nil }
        var stem = String(name.dropLast(digits.count))
        if stem.hasSuffix("_") || stem.hasSuffix(".") { stem.removeLast() }
        guard let first = stem.first, first.isLetter else { return nil }
        return stem
    }

    public var yaml: String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        var lines = ["# Drafted by `trustpath instrument draft` from \((source as NSString).lastPathComponent): review every line.",
                     "title: \(quoted("TODO: the study's title"))"]
        if let scale { lines.append("scale: {min: \(number(scale.min)), max: \(number(scale.max))}") }
        lines.append("constructs:")
        for construct in constructs {
            lines.append("  - code: \(construct.code)")
            lines.append("    name: \(quoted("TODO: name of \(construct.code)"))")
            lines.append("    items:")
            for item in construct.items {
                let wording = item.label.map { text in
                    let chinese = text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
                    return ", \(chinese ? "zh" : "en"): \(quoted(text))"
                } ?? ""
                lines.append("      - {code: \(item.name)\(wording)}")
            }
        }
        if !others.isEmpty { lines.append("# Not grouped into a construct: " + others.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
