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
        let complete = try Self.completeRows(data, variables)
        guard complete.count > variables.count else { throw SEMError.tooFewRows(rows: complete.count, variables: variables.count) }
        self.variables = variables
        values = complete.rowMajor
        count = complete.count
        droppedRows = complete.droppedRows
    }

    /// The model variables' complete rows of `data` (``CompleteRows``), each variable required to
    /// exist and be numeric.
    static func completeRows(_ data: SurveyData, _ variables: [String]) throws(SEMError) -> CompleteRows {
        try CompleteRows(
            data, columns: variables, unknown: { SEMError.unknownVariable(name: $0, suggestion: $1) },
            notNumeric: { .notNumeric(name: $0) })
    }

    /// Cases given directly, row-major (a transformed copy, as in the Bollen-Stine bootstrap, or simulated data).
    public init(variables: [String], values: [Double], count: Int, droppedRows: Int) {
        self.variables = variables
        self.values = values
        self.count = count
        self.droppedRows = droppedRows
    }

    /// The rows `rows` (repeats allowed: a bootstrap sample) as cases of their own.
    public func selecting(_ rows: [Int]) -> CompleteCases {
        let p = variables.count
        var selected: [Double] = []
        selected.reserveCapacity(rows.count * p)
        for row in rows { selected.append(contentsOf: values[row * p..<(row + 1) * p]) }
        return CompleteCases(variables: variables, values: selected, count: rows.count, droppedRows: 0)
    }

    /// Means and covariance (divisor N) of the rows `rows` (repeats allowed: a bootstrap sample).
    public func moments(of rows: [Int], droppedRows: Int = 0) -> SampleMoments {
        let (means, covariance) = CrossProducts.centred(values, rows: rows, columns: variables.count, divisor: Double(rows.count))
        return SampleMoments(variables: variables, means: means, covariance: covariance, count: rows.count, droppedRows: droppedRows)
    }
}
