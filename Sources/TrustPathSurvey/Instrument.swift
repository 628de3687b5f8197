import Foundation
import Yams

/// A questionnaire: constructs measured by multi-item scales, read from a YAML file.
///
/// ```yaml
/// title: Trust in cross-border live-stream shopping
/// scale: {min: 1, max: 7}          # default for every item; a construct or item may override it
/// constructs:
///   - code: HA
///     name: Host attractiveness
///     definition: How pleasant and likeable viewers find the host.   # optional
///     source: Ohanian (1990), attractiveness dimension               # optional: where the items come from
///     items:
///       - {code: HA1, en: "The host is attractive.", zh: "主播很有吸引力。"}
///       - {code: HA4, en: "The host is dull.", reverse: true}
/// ```
/// Reverse-coded items are recoded as min + max - x (Nunnally & Bernstein 1994, ch. 8) before any
/// statistic; ``scored(_:)`` does that and checks every answer against its item's declared range.
public struct Instrument: Sendable, Equatable {
    /// The answer range of a rating scale, e.g. 1 to 7.
    public struct Scale: Sendable, Equatable {
        public let minimum: Double
        public let maximum: Double
        public init(minimum: Double, maximum: Double) {
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    public struct Item: Sendable, Equatable {
        public let code: String
        public let english: String?
        public let chinese: String?
        public let scale: Scale?
        public let reverseCoded: Bool
        public init(code: String, english: String? = nil, chinese: String? = nil, scale: Scale? = nil, reverseCoded: Bool = false) {
            self.code = code
            self.english = english
            self.chinese = chinese
            self.scale = scale
            self.reverseCoded = reverseCoded
        }
    }

    public struct Construct: Sendable, Equatable {
        public let code: String
        public let name: String
        /// What the construct means, as the study defines it.
        public let definition: String?
        /// Where its items come from (the scale's published source).
        public let reference: String?
        public let items: [Item]
        public init(code: String, name: String, definition: String? = nil, reference: String? = nil, items: [Item]) {
            self.code = code
            self.name = name
            self.definition = definition
            self.reference = reference
            self.items = items
        }
        public var itemCodes: [String] { items.map(\.code) }
    }

    /// Where the instrument came from, as the user named it (used in messages).
    public let source: String
    public let title: String?
    public let constructs: [Construct]
    public let respondent: RespondentColumns

    public init(source: String, title: String? = nil, constructs: [Construct], respondent: RespondentColumns = RespondentColumns()) {
        self.source = source
        self.title = title
        self.constructs = constructs
        self.respondent = respondent
    }

    public var items: [Item] { constructs.flatMap(\.items) }
    public var reverseCodedItems: [String] { items.filter(\.reverseCoded).map(\.code) }

    /// Reads and checks an instrument file.
    public static func read(path: String) throws(InstrumentError) -> Instrument {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(file: path) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: path, reason: "not UTF-8 text")
        }
        return try Instrument(yaml: text, source: path)
    }

    /// Parses the YAML text of an instrument; `source` names it in messages.
    public init(yaml text: String, source: String) throws(InstrumentError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .syntax(file: source, detail: InstrumentError.describe(error))
        } catch {
            throw .syntax(file: source, detail: "\(error)")
        }
        guard let root, let mapping = root.mapping else {
            throw .invalid(file: source, line: root.map(Self.line) ?? 1, reason: "expected a mapping with 'constructs:' at the top level")
        }
        let reader = InstrumentReader(file: source)
        let known = ["title", "scale", "constructs", "respondent", "attention_checks"]
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
            throw .unknownKey(file: source, line: Self.line(root), key: key, section: "the instrument", suggestion: NameSuggestion.closest(to: key, among: known))
        }
        let defaultScale = try reader.scale(mapping["scale"])
        guard let constructNodes = mapping["constructs"] else {
            throw .invalid(file: source, line: Self.line(root), reason: "no 'constructs:' list")
        }
        guard let list = constructNodes.sequence, !list.isEmpty else {
            throw .invalid(file: source, line: Self.line(constructNodes), reason: "'constructs:' must be a non-empty list")
        }
        var constructs: [Construct] = []
        var seenItems: [String: Int] = [:]
        for node in list {
            let construct = try reader.construct(node, defaultScale: defaultScale)
            if constructs.contains(where: { $0.code == construct.code }) {
                throw .duplicateCode(file: source, line: Self.line(node), code: construct.code, kind: "construct")
            }
            for item in construct.items {
                if seenItems[item.code] != nil {
                    throw .duplicateCode(file: source, line: Self.line(node), code: item.code, kind: "item")
                }
                seenItems[item.code] = 1
            }
            constructs.append(construct)
        }
        let respondent = try RespondentColumns(respondent: mapping["respondent"], checks: mapping["attention_checks"], file: source)
        self.init(source: source, title: try reader.text(mapping["title"], field: "title"), constructs: constructs, respondent: respondent)
    }

    static func line(_ node: Node) -> Int { node.mark.map { $0.line } ?? 1 }

    /// The survey with every instrument item checked and reverse-coded items recoded (min + max - x).
    ///
    /// Throws when items are missing from the data (all of them listed, with suggestions), are not
    /// numeric, or hold answers outside their declared scale (rows and values reported).
    public func scored(_ data: SurveyData) throws(InstrumentError) -> SurveyData {
        let names = data.columnNames
        let absent = (items.map(\.code) + respondent.declaredColumns).filter { !names.contains($0) }
        if !absent.isEmpty {
            throw .itemsNotInData(file: data.source, items: absent.map { ($0, NameSuggestion.closest(to: $0, among: names)) }.map(MissingItem.init))
        }
        var replaced: [String: SurveyColumn] = [:]
        for item in items {
            guard let column = data.columns.first(where: { $0.name == item.code }), let values = column.numbers else {
                throw .itemNotNumeric(file: data.source, item: item.code)
            }
            guard let scale = item.scale else { continue }
            var outside: [OutOfRangeAnswer] = []
            for (row, value) in values.enumerated() where !value.isNaN && (value < scale.minimum || value > scale.maximum) {
                outside.append(OutOfRangeAnswer(line: data.rowLines[row], value: value))
            }
            if !outside.isEmpty { throw .outOfRange(file: data.source, item: item.code, scale: scale, answers: outside) }
            if item.reverseCoded {
                let recoded = values.map { $0.isNaN ? $0 : scale.minimum + scale.maximum - $0 }
                replaced[item.code] = SurveyColumn(name: item.code, level: .numeric, values: .numeric(recoded))
            }
        }
        return SurveyData(source: data.source, columns: data.columns.map { replaced[$0.name] ?? $0 }, rowLines: data.rowLines)
    }

    /// An item the instrument names that the data lacks, with the closest column name.
    public struct MissingItem: Sendable, Equatable {
        public let code: String
        public let suggestion: String?
        init(_ pair: (String, String?)) {
            code = pair.0
            suggestion = pair.1
        }
    }

    /// An answer outside an item's scale: the file line and the value.
    public struct OutOfRangeAnswer: Sendable, Equatable {
        public let line: Int
        public let value: Double
    }
}

