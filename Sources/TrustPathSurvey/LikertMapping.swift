import Foundation

/// Text labels of Likert answers and the numbers they stand for ("Strongly agree" = 7,
/// "非常同意" = 7). Labels match after trimming white space, ignoring case.
public struct LikertMapping: Sendable, Equatable {
    private var valuesByKey: [String: Double] = [:]
    /// The labels as the user wrote them, in the order given.
    public private(set) var labels: [String] = []

    public init(_ pairs: [(label: String, value: Double)] = []) {
        for pair in pairs { add(pair.label, pair.value) }
    }

    private mutating func add(_ label: String, _ value: Double) {
        let key = LikertMapping.key(label)
        if valuesByKey[key] == nil { labels.append(label.trimmingCharacters(in: .whitespaces)) }
        valuesByKey[key] = value
    }

    /// The number for `label`, if it is one of the mapping's labels.
    public func value(for label: String) -> Double? { valuesByKey[LikertMapping.key(label)] }

    private static func key(_ label: String) -> String {
        label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Reads a mapping file: a CSV with two fields per row, `label,value`; an optional header row
    /// `label,value` is skipped.
    public static func read(from path: String) throws(SurveyError) -> LikertMapping {
        let table = try CSVFile.records(at: path, delimiter: UInt8(ascii: ","))
        var mapping = LikertMapping()
        for (offset, record) in table.enumerated() {
            let line = record.line
            guard record.fields.count == 2 else {
                throw SurveyError.invalidLikertMapping(file: path, line: line, reason: "the row has \(record.fields.count) fields")
            }
            let label = record.fields[0].trimmingCharacters(in: .whitespaces)
            let valueText = record.fields[1].trimmingCharacters(in: .whitespaces)
            if offset == 0, label.lowercased() == "label", valueText.lowercased() == "value" { continue }
            guard !label.isEmpty else {
                throw SurveyError.invalidLikertMapping(file: path, line: line, reason: "the label is empty")
            }
            guard let value = Double(valueText), value.isFinite else {
                throw SurveyError.invalidLikertMapping(file: path, line: line, reason: "'\(valueText)' is not a number")
            }
            mapping.add(label, value)
        }
        guard !mapping.labels.isEmpty else { throw SurveyError.emptyFile(file: path) }
        return mapping
    }
}
