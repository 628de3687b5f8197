import Foundation
import TrustPathLinalg
import TrustPathModelSpec

/// The least-squares family on complete continuous data, as lavaan's `estimator = "GLS"`, `"WLS"`,
/// `"DWLS"`, `"ULS"`, `"WLSMV"` and `"ULSMV"` (Browne 1974, 1984; Muthén, du Toit & Spisic 1997;
/// Bollen 1989, ch. 4):
/// - the moments s are the means (with a mean structure) and vech(S), S with divisor N - 1 (lavaan's
///   for these estimators); F = (s - σ(θ))ᵀW(s - σ(θ)) with W = S⁻¹ ⊕ ½Dᵀ(S⁻¹⊗S⁻¹)D for GLS,
///   Γ⁻¹ for WLS (ADF), diag(Γ)⁻¹ for DWLS and WLSMV, the identity for ULS and ULSMV; Γ is the
///   asymptotic covariance of the moments, ``RobustML/momentGamma(_:means:covariance:pairs:hasMeans:)``;
/// - exogenous observed variables are modelled, not fixed (lavaan's fixed.x = FALSE for these
///   estimators): build the table with `ModelOptions(fixedExogenous: false)`;
/// - standard errors (se = "standard") V = A⁻¹/(N-1) with A = ΔᵀWΔ (for ULS and DWLS lavaan's
///   convention, not a sandwich); robust (se = "robust.sem", WLSMV's and ULSMV's default)
///   V = A⁻¹ΔᵀWΓWΔA⁻¹/(N-1);
/// - X² = (N-1)·F (lavaan's fmin is X²/(2N)); the scaled-shifted test (WLSMV's and ULSMV's default;
///   Asparouhov & Muthén 2010) T = aX² + b, a = √(df/tr((UΓ)²)), b = df - a·tr(UΓ),
///   U = W - WΔA⁻¹ΔᵀW; the baseline is the independence model fitted by the same estimator; the RMSEA
///   uses N - 1; the SRMR compares S and Σ̂ (and the means); ULS's X² has no p-value (NA, as
///   lavaan: without the optimal weight it is not χ²-distributed).
public struct LeastSquaresFit: Sendable {
    public enum Estimator: String, Sendable, CaseIterable {
        case gls, uls, wls, dwls, wlsmv, ulsmv

        /// lavaan's defaults: robust.sem standard errors and the scaled-shifted test for the "MV" ones.
        var isRobustByDefault: Bool { self == .wlsmv || self == .ulsmv }
        /// ULS and ULSMV: lavaan gives their unscaled X² no p-value (without the optimal weight it
        /// is not χ²-distributed).
        var isUnweighted: Bool { self == .uls || self == .ulsmv }
    }

    public let estimator: Estimator
    public let fit: SEMFit
    public let measures: FitMeasures
    /// With the scaled-shifted test: the pieces of lavaan's satorra.2000 difference test.
    public let differenceTest: Satorra2000Test?

