import TrustPathLinalg

/// The least-squares family across groups on continuous data, as lavaan's `estimator = "GLS"`,
/// `"ULS"`, `"WLS"` or `"DWLS"` with `group =` (se = "standard", test = "standard"):
/// - each group's moments (its means, as groups bring a mean structure, and vech S_g with divisor
///   n_g - 1), weight W_g and Γ_g exactly as one group's (``LeastSquaresFit/problem(model:cases:estimator:needsGamma:)``);
/// - F = Σ_g f_g F_g with f_g = (n_g - 1)/(N - G): lavaan's objective Σ_g (n_g/N)·½(n_g - 1)/n_g·F_g
///   (`lav_model_objective`) up to a constant factor, so the same minimum;
/// - X² = Σ_g (n_g - 1) F_g, its baseline the same over each group's independence model fitted by the
///   estimator (ULS's without a p-value, as lavaan's);
/// - standard errors (Σ_g f_g Δ_gᵀW_gΔ_g)⁻¹/(N - G), lavaan's expected information;
/// - RMSEA = √G·√(max(0, (X² - df)/((N - G)·df))), its interval and close-fit test alike (lavaan's
///   N - G for these estimators); SRMR the n_g/N-weighted mean of the groups' (Bentler's, with the
///   mean residuals).
struct LeastSquaresGroupsFit {
    let fit: MultiGroupFit
    let measures: FitMeasures

    init(model ml: MultiGroupModel, estimator: LeastSquaresFit.Estimator) throws(SEMError) {
        var parts: [LeastSquaresDiscrepancy] = [], moments: [SampleMoments] = []
        for (group, cases) in zip(ml.groups, ml.cases) {
            let (problem, groupMoments, _) = try LeastSquaresFit.problem(
                model: group, cases: cases, estimator: estimator, needsGamma: false)
            parts.append(problem)
            moments.append(groupMoments)
        }
        let model = ml.with(moments: moments)
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(
                parameters: model.freeCount, moments: model.degreesOfFreedom + model.freeCount)
        }
        let n = Double(model.count), groupCount = Double(model.groups.count)
        let shares = moments.map { Double($0.count - 1) / (n - groupCount) }
        let problem = GroupsDiscrepancy(model: model, parts: parts, weights: shares)
        let solution = try MLEstimator.minimize(problem, start: MultiGroupFit.startValues(model), curvature: nil)
        guard let (evaluations, _) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(
                iterations: solution.iterations, gradient: .nan,
                tried: "Gauss-Newton then BFGS on the \(estimator.rawValue.uppercased()) discrepancy across groups")
        }
        let information = problem.information(at: evaluations)
        let q = model.freeCount
        var covariance = Matrix(rows: q, columns: q, repeating: .nan), weak: [String]?
        if Identification.isIdentified(information: information), let inverse = try? information.inverseSPD() {
            covariance = (1 / (n - groupCount)) * inverse
        } else {
            weak = problem.weakParameters(information)
        }
        fit = MultiGroupFit(
            model: model, solution: solution, evaluations: evaluations.map(\.model), covariance: covariance,
            informationProblem: weak)

        var chisq = 0.0, baselineChisq = 0.0, baselineDF = 0.0, srmr = 0.0
        for (g, part) in parts.enumerated() {
            let count = Double(moments[g].count)
            let residual = evaluations[g].residual
            chisq += (count - 1) * dot(residual, part.weighted(residual))
            let exogenous = part.model.table.variables.freeExogenousObserved.compactMap {
                moments[g].variables.firstIndex(of: $0)
            }
            let baseline = LeastSquaresFit.independence(problem: part, exogenous: exogenous)
            baselineChisq += (count - 1) * baseline.discrepancy
            baselineDF += Double(part.sample.count - baseline.delta.columns)
            let residuals = ResidualSummaries(
                sample: moments[g].covariance, implied: fit.impliedCovariances[g], sampleMeans: moments[g].means,
                impliedMeans: fit.impliedMeans[g])
            srmr += count / n * residuals.srmrBentler
        }
        let df = Double(model.degreesOfFreedom)
        let unweighted = estimator.isUnweighted
        let survival = { (x: Double, k: Double) in k > 0 && !unweighted ? ChiSquared.survival(x, degreesOfFreedom: k) : .nan }
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baselineChisq, baselineDF: baselineDF)
        let tli = FitIndex.tli(comparison)
        let rmseaN = n - groupCount, scale = groupCount.squareRoot()
        let rmsea = df > 0 ? scale * max(0, (chisq - df) / (rmseaN * df)).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: rmseaN)
        let close =
            df > 0
            ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: rmseaN * df * 0.05 * 0.05 / groupCount)
            : .nan
        measures = FitMeasures(values: [
            ("npar", Double(q)), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df), ("pvalue", survival(chisq, df)),
            ("baseline.chisq", baselineChisq), ("baseline.df", baselineDF),
            ("baseline.pvalue", survival(baselineChisq, baselineDF)),
            ("cfi", FitIndex.cfi(comparison)), ("tli", tli), ("nnfi", tli), ("nfi", FitIndex.nfi(comparison)),
            ("rmsea", rmsea), ("rmsea.ci.lower", scale * lower), ("rmsea.ci.upper", scale * upper),
            ("rmsea.ci.level", 0.90), ("rmsea.pvalue", close), ("srmr", srmr), ("srmr_bentler", srmr), ("ntotal", n),
        ])
    }
}