/// Reads the parts of an instrument from YAML nodes, naming the file and line of anything wrong.
struct InstrumentReader {
    let file: String

    func construct(_ node: Node, defaultScale: Instrument.Scale?) throws(InstrumentError) -> Instrument.Construct {
        guard let mapping = node.mapping else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "each construct must be a mapping with code, name and items")
        }
        let code = try requiredCode(mapping, node: node, kind: "construct")
        let known = ["code", "name", "definition", "source", "scale", "items"]
        for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
            throw .unknownKey(file: file, line: Instrument.line(node), key: key, section: "construct '\(code)'", suggestion: NameSuggestion.closest(to: key, among: known))
        }
        let scale = try self.scale(mapping["scale"]) ?? defaultScale
        guard let itemNodes = mapping["items"]?.sequence, !itemNodes.isEmpty else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "construct '\(code)' needs a non-empty 'items:' list")
        }
        let items = try itemNodes.map { (itemNode: Node) throws(InstrumentError) -> Instrument.Item in
            try item(itemNode, defaultScale: scale)
        }
        return Instrument.Construct(code: code, name: try text(mapping["name"], field: "name") ?? code,
                                    definition: try text(mapping["definition"], field: "definition"),
                                    reference: try text(mapping["source"], field: "source"), items: items)
    }

    func item(_ node: Node, defaultScale: Instrument.Scale?) throws(InstrumentError) -> Instrument.Item {
        if let code = node.scalar?.string, !code.isEmpty {
            return Instrument.Item(code: code, scale: defaultScale)
        }
        guard let mapping = node.mapping else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "an item must be a code or a mapping with 'code:'")
        }
        let code = try requiredCode(mapping, node: node, kind: "item")
        let reverse: Bool
        if let flag = mapping["reverse"] {
            guard let value = flag.scalar.flatMap(Bool.construct) else {
                throw .invalid(file: file, line: Instrument.line(flag), reason: "'reverse' of item '\(code)' must be true or false")
            }
            reverse = value
        } else {
            reverse = false
        }
        let scale = try self.scale(mapping["scale"]) ?? defaultScale
        if reverse && scale == nil {
            throw .invalid(file: file, line: Instrument.line(node),
                           reason: "item '\(code)' is reverse-coded but has no scale; give 'scale: {min: 1, max: 7}' so it can be recoded")
        }
        return Instrument.Item(code: code, english: try text(mapping["en"], field: "en"), chinese: try text(mapping["zh"], field: "zh"),
                               scale: scale, reverseCoded: reverse)
    }

    func scale(_ node: Node?) throws(InstrumentError) -> Instrument.Scale? {
        guard let node else { return nil }
        guard let mapping = node.mapping,
              let low = mapping["min"]?.scalar.flatMap(Double.construct), let high = mapping["max"]?.scalar.flatMap(Double.construct) else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "a scale must be a mapping such as {min: 1, max: 7}")
        }
        guard low < high else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "scale minimum \(low) is not below its maximum \(high)")
        }
        return Instrument.Scale(minimum: low, maximum: high)
    }

    func requiredCode(_ mapping: Node.Mapping, node: Node, kind: String) throws(InstrumentError) -> String {
        guard let code = mapping["code"]?.scalar?.string.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "every \(kind) needs a 'code:'")
        }
        return code
    }

    func list(_ node: Node?, field: String) throws(InstrumentError) -> [String] {
        guard let node else { return [] }
        if let single = node.scalar?.string { return [single] }
        guard let items = node.sequence?.compactMap({ $0.scalar?.string }), items.count == node.sequence?.count else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "'\(field)' must be a list of column names")
        }
        return items
    }

    func text(_ node: Node?, field: String) throws(InstrumentError) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            throw .invalid(file: file, line: Instrument.line(node), reason: "'\(field)' must be text")
        }
        return scalar.string
    }
}
