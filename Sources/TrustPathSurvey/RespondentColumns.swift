import Yams

/// The non-item columns an instrument declares: who answered (id), whether they consented, how long
/// they took, the attention checks, demographics, country, and which columns hold personal data.
///
/// ```yaml
/// respondent:
///   id: response_id
///   consent: {column: consent, accept: "yes"}
///   duration: duration_s
///   country: country
///   demographics: [gender, age_group]
///   personal: [name, email, phone, ip, comment]
/// attention_checks:
///   - {column: AC1, expected: 2}
/// ```
public struct RespondentColumns: Sendable, Equatable {
    public struct AttentionCheck: Sendable, Equatable {
        public let column: String
        public let expected: String
        public init(column: String, expected: String) {
            self.column = column
            self.expected = expected
        }
    }

    public var id: String?
    public var consentColumn: String?
    public var consentAccepts: String?
    public var duration: String?
    public var country: String?
    public var demographics: [String] = []
    public var personal: [String] = []
    public var attentionChecks: [AttentionCheck] = []

    public init() {}

    /// Every column this part names (for checking them against the data).
    public var declaredColumns: [String] {
        [id, consentColumn, duration, country].compactMap { $0 } + demographics + personal + attentionChecks.map(\.column)
    }

    init(respondent: Node?, checks: Node?, file: String) throws(InstrumentError) {
        let reader = InstrumentReader(file: file)
        if let respondent {
            guard let mapping = respondent.mapping else {
                throw .invalid(file: file, line: Instrument.line(respondent), reason: "'respondent:' must be a mapping (id, consent, duration, country, demographics, personal)")
            }
            let known = ["id", "consent", "duration", "country", "demographics", "personal"]
            for key in mapping.keys.compactMap(\.string) where !known.contains(key) {
                throw .unknownKey(file: file, line: Instrument.line(respondent), key: key, section: "respondent", suggestion: NameSuggestion.closest(to: key, among: known))
            }
            id = try reader.text(mapping["id"], field: "id")
            duration = try reader.text(mapping["duration"], field: "duration")
            country = try reader.text(mapping["country"], field: "country")
            demographics = try reader.list(mapping["demographics"], field: "demographics")
            personal = try reader.list(mapping["personal"], field: "personal")
            if let consent = mapping["consent"] {
                guard let fields = consent.mapping, let column = fields["column"]?.scalar?.string, let accept = fields["accept"]?.scalar?.string else {
                    throw .invalid(file: file, line: Instrument.line(consent), reason: "'consent' must look like {column: consent, accept: \"yes\"}")
                }
                consentColumn = column
                consentAccepts = accept
            }
        }
        if let checks {
            guard let list = checks.sequence else {
                throw .invalid(file: file, line: Instrument.line(checks), reason: "'attention_checks:' must be a list of {column: ..., expected: ...}")
            }
            attentionChecks = try list.map { (node: Node) throws(InstrumentError) -> AttentionCheck in
                guard let fields = node.mapping, let column = fields["column"]?.scalar?.string, let expected = fields["expected"]?.scalar?.string else {
                    throw .invalid(file: file, line: Instrument.line(node), reason: "an attention check must look like {column: AC1, expected: 2}")
                }
                return AttentionCheck(column: column, expected: expected)
            }
        }
    }
}

extension SurveyColumn {
    /// Whether the cell in `row` holds `text`: the same label, or the same number when both are numbers.
    public func holds(_ text: String, row: Int) -> Bool {
        switch values {
        case .numeric(let numbers):
            guard let value = Double(text) else { return false }
            return numbers[row] == value
        case .coded(let codes, let levels):
            return codes[row] >= 0 && levels[Int(codes[row])] == text
        }
    }

    /// The cell in `row` as text ("" when missing).
    public func text(row: Int) -> String {
        switch values {
        case .numeric(let numbers):
            let value = numbers[row]
            guard !value.isNaN else { return "" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .coded(let codes, let levels):
            return codes[row] >= 0 ? levels[Int(codes[row])] : ""
        }
    }
}
