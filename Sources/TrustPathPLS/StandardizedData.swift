import Foundation
import TrustPathLinalg
import TrustPathSurvey

/// The indicators' values on the rows where none is missing, standardized to mean 0 and standard
/// deviation 1 with divisor n - 1 (R's `scale()`, as seminr and SmartPLS standardize).
public struct StandardizedData: Sendable {
    public let names: [String]
    /// Row-major n x k, standardized.
    public let values: [Double]
    public let count: Int
    public let droppedRows: Int
    /// The raw rows (row-major), for resampling and prediction in the original units.
    public let raw: [Double]
    public let means: [Double]
    public let deviations: [Double]

    public init(data: SurveyData, indicators: [String]) throws(PLSError) {
        let complete = try CompleteRows(
            data, columns: indicators, unknown: { PLSError.unknownIndicator(name: $0, suggestion: $1) },
            notNumeric: { PLSError.notNumeric(name: $0) })
        try self.init(names: indicators, raw: complete.rowMajor, count: complete.count, droppedRows: complete.droppedRows)
    }

    /// Standardizes `raw` (row-major, `count` rows).
    public init(names: [String], raw: [Double], count n: Int, droppedRows: Int = 0) throws(PLSError) {
        let k = names.count
        guard n > k + 1 || n > 3 else { throw .tooFewRows(rows: n, needed: 4) }
        var means = [Double](repeating: 0, count: k), deviations = means
        for j in 0..<k {
            var sum = 0.0
            for r in 0..<n { sum += raw[r * k + j] }
            let mean = sum / Double(n)
            var squares = 0.0
            for r in 0..<n { let d = raw[r * k + j] - mean; squares += d * d }
            means[j] = mean
            deviations[j] = (squares / Double(n - 1)).squareRoot()
            guard deviations[j] > 0 else { throw .constantIndicator(name: names[j]) }
        }
        var values = raw
        for r in 0..<n { for j in 0..<k { values[r * k + j] = (raw[r * k + j] - means[j]) / deviations[j] } }
        self.names = names
        self.values = values
        self.count = n
        self.droppedRows = droppedRows
        self.raw = raw
        self.means = means
        self.deviations = deviations
    }

    /// These rows (repeats allowed: a bootstrap sample), standardized afresh.
    public func resampled(_ rows: [Int]) throws(PLSError) -> StandardizedData {
        let k = names.count
        var subset: [Double] = []
        subset.reserveCapacity(rows.count * k)
        for r in rows { subset.append(contentsOf: raw[(r * k)..<((r + 1) * k)]) }
        return try StandardizedData(names: names, raw: subset, count: rows.count)
    }

    /// The correlation matrix of the indicators.
    public var correlation: Matrix {
        let x = Matrix(rows: count, columns: names.count, elements: values)
        return (1 / Double(count - 1)) * (x.transposed * x)
    }
}
