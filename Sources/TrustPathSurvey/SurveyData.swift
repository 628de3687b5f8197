/// A survey as read from a file: named columns of equal length, one row per respondent.
public struct SurveyData: Sendable, Equatable {
    /// Where the data came from, as the user named it (used in messages).
    public let source: String
    public let columns: [SurveyColumn]
    /// The physical line in `source` where each row starts (rows may span lines inside quotes).
    public let rowLines: [Int]

    public init(source: String, columns: [SurveyColumn], rowLines: [Int]) {
        self.source = source
        self.columns = columns
        self.rowLines = rowLines
    }

    public var rowCount: Int { rowLines.count }
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`; throws with the closest existing name as a suggestion.
    public func column(named name: String) throws(SurveyError) -> SurveyColumn {
        if let column = columns.first(where: { $0.name == name }) { return column }
        throw SurveyError.unknownColumn(name: name, file: source, suggestion: NameSuggestion.closest(to: name, among: columnNames))
    }

    /// The data restricted to `names`, in that order.
    public func selecting(_ names: [String]) throws(SurveyError) -> SurveyData {
        var selected: [SurveyColumn] = []
        for name in names { selected.append(try column(named: name)) }
        return SurveyData(source: source, columns: selected, rowLines: rowLines)
    }
}
