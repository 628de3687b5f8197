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
        self.init(try CompleteCases(data: data, variables: variables))
    }

    /// The moments of all rows of `cases`.
    public init(_ cases: CompleteCases) {
        self = cases.moments(of: Array(0..<cases.count), droppedRows: cases.droppedRows)
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
