import Foundation
import TrustPathLinalg
import TrustPathModelSpec

/// Generalized and unweighted least squares on complete continuous data, as lavaan's
/// `estimator = "GLS"` and `"ULS"` with their defaults (Browne 1974, 1984; Bollen 1989, ch. 4):
/// - F = (s - σ(θ))ᵀW(s - σ(θ)) over vech(S), W = ½Dᵀ(S⁻¹⊗S⁻¹)D for GLS, the identity for ULS,
///   with S the unbiased covariance matrix (divisor N - 1, as lavaan uses for these estimators);
/// - exogenous observed variables are modelled, not fixed (lavaan's fixed.x = FALSE for these
///   estimators): build the table with `ModelOptions(fixedExogenous: false)`;
/// - standard errors from the expected information, V = (ΔᵀWΔ)⁻¹/(N-1) (lavaan's se = "standard";
///   for ULS this is lavaan's convention, not a sandwich);
/// - X² = (N-1)·F (lavaan's fmin is X²/(2N)); the baseline is the independence model fitted by the
///   same estimator; the RMSEA uses N - 1; the SRMR compares S and Σ̂; ULS's X² has no p-value
///   (NA, as lavaan: without the optimal weight it is not χ²-distributed).
public struct LeastSquaresFit: Sendable {
    public enum Estimator: String, Sendable {
        case gls, uls
    }

    public let estimator: Estimator
    public let fit: SEMFit
    public let measures: FitMeasures

    public init(table: ParameterTable, cases: CompleteCases, estimator: Estimator) throws(SEMError) {
        guard !table.options.meanStructure else { throw SEMError.unsupported("a mean structure with \(estimator.rawValue.uppercased())") }
        let ml = SampleMoments(cases), n = Double(ml.count)
        let moments = SampleMoments(variables: ml.variables, means: ml.means, covariance: (n / (n - 1)) * ml.covariance, count: ml.count,
                                    droppedRows: ml.droppedRows)
        let model = try SEMModel(table: table, moments: moments)
        let p = model.p, pairs = RobustML.vechPairs(p), s = moments.covariance
        let sample = pairs.map { s[$0.i, $0.j] }
        let weight: LeastSquaresDiscrepancy.Weight
        switch estimator {
        case .gls:
            let inverse: Matrix
            do { inverse = try s.inverseSPD() } catch {
                try moments.checkPositiveDefinite()
                throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
            }
            weight = .full(RobustML.normalWeight(inverse, pairs: pairs))
        case .uls:
            weight = .diagonal([Double](repeating: 1, count: pairs.count))
        }
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: pairs.count)
        }
        let problem = LeastSquaresDiscrepancy(model: model, pairs: pairs, sample: sample, weight: weight)
        let solution = try MLEstimator.minimize(problem, start: StartValues.vector(for: model), curvature: nil)
        guard let (evaluation, f) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Gauss-Newton then BFGS on the \(estimator.rawValue.uppercased()) discrepancy")
        }
        let information = problem.information(at: evaluation)
        let (covariance, problemParameters) = SEMFit.covariance(unitInformation: information, count: moments.count - 1, model: model)
        fit = SEMFit(model: model, solution: solution, evaluation: evaluation.model, information: .expected, covariance: covariance,
                     informationProblem: problemParameters)
        self.estimator = estimator

        // The independence model, fitted by the same estimator.
        let exogenous = table.variables.freeExogenousObserved.compactMap { moments.variables.firstIndex(of: $0) }
        let baseline = Self.independence(problem: problem, exogenous: exogenous)
        let chisq = (n - 1) * f
        measures = LeastSquaresFit.measures(chisq: chisq, baseline: ((n - 1) * baseline.discrepancy, Double(pairs.count - baseline.parameters)),
                                            fit: fit, n: n, estimator: estimator)
    }

    /// min of F over the independence model, Σ diagonal but for the covariances among the modelled
    /// exogenous observed variables (lavaan's baseline keeps them): a linear least-squares problem
    /// in those free elements.
    static func independence(problem: LeastSquaresDiscrepancy, exogenous: [Int]) -> (discrepancy: Double, parameters: Int) {
        let exogenousSet = Set(exogenous)
        let free = problem.pairs.indices.filter { x in
            let pair = problem.pairs[x]
            return pair.i == pair.j || (exogenousSet.contains(pair.i) && exogenousSet.contains(pair.j))
        }
        let m = problem.pairs.count
        var delta = Matrix(rows: m, columns: free.count), weightedColumns = delta
        for (k, x) in free.enumerated() { delta[x, k] = 1 }
        for k in free.indices {
            let column = problem.weighted(delta.column(k))
            for x in 0..<m { weightedColumns[x, k] = column[x] }
        }
        guard let d = try? (delta.transposed * weightedColumns).solve(weightedColumns.transposed * problem.sample) else { return (.nan, free.count) }
        let residual = zip(problem.sample, delta * d).map(-)
        return (dot(residual, problem.weighted(residual)), free.count)
    }

    static func measures(chisq: Double, baseline: (chisq: Double, df: Double), fit: SEMFit, n: Double, estimator: Estimator) -> FitMeasures {
        let model = fit.model
        let df = Double(model.degreesOfFreedom), baselineDF = baseline.df
        let baseline = baseline.chisq
        let survival = { (x: Double, k: Double) in k > 0 ? ChiSquared.survival(x, degreesOfFreedom: k) : .nan }
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baseline, baselineDF: baselineDF)
        let tli = FitIndex.tli(comparison)
        let rmseaN = n - 1
        let rmsea = df > 0 ? max(0, (chisq - df) / (rmseaN * df)).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: rmseaN)
        let close = df > 0 ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: rmseaN * df * 0.05 * 0.05) : .nan
        let residuals = ResidualSummaries(sample: model.moments.covariance, implied: fit.impliedCovariance, sampleMeans: [], impliedMeans: [])
        // lavaan gives ULS's X² no p-value: without the optimal weight it is not χ²-distributed.
        return FitMeasures(values: [
            ("npar", Double(model.freeCount)), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df),
            ("pvalue", estimator == .uls ? .nan : survival(chisq, df)),
            ("baseline.chisq", baseline), ("baseline.df", baselineDF), ("baseline.pvalue", survival(baseline, baselineDF)),
            ("cfi", FitIndex.cfi(comparison)), ("tli", tli), ("nnfi", tli), ("nfi", FitIndex.nfi(comparison)),
            ("rmsea", rmsea), ("rmsea.ci.lower", lower), ("rmsea.ci.upper", upper), ("rmsea.ci.level", 0.90), ("rmsea.pvalue", close),
            ("srmr", residuals.srmrBentlerNoMean), ("srmr_bentler_nomean", residuals.srmrBentlerNoMean), ("ntotal", n),
        ])
    }
}
