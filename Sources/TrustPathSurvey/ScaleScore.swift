/// A scale score: the mean of its items per row, missing when any item is missing (the composite
/// a construct's items form when it enters a regression or an interaction).
public struct ScaleScore: Sendable, Equatable {
    public let name: String
    public let items: [String]

    public init(name: String, items: [String]) {
        self.name = name
        self.items = items
    }

    /// `NAME=item1,item2,...`; nil when it does not read so.
    public init?(definition: String) {
        let parts = definition.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let items = parts[1].split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        guard !items.isEmpty else { return nil }
        name = parts[0]
        self.items = items
    }

    /// `data` with this score as a numeric column (replacing a column of the same name).
    public func adding(to data: SurveyData) throws(SurveyError) -> SurveyData {
        var columns: [[Double]] = []
        for item in items {
            guard let numbers = try data.column(named: item).numbers else { throw .columnNotNumeric(column: item, file: data.source) }
            columns.append(numbers)
        }
        let scores = (0..<data.rowCount).map { row -> Double in
            let values = columns.map { $0[row] }
            return values.contains { $0.isNaN } ? .nan : values.reduce(0, +) / Double(values.count)
        }
        let kept = data.columns.filter { $0.name != name }
        return SurveyData(source: data.source, columns: kept + [SurveyColumn(name: name, level: .numeric, values: .numeric(scores))],
                          rowLines: data.rowLines)
    }
}
