import TrustPathLinalg

/// The least-squares family across groups on continuous data, as lavaan's `estimator = "GLS"`,
/// `"ULS"`, `"WLS"`, `"DWLS"`, `"WLSMV"` or `"ULSMV"` with `group =`:
/// - each group's moments (its means, as groups bring a mean structure, and vech S_g with divisor
///   n_g - 1), weight W_g and Γ_g exactly as one group's
///   (``LeastSquaresFit/problem(model:cases:estimator:needsGamma:)``);
/// - F = Σ_g f_g F_g with f_g = (n_g - 1)/(N - G): lavaan's objective Σ_g (n_g/N)·½(n_g - 1)/n_g·F_g
///   (`lav_model_objective`) up to a constant factor, so the same minimum;
/// - X² = Σ_g (n_g - 1) F_g, its baseline the same over each group's independence model fitted by the
///   estimator (ULS's without a p-value, as lavaan's);
/// - standard errors (Σ_g f_g Δ_gᵀW_gΔ_g)⁻¹/(N - G), lavaan's expected information, or robust
///   (se = "robust.sem") E⁻¹(Σ_g f_g Δ_gᵀW_gΓ_gW_gΔ_g)E⁻¹/(N - G) with E that information;
/// - the scaled-shifted test (test = "scaled.shifted"; Asparouhov & Muthén 2010) from tr(UΓ) and
///   tr((UΓ)²) over the stacked groups, V = ⊕f_gW_g, Γ = ⊕Γ_g/f_g, U = V - VΔ(ΔᵀVΔ)⁻¹ΔᵀV with Δ
///   the groups' Jacobians stacked on the shared coordinates (the baseline's block-diagonal), as
///   lavaan's multi-group WLSMV;
/// - RMSEA = √G·√(max(0, (X² - df)/((N - G)·df))), its interval and close-fit test alike (lavaan's
///   N - G for these estimators); SRMR the n_g/N-weighted mean of the groups' (Bentler's, with the
///   mean residuals).
struct LeastSquaresGroupsFit {
    let fit: MultiGroupFit
    let measures: FitMeasures

    /// `robust` asks for robust.sem standard errors and `scaledShifted` for the scaled-shifted test.
    init(
        model ml: MultiGroupModel, estimator: LeastSquaresFit.Estimator, robust: Bool, scaledShifted: Bool
    ) throws(SEMError) {
        var parts: [LeastSquaresDiscrepancy] = []
        var moments: [SampleMoments] = []
        var gammas: [Matrix] = []
        for (group, cases) in zip(ml.groups, ml.cases) {
            let (problem, groupMoments, gamma) = try LeastSquaresFit.problem(
                model: group, cases: cases, estimator: estimator, needsGamma: robust || scaledShifted)
            parts.append(problem)
            moments.append(groupMoments)
            if let gamma { gammas.append(gamma) }
        }
        let model = ml.with(moments: moments)
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(
                parameters: model.freeCount, moments: model.degreesOfFreedom + model.freeCount)
        }
        let n = Double(model.count)
        let groupCount = Double(model.groups.count)
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
        var covariance = Matrix(rows: q, columns: q, repeating: .nan)
        var weak: [String]?
        // Each group's Jacobian on the shared coordinates, and W_gΔ_g.
        let deltas = evaluations.indices.map { g in Self.global(evaluations[g].jacobian, model.globalCoordinates[g], q)
        }
        let weightedDeltas = zip(parts, deltas).map { $0.weightedColumns($1) }
        if Identification.isIdentified(information: information), let inverse = try? information.inverseSPD() {
            covariance = (1 / (n - groupCount)) * inverse
            if robust, gammas.count == parts.count {
                var meat = Matrix(rows: q, columns: q)
                for g in parts.indices {
                    meat = meat + shares[g] * (weightedDeltas[g].transposed * gammas[g] * weightedDeltas[g])
                }
                covariance = (1 / (n - groupCount)) * (inverse * meat * inverse)
            }
        } else {
            weak = problem.weakParameters(information)
        }
        fit = MultiGroupFit(
            model: model, solution: solution, evaluations: evaluations.map(\.model), covariance: covariance,
            informationProblem: weak)

