import Foundation
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathResampling

/// A model of ordinal items fitted as lavaan's `estimator = "WLSMV"` (Muthén, du Toit & Spisic 1997):
/// - the sample statistics are the items' thresholds and polychoric correlations
///   (``PolychoricMoments``), with Γ their asymptotic covariance;
/// - DWLS estimates minimise F = Σ_k w_k (s_k - σ_k(θ))², w_k = 1/Γ_kk (thresholds are free, so
///   they equal the sample thresholds and only the correlations constrain θ);
/// - delta parameterization: the latent responses have unit variance, so an item's residual
///   variance is 1 - its explained variance, reported as a fixed row (lavaan's `~~` rows of ordinal items);
/// - robust standard errors V = (ΔᵀWΔ)⁻¹ΔᵀWΓWΔ(ΔᵀWΔ)⁻¹/(N-1) (lavaan's divisor for the
///   least-squares estimators, like its X² below);
/// - the mean-and-variance adjusted test in its scaled-shifted form (Asparouhov & Muthén 2010):
///   T = aX² + b, a = √(df/tr((UΓ)²)), b = df - a·tr(UΓ), U = W - WΔ(ΔᵀWΔ)⁻¹ΔᵀW, X² = (N-1)·F
///   (lavaan's fmin is X²/(2N));
///   lavaan reports 1/a as the scaling factor.
/// lavaan's other least-squares estimators of ordered items share all of this: ULSMV weighs every
/// statistic by 1 (so its unscaled X² has no p-value), and DWLS and ULS report the standard errors
/// (ΔᵀWΔ)⁻¹/(N-1) and the unscaled test (`estimator`, `robust`, `scaledShifted`).
/// Ordinal items are indicators of latent variables or outcomes that predict nothing
/// (``ConditionalWLSMVFit/hasUnitConditionalVariance(_:table:)``); observed predictors are
/// ``ConditionalWLSMVFit``'s (lavaan's conditional.x).
public struct WLSMVFit: Sendable {
    /// The structural parameters with their robust covariance; items' residual variances fixed at
    /// their delta-parameterization values.
    public let fit: SEMFit
    public let moments: PolychoricMoments
    /// Every row in lavaan's order: the user's rows, the thresholds (`|`, `t1`, `t2`, ...), the defaults, `:=` rows.
    public let estimates: [ParameterEstimate]
    public let measures: FitMeasures
    /// X² = (N-1)·F_DWLS, the scaled-shifted T, its scaling factor 1/a and shift b.
    public let chiSquare: Double, scaledChiSquare: Double, scalingFactor: Double, shift: Double
    public let degreesOfFreedom: Int
    /// What lavaan's DIFFTEST against a nested fit of the same items needs (the correlations'
    /// Jacobian, weights and Γ; the thresholds are saturated in both models, so they drop out).
    public let differenceTest: Satorra2000Test
    /// The model and estimator, for refits (``refit(cases:rows:)``).
    let table: ParameterTable
    let estimator: LeastSquaresFit.Estimator

    /// Fits `table` to `data`'s rows complete on the model variables: those in `continuous` as
    /// continuous (their means and variances, polyserial and Pearson correlations; intercepts and
    /// residual variances free, as lavaan), the others ordinal.
    public init(
        table: ParameterTable, cases: CompleteCases, continuous: Set<String> = [],
        estimator: LeastSquaresFit.Estimator = .wlsmv, robust: Bool = true, scaledShifted: Bool = true
    ) throws(SEMError) {
        try Self.checkShape(table, continuous: continuous)
        try self.init(
            table: table, moments: try PolychoricMoments(cases, continuous: continuous), estimator: estimator,
            robust: robust, scaledShifted: scaledShifted)
    }

