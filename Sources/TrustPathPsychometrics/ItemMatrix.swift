import TrustPathLinalg
import TrustPathSurvey

/// Item responses on the rows where no item is missing (listwise deletion), with their covariance
/// (divisor n - 1, as R's `cov`) and correlation matrices: what every reliability statistic starts from.
public struct ItemMatrix: Sendable {
    public let items: [String]
    /// Row-major, `count` x `items.count`.
    public let values: [Double]
    public let count: Int
    /// Rows left out for a missing answer.
    public let droppedRows: Int
    public let covariance: Matrix
    public let correlation: Matrix

    /// The complete rows of `items` in `data`; every item must be numeric and vary.
    public init(data: SurveyData, items: [String]) throws(PsychometricsError) {
        let complete = try CompleteRows(
            data, columns: items, unknown: { PsychometricsError.unknownItem(name: $0, file: data.source, suggestion: $1) },
            notNumeric: { PsychometricsError.notNumeric(item: $0) })
        guard complete.count > items.count else { throw .tooFewRows(rows: complete.count, items: items.count) }
        try self.init(items: items, values: complete.rowMajor, droppedRows: complete.droppedRows)
    }

    /// Rows given directly, row-major.
    init(items: [String], values: [Double], droppedRows: Int = 0) throws(PsychometricsError) {
        self.items = items
        self.values = values
        self.droppedRows = droppedRows
        count = values.count / max(1, items.count)
        covariance = Self.covariance(values, rows: Array(0..<count), p: items.count)
        if let constant = covariance.diagonal.firstIndex(where: { !($0 > 0) }) { throw .zeroVariance(item: items[constant]) }
        correlation = Self.correlation(covariance)
    }

    /// The column of `item`, for the complete rows.
    public func column(_ j: Int) -> [Double] {
        let p = items.count
        return (0..<count).map { values[$0 * p + j] }
    }

    /// Covariance matrix (divisor m - 1) of the rows `rows` of a row-major matrix with `p` columns;
    /// rows may repeat (a bootstrap sample).
    static func covariance(_ values: [Double], rows: [Int], p: Int) -> Matrix {
        CrossProducts.centred(values, rows: rows, columns: p, divisor: Double(rows.count) - 1).matrix
    }

    /// r_ij = s_ij / sqrt(s_ii s_jj).
    static func correlation(_ covariance: Matrix) -> Matrix {
        let p = covariance.rows
        let sd = covariance.diagonal.map { $0.squareRoot() }
        var r = Matrix(rows: p, columns: p)
        for i in 0..<p { for j in 0..<p { r[i, j] = i == j ? 1 : covariance[i, j] / (sd[i] * sd[j]) } }
        return r
    }

    /// The correlation matrix of a bootstrap sample of rows.
    func correlation(ofRows rows: [Int]) -> Matrix {
        Self.correlation(Self.covariance(values, rows: rows, p: items.count))
    }

    /// The mean of item `j`.
    public func mean(_ j: Int) -> Double {
        let p = items.count
        return (0..<count).reduce(0.0) { $0 + values[$1 * p + j] } / Double(count)
    }

    /// The indices of `names` among the items.
    func indices(of names: [String]) -> [Int] { names.compactMap { items.firstIndex(of: $0) } }
}

extension Matrix {
    /// The sum of all elements.
    var elementSum: Double { elements.reduce(0, +) }
}
