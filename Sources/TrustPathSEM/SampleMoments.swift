import TrustPathLinalg
import TrustPathSurvey

/// Sample means and covariances of the model's observed variables on complete rows (listwise
/// deletion, lavaan's default `missing = "listwise"`), covariance with divisor N as lavaan's ML uses.
public struct SampleMoments: Sendable, Equatable {
    public let variables: [String]
    public let means: [Double]
    /// Divisor N.
    public let covariance: Matrix
    /// Complete rows used.
    public let count: Int
    /// Rows dropped for a missing value in a model variable.
    public let droppedRows: Int

    public init(variables: [String], means: [Double], covariance: Matrix, count: Int, droppedRows: Int = 0) {
        self.variables = variables
        self.means = means
        self.covariance = covariance
        self.count = count
        self.droppedRows = droppedRows
    }

    /// The moments of `variables` in `data`.
    public init(data: SurveyData, variables: [String]) throws(SEMError) {
        var columns: [[Double]] = []
        for name in variables {
            guard let column = data.columns.first(where: { $0.name == name }) else {
                throw SEMError.unknownVariable(name: name, suggestion: NameSuggestion.closest(to: name, among: data.columnNames))
            }
            guard let numbers = column.numbers else { throw SEMError.notNumeric(name: name) }
            columns.append(numbers)
        }
        let complete = (0..<data.rowCount).filter { row in columns.allSatisfy { !$0[row].isNaN } }
        let n = complete.count
        guard n > variables.count else { throw SEMError.tooFewRows(rows: n, variables: variables.count) }
        let p = variables.count
        let means = columns.map { column in complete.reduce(0) { $0 + column[$1] } / Double(n) }
        var covariance = Matrix(rows: p, columns: p)
        for i in 0..<p {
            for j in 0...i {
                var sum = 0.0
                for row in complete { sum += (columns[i][row] - means[i]) * (columns[j][row] - means[j]) }
                covariance[i, j] = sum / Double(n)
                covariance[j, i] = covariance[i, j]
            }
        }
        self.init(variables: variables, means: means, covariance: covariance, count: n, droppedRows: data.rowCount - n)
    }

    /// Throws when S is singular, naming the constant variables and a set of collinear ones.
    func checkPositiveDefinite() throws(SEMError) {
        if (try? covariance.cholesky()) != nil { return }
        let constant = variables.indices.filter { covariance[$0, $0] <= 1e-12 }.map { variables[$0] }
        var collinear: [String] = []
        if let eigen = try? SymmetricEigen(covariance), let smallest = eigen.values.indices.last {
            let vector = eigen.vectors.column(smallest)
            collinear = variables.indices.filter { abs(vector[$0]) > 0.1 && !constant.contains(variables[$0]) }.map { variables[$0] }
        }
        throw SEMError.sampleCovarianceNotPositiveDefinite(constant: constant, collinear: collinear)
    }
}