    /// Fits `table` to given statistics (complete rows, or pairwise deletion:
    /// ``PolychoricMoments/init(pairwise:variables:)``).
    public init(
        table: ParameterTable, moments: PolychoricMoments, estimator: LeastSquaresFit.Estimator = .wlsmv,
        robust: Bool = true, scaledShifted: Bool = true
    ) throws(SEMError) {
        let continuous = Set(
            moments.variables.indices.filter { moments.isContinuous[$0] }.map { moments.variables[$0] })
        try Self.checkShape(table, continuous: continuous)
        let n = Double(moments.count)
        let (model, problem, isItemVariance) = try Self.problem(table: table, moments: moments, estimator: estimator)
        let sampleMoments = model.moments, slotCount = moments.slotCount, positions = moments.covariancePositions
        let weights = moments.gammaDiagonal[slotCount...].map { estimator.isUnweighted ? 1 : 1 / $0 }
        let df = positions.count - model.freeCount
        guard df >= 0 else { throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount + slotCount, moments: positions.count + slotCount) }
        let solution = try MLEstimator.minimize(problem, start: StartValues.vector(for: model), curvature: nil)
        guard let (evaluation, f) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(
                iterations: solution.iterations, gradient: .nan,
                tried: "Gauss-Newton then BFGS on the \(estimator.isUnweighted ? "ULS" : "DWLS") discrepancy")
        }

        // Robust covariance and the scaled-shifted test.
        let delta = evaluation.jacobian, w = Array(weights), gamma = moments.covarianceGamma
        let weightedDelta = Matrix(rows: delta.rows, columns: delta.columns, elements: (0..<delta.rows).flatMap { x in (0..<delta.columns).map { w[x] * delta[x, $0] } })
        let information = problem.information(at: evaluation)
        let informationInverse: Matrix
        do { informationInverse = try information.inverseSPD() } catch {
            throw SEMError.notIdentified(parameters: problem.weakParameters(information))
        }
        let meat = weightedDelta.transposed * gamma * weightedDelta
        let covariance = (1 / (n - 1)) * (robust ? informationInverse * meat * informationInverse : informationInverse)
        var u = weightedDelta * informationInverse * weightedDelta.transposed
        for x in 0..<u.rows { for y in 0..<u.columns { u[x, y] = (x == y ? w[x] : 0) - u[x, y] } }
        let ug = u * gamma
        let chisq = (n - 1) * f
        let (a, b) = Self.scaledShifted(trace: (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: Double(df))

        // The independence baseline: every pair 0 (variances saturated), so U = W over the pairs.
        let sample = problem.sample, first = moments.varianceCount
        var baselineChisq = 0.0, baselineTrace = 0.0, baselineTraceOfSquare = 0.0
        for x in first..<gamma.rows {
            baselineChisq += (n - 1) * w[x] * sample[x] * sample[x]
            baselineTrace += w[x] * gamma[x, x]
            for y in first..<gamma.rows { baselineTraceOfSquare += w[x] * gamma[x, y] * w[y] * gamma[y, x] }
        }
        let baselineDF = Double(moments.pairs.count)
        let (ab, bb) = Self.scaledShifted(trace: baselineTrace, traceOfSquare: baselineTraceOfSquare, df: baselineDF)

        // Delta parameterization: an ordinal item's θ_jj = 1 - (Σ_jj - 1) at the estimates.
        let residualVariance = Dictionary(uniqueKeysWithValues: moments.variables.enumerated().map { ($1, 2 - evaluation.model.sigma[$0, $0]) })
        fit = try Self.reportFit(table: table, itemVariance: isItemVariance, residualVariance: residualVariance, moments: sampleMoments,
                                 solution: solution, covariance: covariance)
        self.moments = moments
        self.table = table
        self.estimator = estimator
        degreesOfFreedom = df
        chiSquare = chisq
        differenceTest = Satorra2000Test(
            jacobian: delta, weight: Matrix.diagonal(w), gamma: gamma, informationInverse: informationInverse,
            chiSquare: chisq,
            degreesOfFreedom: df)
        scaledChiSquare = a * chisq + b
        scalingFactor = 1 / a
        shift = b
        estimates = Self.withThresholds(fit, moments: moments, unitStandardErrors: estimator.isUnweighted && !robust)
        let all = WLSMVMeasures(chisq: chisq, scaled: (a, b), df: Double(df), baseline: (baselineChisq, baselineDF, ab, bb), n: n,
                                npar: Double(model.freeCount + slotCount), fit: fit).measures
        measures = Self.reported(all, estimator: estimator, scaledShifted: scaledShifted)
    }

    /// The estimation pieces of `table` on `moments`: the model on the statistics with the ordinal
    /// items' residual variances fixed at 1 (during estimation such a variance only adds to Σ's
    /// diagonal, which DWLS ignores; 1 keeps Σ positive definite), the DWLS (ULS: unit weights)
    /// discrepancy over the continuous variances and every pair (the threshold slots, thresholds and
    /// continuous means, are saturated by their own parameters), and which rows are those variances.
    static func problem(
        table: ParameterTable, moments: PolychoricMoments, estimator: LeastSquaresFit.Estimator
    ) throws(SEMError) -> (model: SEMModel, problem: LeastSquaresDiscrepancy, isItemVariance: @Sendable (ParameterRow) -> Bool) {
        let ordinal = Set(moments.variables.indices.filter { !moments.isContinuous[$0] }.map { moments.variables[$0] })
        let isItemVariance: @Sendable (ParameterRow) -> Bool = { $0.op == "~~" && $0.lhs == $0.rhs && ordinal.contains($0.lhs) }
        let p = moments.variables.count
        let sampleMoments = SampleMoments(variables: moments.variables, means: [Double](repeating: 0, count: p),
                                          covariance: moments.covariance, count: moments.count, droppedRows: moments.droppedRows)
        let model = try SEMModel(table: table.fixing(where: isItemVariance, value: { _ in 1 }), moments: sampleMoments)
        let positions = moments.covariancePositions
        let weights = moments.gammaDiagonal[moments.slotCount...].map { estimator.isUnweighted ? 1 : 1 / $0 }
        let problem = LeastSquaresDiscrepancy(model: model, pairs: positions, sample: positions.map { moments.covariance[$0.i, $0.j] },
                                              weight: .diagonal(Array(weights)))
        return (model, problem, isItemVariance)
    }

    /// One bootstrap draw (lavaan's `se = "bootstrap"` with ordered items): the statistics of the
    /// draw's `rows` of `cases` (thresholds, polychoric correlations and the weights from their own Γ),
    /// the refit from these estimates, the report model with the draw's delta-parameterization
    /// residual variances, and the draw's threshold slots; nil when it fails or a category is absent.
    func refit(cases: CompleteCases, rows: [Int]) -> (model: SEMModel, theta: [Double], extra: [Double])? {
        let continuous = Set(moments.variables.indices.filter { moments.isContinuous[$0] }.map { moments.variables[$0] })
        guard let drawn = try? PolychoricMoments(cases.selecting(rows), continuous: continuous),
            drawn.slotCount == moments.slotCount,
            let (model, problem, isItemVariance) = try? Self.problem(table: table, moments: drawn, estimator: estimator),
            let solution = try? MLEstimator.minimize(problem, start: fit.solution.theta, curvature: nil),
            let (evaluation, _) = problem.evaluate(solution.theta)
        else { return nil }
        let residualVariance = Dictionary(uniqueKeysWithValues: drawn.variables.enumerated().map { ($1, 2 - evaluation.model.sigma[$0, $0]) })
        guard
            let report = try? SEMModel(
                table: table.fixing(where: isItemVariance, value: { residualVariance[$0.lhs] ?? .nan }), moments: model.moments)
        else { return nil }
        return (report, solution.theta, drawn.slotValues)
    }

    /// The bootstrap's inference for every row of ``estimates``: the model's rows and `:=` values from
    /// the draws of the report fit, each threshold slot (thresholds, continuous intercepts) from the
    /// draws' own sample values; fixed rows keep their zero-width inference.
    func bootstrapInference(_ draws: SEMBootstrap, interval: BootstrapInterval) -> [Inference] {
        let modelRows = draws.inference(for: fit, interval: interval)
        let slots = draws.extraInference(estimates: moments.slotValues, interval: interval)
        let start = moments.slotStart
        return estimates.map { row in
            if row.isFree, let j = moments.variables.firstIndex(of: row.lhs) {
                if row.op == "|", let t = Int(row.rhs.dropFirst()) { return slots[start[j] + t - 1] }
                if row.op == "~1", moments.isContinuous[j] { return slots[start[j]] }
            }
            let k = fit.estimates.firstIndex { $0.lhs == row.lhs && $0.op == row.op && $0.rhs == row.rhs }
            return k.map { modelRows[$0] } ?? row.normalInference()
        }
    }

    /// The measures lavaan reports for `estimator`: without the scaled-shifted test only the
    /// unscaled ones; ULS's and ULSMV's unscaled X² (and the baseline's) without a p-value.
    static func reported(
        _ measures: FitMeasures, estimator: LeastSquaresFit.Estimator, scaledShifted: Bool
    ) -> FitMeasures {
        let scaledNames: Set = ["chisq.scaling.factor", "chisq.shift.parameter", "baseline.chisq.scaling.factor"]
        let noPValue: Set = ["pvalue", "baseline.pvalue"]
        return FitMeasures(
            values: measures.values.compactMap { entry in
                if !scaledShifted && (entry.name.contains(".scaled") || scaledNames.contains(entry.name)) { return nil }
                return estimator.isUnweighted && noPValue.contains(entry.name) ? (entry.name, .nan) : entry
            })
    }

    /// Refuses observed predictors (``ConditionalWLSMVFit``'s) and ordinal variables whose residual
    /// variance the delta parameterization would constrain.
    static func checkShape(_ table: ParameterTable, continuous: Set<String>) throws(SEMError) {
        let variables = table.variables
        guard variables.exogenousObserved.isEmpty else {
            throw SEMError.unsupported("WLSMV with observed predictors (" + variables.exogenousObserved.joined(separator: ", ")
                + "; lavaan's conditional.x)")
        }
        let predicting = variables.observed.filter {
            !continuous.contains($0) && !ConditionalWLSMVFit.hasUnitConditionalVariance($0, table: table)
        }
        guard predicting.isEmpty else {
            throw SEMError.unsupported("an ordinal variable predicting others while predicted itself ("
                + predicting.joined(separator: ", ") + "); with WLSMV, measure it by a latent variable")
        }
    }

    /// The fit as reported: the items' residual variances (`itemVariance` rows) fixed at their
    /// delta-parameterization values, the robust covariance of the estimates.
    static func reportFit(table: ParameterTable, itemVariance: (ParameterRow) -> Bool, residualVariance: [String: Double], moments: SampleMoments,
                          solution: MLEstimator.Solution, covariance: Matrix) throws(SEMError) -> SEMFit {
        let reportModel = try SEMModel(table: table.fixing(where: itemVariance, value: { residualVariance[$0.lhs] ?? .nan }), moments: moments)
        let reportEvaluation: ModelEvaluation
        do { reportEvaluation = try ModelEvaluation(model: reportModel, theta: solution.theta) } catch {
            throw SEMError.unsupported("an inadmissible WLSMV solution (the implied covariance matrix of the latent responses is not positive definite)")
        }
        return SEMFit(model: reportModel, solution: solution, evaluation: reportEvaluation, information: .expected, covariance: covariance, informationProblem: nil)
    }

    /// Heywood cases: the structural ones, and items whose explained variance exceeds 1 (a negative
    /// residual variance of the latent response, reported as lavaan reports it).
    public var diagnostics: [Diagnostic] {
        fit.diagnostics + fit.estimates.filter { $0.op == "~~" && $0.lhs == $0.rhs && !$0.isFree && $0.estimate < 0 }
            .map { .negativeVariance(variable: $0.lhs, estimate: $0.estimate) }
    }

    /// a = √(df/tr((UΓ)²)) and b = df - a·tr(UΓ).
    static func scaledShifted(trace: Double, traceOfSquare: Double, df: Double) -> (Double, Double) {
        let a = (df / traceOfSquare).squareRoot()
        return (a, df - a * trace)
    }

    /// The fit's rows as lavaan lists a WLSMV fit: the user's rows, the ordinal items' thresholds,
    /// the other parameter rows, each ordinal item's scale factor (`~*~`, fixed at 1 in the delta
    /// parameterization), every observed variable's intercept (a continuous one's is its sample
    /// mean, an ordinal item's fixed at 0), the latent means (fixed at 0), then `:=` rows. Each
    /// standard error is √(Γ_kk/(N-1)) of its saturated statistic; a threshold's standardized value
    /// is itself (latent responses have unit variance), an intercept's ν/√Σ̂_jj.
    /// With `unitStandardErrors` (ULS's standard errors, not robust) a threshold's or mean's standard
    /// error is lavaan's (ΔᵀWΔ)⁻¹/(N-1) with W = I there, 1/√(N-1); else √(Γ_kk/(N-1)).
    static func withThresholds(
        _ fit: SEMFit, moments: PolychoricMoments, unitStandardErrors: Bool = false
    ) -> [ParameterEstimate] {
        var thresholdRows: [ParameterEstimate] = [], interceptRows: [ParameterEstimate] = [], scaleRows: [ParameterEstimate] = []
        let fixed = { (lhs: String, op: String, rhs: String, value: Double) in
            ParameterEstimate(lhs: lhs, op: op, rhs: rhs, group: 1, label: "", estimate: value, standardError: 0, isFree: false,
                              stdLV: value, stdAll: value)
        }
        let start = moments.slotStart
        let standardError = { (k: Int) in
            ((unitStandardErrors ? 1 : moments.gammaDiagonal[k]) / Double(moments.count - 1)).squareRoot()
        }
        for (j, variable) in moments.variables.enumerated() {
            if moments.isContinuous[j] {
                let mean = moments.means[j], standardized = mean / fit.impliedCovariance[j, j].squareRoot()
                interceptRows.append(ParameterEstimate(lhs: variable, op: "~1", rhs: "", group: 1, label: "", estimate: mean,
                                                       standardError: standardError(start[j]), isFree: true, stdLV: mean, stdAll: standardized))
                continue
            }
            scaleRows.append(fixed(variable, "~*~", variable, 1))
            interceptRows.append(fixed(variable, "~1", "", 0))
            for (t, value) in moments.thresholds[j].enumerated() {
                thresholdRows.append(ParameterEstimate(lhs: variable, op: "|", rhs: "t\(t + 1)", group: 1, label: "", estimate: value,
                                                       standardError: standardError(start[j] + t), isFree: true, stdLV: value, stdAll: value))
            }
        }
        let userCount = fit.model.rows.prefix { $0.isUser }.count
        let rest = fit.estimates.dropFirst(userCount)
        let latentMeans = fit.model.table.variables.latent.map { fixed($0, "~1", "", 0) }
        return Array(fit.estimates.prefix(userCount)) + thresholdRows + rest.filter { $0.op != ":=" } + scaleRows + interceptRows + latentMeans
            + rest.filter { $0.op == ":=" }
    }
}

