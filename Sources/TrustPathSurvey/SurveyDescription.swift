/// What `trustpath describe` computes: per-column summaries by measurement level and the
/// correlations of the numeric columns.
public struct SurveyDescription: Sendable {
    public let source: String
    public let rowCount: Int
    public let numeric: [NumericSummary]
    public let frequencies: [FrequencyTable]
    /// Free-text columns: name and number of non-empty answers. Their content is never shown.
    public let textColumns: [(name: String, answered: Int)]
    public let correlations: CorrelationTable

    public init(_ data: SurveyData) {
        source = data.source
        rowCount = data.rowCount
        var numeric: [NumericSummary] = [], numericColumns: [[Double]] = []
        var frequencies: [FrequencyTable] = [], text: [(String, Int)] = []
        for column in data.columns {
            switch (column.level, column.values) {
            case (.numeric, .numeric(let values)):
                numeric.append(NumericSummary(variable: column.name, values: values))
                numericColumns.append(values)
            case (.categorical, .coded(let codes, let levels)):
                frequencies.append(FrequencyTable(variable: column.name, codes: codes, levels: levels))
            default:
                text.append((column.name, column.count - column.missingCount))
            }
        }
        self.numeric = numeric
        self.frequencies = frequencies
        textColumns = text
        correlations = CorrelationTable(variables: numeric.map(\.variable), columns: numericColumns)
    }
}