        var chisq = 0.0
        var baselineChisq = 0.0
        var baselineDF = 0.0
        var srmr = 0.0
        var srmrNoMean = 0.0
        var baselineDeltas: [Matrix] = []
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
            baselineDeltas.append(baseline.delta)
            let residuals = ResidualSummaries(
                sample: moments[g].covariance, implied: fit.impliedCovariances[g], sampleMeans: moments[g].means,
                impliedMeans: fit.impliedMeans[g])
            srmr += count / n * residuals.srmrBentler
            srmrNoMean += count / n * residuals.srmrBentlerNoMean
        }
        let df = Double(model.degreesOfFreedom)
        if scaledShifted, gammas.count == parts.count {
            let stacked = Matrix(
                rows: deltas.reduce(0) { $0 + $1.rows }, columns: q, elements: deltas.flatMap(\.elements))
            let scaling = Self.scaledShifted(parts, shares: shares, gammas: gammas, delta: stacked, df: df)
            let baseline = Self.scaledShifted(
                parts, shares: shares, gammas: gammas, delta: RobustML.blockDiagonal(baselineDeltas), df: baselineDF)
            let scaled = WLSMVMeasures(
                chisq: chisq, scaled: scaling, df: df, baseline: (baselineChisq, baselineDF, baseline.a, baseline.b),
                n: n,
                npar: Double(q), groups: model.groups.count, srmr: srmr
            ).measures
            let unweighted: Set = ["pvalue", "baseline.pvalue"]
            measures = FitMeasures(
                values: scaled.values.map { entry in
                    if estimator.isUnweighted && unweighted.contains(entry.name) { return (entry.name, .nan) }
                    return entry.name == "srmr_bentler_nomean" ? (entry.name, srmrNoMean) : entry
                })
            return
        }
        let unweighted = estimator.isUnweighted
        let survival = { (x: Double, k: Double) in
            k > 0 && !unweighted ? ChiSquared.survival(x, degreesOfFreedom: k) : .nan
        }
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baselineChisq, baselineDF: baselineDF)
        let tli = FitIndex.tli(comparison)
        let rmseaN = n - groupCount
        let scale = groupCount.squareRoot()
        let rmsea = df > 0 ? scale * max(0, (chisq - df) / (rmseaN * df)).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: rmseaN)
        let close =
            df > 0
            ? 1
                - NoncentralChiSquared.cdf(
                    chisq, degreesOfFreedom: df, noncentrality: rmseaN * df * 0.05 * 0.05 / groupCount)
            : .nan
        measures = FitMeasures(values: [
            ("npar", Double(q)), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df),
            ("pvalue", survival(chisq, df)),
            ("baseline.chisq", baselineChisq), ("baseline.df", baselineDF),
            ("baseline.pvalue", survival(baselineChisq, baselineDF)),
            ("cfi", FitIndex.cfi(comparison)), ("tli", tli), ("nnfi", tli), ("nfi", FitIndex.nfi(comparison)),
            ("rmsea", rmsea), ("rmsea.ci.lower", scale * lower), ("rmsea.ci.upper", scale * upper),
            ("rmsea.ci.level", 0.90), ("rmsea.pvalue", close), ("srmr", srmr), ("srmr_bentler", srmr),
            ("srmr_bentler_nomean", srmrNoMean), ("ntotal", n),
        ])
    }

    /// A group's Jacobian (its moments by its own coordinates) on the q shared coordinates.
    static func global(_ jacobian: Matrix, _ coordinates: [Int], _ q: Int) -> Matrix {
        var result = Matrix(rows: jacobian.rows, columns: q)
        for r in 0..<jacobian.rows {
            for (c, global) in coordinates.enumerated() { result[r, global] += jacobian[r, c] }
        }
        return result
    }

    /// a and b of the scaled-shifted test over the stacked groups (V = ⊕f_gW_g, Γ = ⊕Γ_g/f_g,
    /// U = V - VΔ(ΔᵀVΔ)⁻¹ΔᵀV); NaN without degrees of freedom.
    static func scaledShifted(
        _ parts: [LeastSquaresDiscrepancy], shares: [Double], gammas: [Matrix], delta: Matrix, df: Double
    ) -> (a: Double, b: Double) {
        let v = RobustML.blockDiagonal(
            parts.indices.map { shares[$0] * parts[$0].weightedColumns(Matrix.identity(parts[$0].sample.count)) })
        let gamma = RobustML.blockDiagonal(gammas.indices.map { (1 / shares[$0]) * gammas[$0] })
        let vDelta = v * delta
        guard df > 0, let inner = try? (delta.transposed * vDelta).inverseSPD() else { return (.nan, .nan) }
        let ug = (v - vDelta * inner * vDelta.transposed) * gamma
        let trace = (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }
        let (a, b) = WLSMVFit.scaledShifted(trace: trace, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: df)
        return (a, b)
    }
}