/// lavaan's fit measures for WLSMV: the unscaled ones from X², the `.scaled` ones from the
/// scaled-shifted model and baseline statistics; the RMSEA and its interval use N - G, as lavaan
/// does for the least-squares estimators, times √G over G groups; the SRMR compares the
/// polychoric and implied correlations.
struct WLSMVMeasures {
    let measures: FitMeasures

    init(chisq: Double, scaled: (a: Double, b: Double), df: Double, baseline: (chisq: Double, df: Double, a: Double, b: Double),
         n: Double, npar: Double, fit: SEMFit) {
        let residuals = ResidualSummaries(sample: fit.model.moments.covariance, implied: fit.impliedCovariance, sampleMeans: [], impliedMeans: [])
        self.init(chisq: chisq, scaled: scaled, df: df, baseline: baseline, n: n, npar: npar, groups: 1, srmr: residuals.srmrBentlerNoMean)
    }

    init(chisq: Double, scaled: (a: Double, b: Double), df: Double, baseline: (chisq: Double, df: Double, a: Double, b: Double),
         n: Double, npar: Double, groups: Int, srmr: Double) {
        // Without degrees of freedom there is nothing to scale: lavaan reports the unscaled statistic.
        let scaledChisq = df > 0 ? scaled.a * chisq + scaled.b : chisq
        let baselineScaled = baseline.df > 0 ? baseline.a * baseline.chisq + baseline.b : baseline.chisq
        func incremental(_ x2: Double, _ x2b: Double) -> (cfi: Double, tli: Double) {
            let comparison = FitIndex.Comparison(chisq: x2, df: df, baselineChisq: x2b, baselineDF: baseline.df)
            return (FitIndex.cfi(comparison), FitIndex.tli(comparison))
        }
        let (cfi, tli) = incremental(chisq, baseline.chisq)
        let (cfiScaled, tliScaled) = incremental(scaledChisq, baselineScaled)
        let rmseaN = n - Double(groups), g = Double(groups)
        func rmsea(_ x2: Double) -> [Double] {
            let point = df > 0 ? g.squareRoot() * max(0, (x2 - df) / (rmseaN * df)).squareRoot() : 0
            let (lower, upper) = FitMeasures.rmseaInterval(chisq: x2, df: df, n: rmseaN)
            let close = df > 0 ? 1 - NoncentralChiSquared.cdf(x2, degreesOfFreedom: df, noncentrality: rmseaN * df * 0.05 * 0.05 / g) : .nan
            return [point, g.squareRoot() * lower, g.squareRoot() * upper, close]
        }
        let plain = rmsea(chisq), robust = rmsea(scaledChisq)
        let survival = { (x: Double, k: Double) in k > 0 ? ChiSquared.survival(x, degreesOfFreedom: k) : .nan }
        measures = FitMeasures(values: [
            ("npar", npar), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df), ("pvalue", survival(chisq, df)),
            ("chisq.scaled", scaledChisq), ("df.scaled", df), ("pvalue.scaled", survival(scaledChisq, df)),
            ("chisq.scaling.factor", 1 / scaled.a), ("chisq.shift.parameter", scaled.b),
            ("baseline.chisq", baseline.chisq), ("baseline.df", baseline.df), ("baseline.pvalue", survival(baseline.chisq, baseline.df)),
            ("baseline.chisq.scaled", baselineScaled), ("baseline.df.scaled", baseline.df),
            ("baseline.pvalue.scaled", survival(baselineScaled, baseline.df)), ("baseline.chisq.scaling.factor", 1 / baseline.a),
            ("cfi", cfi), ("tli", tli), ("nnfi", tli), ("cfi.scaled", cfiScaled), ("tli.scaled", tliScaled), ("nnfi.scaled", tliScaled),
            ("rmsea", plain[0]), ("rmsea.ci.lower", plain[1]), ("rmsea.ci.upper", plain[2]), ("rmsea.ci.level", 0.90), ("rmsea.pvalue", plain[3]),
            ("rmsea.scaled", robust[0]), ("rmsea.ci.lower.scaled", robust[1]), ("rmsea.ci.upper.scaled", robust[2]),
            ("rmsea.pvalue.scaled", robust[3]),
            ("srmr", srmr), ("srmr_bentler_nomean", srmr), ("ntotal", n),
        ])
    }
}
