import TrustPathLinalg
import TrustPathSurvey

/// The model variables' values on the rows where none is missing (listwise deletion), as a
/// row-major matrix: what bootstrap resampling draws from.
public struct CompleteCases: Sendable {
    public let variables: [String]
    /// Row-major, `count` x `variables.count`.
    let values: [Double]
    public let count: Int
    /// Rows left out for a missing value.
    public let droppedRows: Int

    public init(data: SurveyData, variables: [String]) throws(SEMError) {
        let columns = try Self.numericColumns(data, variables)
        let complete = (0..<data.rowCount).filter { row in columns.allSatisfy { !$0[row].isNaN } }
        guard complete.count > variables.count else { throw SEMError.tooFewRows(rows: complete.count, variables: variables.count) }
        var values: [Double] = []
        values.reserveCapacity(complete.count * variables.count)
        for row in complete { for column in columns { values.append(column[row]) } }
        self.variables = variables
        self.values = values
        count = complete.count
        droppedRows = data.rowCount - complete.count
    }

    /// The model variables' columns of `data`, each required to exist and be numeric.
    static func numericColumns(_ data: SurveyData, _ variables: [String]) throws(SEMError) -> [[Double]] {
        var columns: [[Double]] = []
        for name in variables {
            guard let column = data.columns.first(where: { $0.name == name }) else {
                throw SEMError.unknownVariable(name: name, suggestion: NameSuggestion.closest(to: name, among: data.columnNames))
            }
            guard let numbers = column.numbers else { throw SEMError.notNumeric(name: name) }
            columns.append(numbers)
        }
        return columns
    }

    /// Cases given directly, row-major (a transformed copy, as in the Bollen-Stine bootstrap, or simulated data).
    public init(variables: [String], values: [Double], count: Int, droppedRows: Int) {
        self.variables = variables
        self.values = values
        self.count = count
        self.droppedRows = droppedRows
    }

    /// Means and covariance (divisor N) of the rows `rows` (repeats allowed: a bootstrap sample).
    public func moments(of rows: [Int], droppedRows: Int = 0) -> SampleMoments {
        let (means, covariance) = CrossProducts.centred(values, rows: rows, columns: variables.count, divisor: Double(rows.count))
        return SampleMoments(variables: variables, means: means, covariance: covariance, count: rows.count, droppedRows: droppedRows)
    }
}