    /// Fits `table` to the complete `cases`; `robust` asks for robust.sem standard errors and
    /// `scaledShifted` for the scaled-shifted test (each nil: the estimator's default).
    public init(
        table: ParameterTable, cases: CompleteCases, estimator: Estimator, robust: Bool? = nil,
        scaledShifted: Bool? = nil
    ) throws(SEMError) {
        let robust = robust ?? estimator.isRobustByDefault
        let scaledShifted = scaledShifted ?? estimator.isRobustByDefault
        let (problem, moments, gamma) = try Self.problem(
            model: try SEMModel(table: table, moments: SampleMoments(cases)), cases: cases, estimator: estimator,
            needsGamma: robust || scaledShifted)
        let model = problem.model, n = Double(moments.count), s = moments.covariance, sample = problem.sample
        let hasMeans = model.lisrel.hasMeans
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: sample.count)
        }
        let solution = try MLEstimator.minimize(problem, start: StartValues.vector(for: model), curvature: nil)
        let name = estimator.rawValue.uppercased()
        guard let (evaluation, f) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(
                iterations: solution.iterations, gradient: .nan,
                tried: "Gauss-Newton then BFGS on the \(name) discrepancy")
        }
        let information = problem.information(at: evaluation)
        var (covariance, problemParameters) = SEMFit.covariance(
            unitInformation: information, count: moments.count - 1, model: model)
        let weightedDelta = problem.weightedColumns(evaluation.jacobian)
        if robust, let gamma, problemParameters == nil {
            // A⁻¹/(N-1) is the covariance above; the sandwich is (N-1)·C·(ΔᵀWΓWΔ)·C.
            let meat = weightedDelta.transposed * gamma * weightedDelta
            covariance = (n - 1) * (covariance * meat * covariance)
        }
        fit = SEMFit(
            model: model, solution: solution, evaluation: evaluation.model, information: .expected,
            covariance: covariance, informationProblem: problemParameters)
        self.estimator = estimator

        // The independence model, fitted by the same estimator.
        let exogenous = table.variables.freeExogenousObserved.compactMap { moments.variables.firstIndex(of: $0) }
        let baseline = Self.independence(problem: problem, exogenous: exogenous)
        let chisq = (n - 1) * f
        let df = Double(model.degreesOfFreedom)
        let baselineFit = ((n - 1) * baseline.discrepancy, Double(sample.count - baseline.delta.columns))
        let sampleMeans = hasMeans ? moments.means : []
        let impliedMeans = hasMeans ? evaluation.model.mu : []
        let residuals = ResidualSummaries(
            sample: s, implied: fit.impliedCovariance, sampleMeans: sampleMeans, impliedMeans: impliedMeans)
        let srmr = hasMeans ? residuals.srmrBentler : residuals.srmrBentlerNoMean
        guard scaledShifted, let gamma else {
            measures = Self.measures(
                chisq: chisq, baseline: baselineFit, fit: fit, n: n, estimator: estimator, srmr: srmr,
                srmrNoMean: residuals.srmrBentlerNoMean)
            differenceTest = nil
            return
        }
        differenceTest = (try? information.inverseSPD()).map {
            Satorra2000Test(
                jacobian: evaluation.jacobian, weight: problem.weightedColumns(Matrix.identity(sample.count)),
                gamma: gamma, informationInverse: $0, chiSquare: chisq, degreesOfFreedom: model.degreesOfFreedom)
        }
        let (a, b) = Self.scaledShifted(problem, delta: evaluation.jacobian, gamma: gamma, df: df)
        let (baselineA, baselineB) = Self.scaledShifted(problem, delta: baseline.delta, gamma: gamma, df: baselineFit.1)
        let scaled = WLSMVMeasures(
            chisq: chisq, scaled: (a, b), df: df, baseline: (baselineFit.0, baselineFit.1, baselineA, baselineB), n: n,
            npar: Double(model.freeCount), groups: 1, srmr: srmr
        ).measures
        let unweighted: Set = ["pvalue", "baseline.pvalue"]
        measures = FitMeasures(
            values: scaled.values.map { entry in
                if estimator.isUnweighted && unweighted.contains(entry.name) { return (entry.name, .nan) }
                return entry.name == "srmr_bentler_nomean" ? (entry.name, residuals.srmrBentlerNoMean) : entry
            })
    }

    /// The discrepancy of `estimator` for the rows `cases`: the model on their moments (covariance
    /// with divisor N - 1, as lavaan's least-squares estimators), the weight and, when the weight or
    /// `needsGamma` asks for it, Γ of the moments.
    static func problem(
        model base: SEMModel, cases: CompleteCases, estimator: Estimator, needsGamma: Bool
    ) throws(SEMError) -> (LeastSquaresDiscrepancy, SampleMoments, Matrix?) {
        let ml = SampleMoments(cases)
        let n = Double(ml.count)
        let moments = SampleMoments(
            variables: ml.variables, means: ml.means, covariance: (n / (n - 1)) * ml.covariance, count: ml.count,
            droppedRows: ml.droppedRows)
        let model = base.with(moments: moments)
        let pairs = RobustML.vechPairs(model.p)
        let hasMeans = model.lisrel.hasMeans
        let sample = (hasMeans ? moments.means : []) + pairs.map { moments.covariance[$0.i, $0.j] }
        let gamma =
            needsGamma || [.wls, .dwls, .wlsmv].contains(estimator)
            ? RobustML.momentGamma(cases, means: ml.means, covariance: ml.covariance, pairs: pairs, hasMeans: hasMeans)
            : nil
        let weight = try Self.weight(estimator, moments: moments, gamma: gamma, pairs: pairs, hasMeans: hasMeans)
        let problem = LeastSquaresDiscrepancy(
            model: model, pairs: pairs, sample: sample, weight: weight, meanCount: hasMeans ? model.p : 0)
        return (problem, moments, gamma)
    }

    /// The estimates on the rows `rows` of `cases` (a bootstrap draw), started from this fit's:
    /// the draw's own moments, weight and minimum; nil when either fails.
    func refit(cases: CompleteCases, rows: [Int]) -> (model: SEMModel, theta: [Double])? {
        let drawn = cases.selecting(rows)
        guard let (problem, _, _) = try? Self.problem(model: fit.model, cases: drawn, estimator: estimator, needsGamma: false),
            let solution = try? MLEstimator.minimize(problem, start: fit.solution.theta, curvature: nil)
        else { return nil }
        return (problem.model, solution.theta)
    }

    /// The estimator's weight matrix over the moments.
    static func weight(
        _ estimator: Estimator, moments: SampleMoments, gamma: Matrix?, pairs: [(i: Int, j: Int)], hasMeans: Bool
    ) throws(SEMError) -> LeastSquaresDiscrepancy.Weight {
        let count = (hasMeans ? moments.means.count : 0) + pairs.count
        switch estimator {
        case .gls:
            guard let inverse = try? moments.covariance.inverseSPD() else {
                try moments.checkPositiveDefinite()
                throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
            }
            return .full(RobustML.momentWeight(inverse, pairs: pairs, hasMeans: hasMeans))
        case .uls, .ulsmv:
            return .diagonal([Double](repeating: 1, count: count))
        case .wls:
            guard let gamma, let inverse = try? gamma.inverseSPD() else {
                throw SEMError.unsupported(
                    "WLS here: the asymptotic covariance of the sample moments (Γ) is singular, so its inverse, WLS's "
                        + "weight, does not exist (too few cases for the number of moments?); use DWLS or ML")
            }
            return .full(inverse)
        case .dwls, .wlsmv:
            guard let gamma else { return .diagonal([Double](repeating: 1, count: count)) }
            return .diagonal((0..<gamma.rows).map { 1 / gamma[$0, $0] })
        }
    }

    /// a and b of the scaled-shifted test for a model with Jacobian `delta` (a = √(df/tr((UΓ)²)),
    /// b = df - a·tr(UΓ)); NaN without degrees of freedom.
    static func scaledShifted(
        _ problem: LeastSquaresDiscrepancy, delta: Matrix, gamma: Matrix, df: Double
    ) -> (Double, Double) {
        let weightedDelta = problem.weightedColumns(delta)
        guard df > 0, let inner = try? (delta.transposed * weightedDelta).inverseSPD() else { return (.nan, .nan) }
        var u = weightedDelta * inner * weightedDelta.transposed
        let weight = problem.weightedColumns(Matrix.identity(delta.rows))
        for x in 0..<u.rows { for y in 0..<u.columns { u[x, y] = weight[x, y] - u[x, y] } }
        let ug = u * gamma
        let trace = (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }
        return WLSMVFit.scaledShifted(trace: trace, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: df)
    }

    /// min of F over the independence model, Σ diagonal but for the covariances among the modelled
    /// exogenous observed variables (lavaan's baseline keeps them), the means free: a linear
    /// least-squares problem in those free moments. Returns F and the baseline's Jacobian (a
    /// column per free moment).
    static func independence(
        problem: LeastSquaresDiscrepancy, exogenous: [Int]
    ) -> (discrepancy: Double, delta: Matrix) {
        let exogenousSet = Set(exogenous)
        let meanCount = problem.meanCount
        let free =
            Array(0..<meanCount)
            + problem.pairs.indices.filter { x in
                let pair = problem.pairs[x]
                return pair.i == pair.j || (exogenousSet.contains(pair.i) && exogenousSet.contains(pair.j))
            }.map { meanCount + $0 }
        let m = problem.sample.count
        var delta = Matrix(rows: m, columns: free.count)
        for (k, x) in free.enumerated() { delta[x, k] = 1 }
        let weightedColumns = problem.weightedColumns(delta)
        guard let d = try? (delta.transposed * weightedColumns).solve(weightedColumns.transposed * problem.sample)
        else {
            return (.nan, delta)
        }
        let residual = zip(problem.sample, delta * d).map(-)
        return (dot(residual, problem.weighted(residual)), delta)
    }

    static func measures(
        chisq: Double, baseline: (chisq: Double, df: Double), fit: SEMFit, n: Double, estimator: Estimator,
        srmr: Double, srmrNoMean: Double
    ) -> FitMeasures {
        let model = fit.model
        let df = Double(model.degreesOfFreedom)
        let baselineDF = baseline.df
        let baseline = baseline.chisq
        let survival = { (x: Double, k: Double) in k > 0 ? ChiSquared.survival(x, degreesOfFreedom: k) : .nan }
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baseline, baselineDF: baselineDF)
        let tli = FitIndex.tli(comparison)
        let rmseaN = n - 1
        let rmsea = df > 0 ? max(0, (chisq - df) / (rmseaN * df)).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: rmseaN)
        let close =
            df > 0
            ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: rmseaN * df * 0.05 * 0.05) : .nan
        let unweighted = estimator.isUnweighted
        return FitMeasures(values: [
            ("npar", Double(model.freeCount)), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df),
            ("pvalue", unweighted ? .nan : survival(chisq, df)),
            ("baseline.chisq", baseline), ("baseline.df", baselineDF),
            ("baseline.pvalue", unweighted ? .nan : survival(baseline, baselineDF)),
            ("cfi", FitIndex.cfi(comparison)), ("tli", tli), ("nnfi", tli), ("nfi", FitIndex.nfi(comparison)),
            ("rmsea", rmsea), ("rmsea.ci.lower", lower), ("rmsea.ci.upper", upper), ("rmsea.ci.level", 0.90),
            ("rmsea.pvalue", close),
            ("srmr", srmr), ("srmr_bentler", srmr), ("srmr_bentler_nomean", srmrNoMean), ("ntotal", n),
        ])
    }
}
