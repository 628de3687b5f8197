import Foundation
import TrustPathLinalg
import TrustPathModelSpec

/// A fitted structural equation model: the estimates beside the parameter table, their covariance
/// matrix, fit measures and standardized solutions. Immutable; everything derived is computed from
/// the solution.
public struct SEMFit: Sendable {
    /// How standard errors are computed.
    public enum Information: String, Sendable {
        /// Expected (Fisher) information, lavaan's default for ML.
        case expected
        /// Observed information: the Hessian of the discrepancy function.
        case observed
    }

    public let model: SEMModel
    public let solution: MLEstimator.Solution
    public let information: Information
    /// Covariance matrix of the free parameters: I⁻¹ / N (NaN when the information is singular),
    /// or MLR's sandwich (``replacingCovariance(_:)``).
    public private(set) var covariance: Matrix
    /// The parameters in the null space of a singular information matrix; nil when it inverts.
    public let informationProblem: [String]?
    /// Values of the parameter rows (table order).
    public let rowValues: [Double]
    /// Implied covariance matrix and means at the solution.
    public let impliedCovariance: Matrix
    public let impliedMeans: [Double]
    let evaluation: ModelEvaluation
    /// Every parameter and defined parameter with standard errors and standardized values (table order).
    public private(set) var estimates: [ParameterEstimate] = []

    /// Fits `model` by maximum likelihood.
    public init(_ model: SEMModel, information: Information = .expected) throws(SEMError) {
        let solution = try MLEstimator.estimate(model)
        let evaluation: ModelEvaluation
        do { evaluation = try ModelEvaluation(model: model, theta: solution.theta) } catch {
            throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Fisher scoring")
        }
        let unitInformation: Matrix
        switch information {
        case .expected:
            unitInformation = ParameterDerivatives(model: model, evaluation: evaluation).expectedInformation(model: model, evaluation: evaluation)
        case .observed:
            unitInformation = ObservedInformation.matrix(model: model, theta: solution.theta)
        }
        let (covariance, problem) = Self.covariance(unitInformation: unitInformation, count: model.moments.count, model: model)
        self.init(model: model, solution: solution, evaluation: evaluation, information: information, covariance: covariance, informationProblem: problem)
    }

    /// A fit whose estimates and covariance were found elsewhere (FIML).
    init(model: SEMModel, solution: MLEstimator.Solution, evaluation: ModelEvaluation, information: Information, covariance: Matrix,
         informationProblem: [String]?) {
        self.covariance = covariance
        self.informationProblem = informationProblem
        self.model = model
        self.solution = solution
        self.information = information
        rowValues = model.rowValues(solution.theta)
        impliedCovariance = evaluation.sigma
        impliedMeans = evaluation.mu
        self.evaluation = evaluation
        estimates = computeEstimates()
    }

    /// I⁻¹/N, or NaN with the parameters a singular information cannot separate (estimates are then
    /// reported without standard errors, flagged as a Diagnostic, as lavaan reports them).
    static func covariance(unitInformation: Matrix, count: Int, model: SEMModel) -> (Matrix, [String]?) {
        let q = unitInformation.rows
        if Identification.isIdentified(information: unitInformation), let inverse = try? unitInformation.inverseSPD() {
            return ((1 / Double(count)) * inverse, nil)
        }
        return (Matrix(rows: q, columns: q, repeating: .nan), Identification.weakParameters(model: model, information: unitInformation))
    }

    /// (2I)⁻¹ at the estimates, with I the unit expected information: the starting curvature for
    /// refits of the same model (bootstrap), nil if it cannot be formed.
    var inverseHessian: Matrix? {
        let information = ParameterDerivatives(model: model, evaluation: evaluation).expectedInformation(model: model, evaluation: evaluation)
        return (try? information.inverseSPD()).map { 0.5 * $0 }
    }

    /// Sample size used.
    public var count: Int { model.moments.count }

    /// This fit with another covariance matrix of the free coordinates (MLR's sandwich): standard
    /// errors, `:=` values, effects and standardized inference all follow it.
    public func replacingCovariance(_ covariance: Matrix) -> SEMFit {
        var copy = self
        copy.covariance = covariance
        copy.estimates = copy.computeEstimates()
        return copy
    }

    /// Standard error of parameter row `r`: √(wᵀVw) with w its weights on the free coordinates.
    func standardError(row r: Int) -> Double {
        let w = model.rowWeights(r)
        return max(0, dot(w, covariance * w)).squareRoot()
    }
}

/// The observed information: the Hessian of ½F_ML by central differences of the analytic gradient
/// (step 1e-5 scaled by |θ|), symmetrised — what lavaan's `information = "observed"` uses for ML.
enum ObservedInformation {
    /// Threads for the columns: all cores unless a caller binds fewer (``SEM`` binds `--jobs`).
    /// Each column is the same whatever the number, so the matrix is too.
    @TaskLocal static var jobs = ProcessInfo.processInfo.activeProcessorCount

    static func matrix(model: SEMModel, theta: [Double]) -> Matrix {
        matrix(theta: theta) { t in
            guard let e = try? ModelEvaluation(model: model, theta: t) else { return [Double](repeating: .nan, count: t.count) }
            return ParameterDerivatives.gradient(model: model, evaluation: e)
        }
    }

    /// The same from any discrepancy's gradient. The columns are independent, so they are computed
    /// on all cores; each column is the same whatever the number of threads.
    static func matrix(theta: [Double], gradient: @escaping @Sendable ([Double]) -> [Double]) -> Matrix {
        let q = theta.count
        let columns = ParallelMap.run(count: q, jobs: jobs) { b -> [Double] in
            let h = 1e-5 * max(1, abs(theta[b]))
            var plus = theta, minus = theta
            plus[b] += h
            minus[b] -= h
            let gp = gradient(plus), gm = gradient(minus)
            return (0..<q).map { (gp[$0] - gm[$0]) / (2 * h) / 2 }
        }
        var hessian = Matrix(rows: q, columns: q)
        for (b, column) in columns.enumerated() { for (a, value) in (column ?? []).enumerated() { hessian[a, b] = value } }
        return 0.5 * (hessian + hessian.transposed)
    }
}
