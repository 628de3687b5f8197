import Foundation
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSurvey

/// Casewise (full-information) ML over missing-data patterns, F = f(θ) - f(saturated) with
/// f = (1/N) Σ_patterns n [log|Σ_o| + tr(Σ_o⁻¹(S + ddᵀ))] (``MissingPatterns/discrepancy(means:covariance:)``).
/// Its gradient has the form tr(G∂Σ) - 2rᵀ∂μ with G and r summed over the patterns (each
/// embedded in the full p x p and p spaces), so the complete-data derivative machinery applies;
/// the complete-data expected information steers the scoring steps (the optimum is FIML's all the same).
struct FIMLDiscrepancy: DiscrepancyProblem {
    let model: SEMModel
    let patterns: MissingPatterns
    let saturated: Double

    func evaluate(_ theta: [Double]) -> (ModelEvaluation, Double)? {
        guard let e = try? ModelEvaluation(model: model, theta: theta), let f = patterns.discrepancy(means: e.mu, covariance: e.sigma) else { return nil }
        return f.isFinite ? (e, f - saturated) : nil
    }

    func gradient(at e: ModelEvaluation) -> [Double] {
        let p = model.p
        var g = Matrix(rows: p, columns: p), r = [Double](repeating: 0, count: p)
        let total = Double(patterns.count)
        for pattern in patterns.patterns {
            guard let (inverse, _) = MissingPatterns.inverse(e.sigma, pattern.observed) else { continue }
            let o = pattern.observed, w = Double(pattern.count) / total
            let d = zip(pattern.means, o.map { e.mu[$0] }).map(-)
            let patternR = inverse * d
            // Σ_o⁻¹(S + ddᵀ)Σ_o⁻¹ = Σ_o⁻¹SΣ_o⁻¹ + rrᵀ; S is 0 for a pattern of one row (most of them).
            var patternG = pattern.count > 1 ? inverse - inverse * pattern.covariance * inverse : inverse
            for a in o.indices { for b in o.indices { patternG[a, b] -= patternR[a] * patternR[b] } }
            for (a, i) in o.enumerated() {
                r[i] += w * patternR[a]
                for (b, j) in o.enumerated() { g[i, j] += w * patternG[a, b] }
            }
        }
        let weights = DiscrepancyWeights(g: g, weightedResidual: r, evaluation: e, hasMeans: true)
        return model.coordinates.map { entries in weights.derivative(along: entries.map { (model.lisrel.slots[$0.row], $0.weight) }) }
    }

    func information(at e: ModelEvaluation) -> Matrix {
        ParameterDerivatives(model: model, evaluation: e).expectedInformation(model: model, evaluation: e)
    }

    func weakParameters(_ information: Matrix) -> [String] { Identification.weakParameters(model: model, information: information) }
}

/// A model fitted by FIML (lavaan's `missing = "ml"`): estimates and standard errors from the
/// observed information (the Hessian of -log L/N, lavaan's default for FIML), the saturated model
/// by EM as the H1 model, and the fit measures lavaan reports for it (``FitMeasures/init(fiml:)``).
/// The returned ``SEMFit`` carries the EM saturated means and covariances as its "sample" moments,
/// so residuals and SRMR are computed against them, as lavaan does.
public struct FIMLFit: Sendable {
    public let fit: SEMFit
    public let patterns: MissingPatterns
    /// log L of the saturated model (EM) and of the model.
    public let saturatedLogLikelihood: Double
    public let logLikelihood: Double
    /// The observed unit information (Hessian of -log L/N) at the estimates.
    let information: Matrix
    /// With free exogenous variables (fixed.x = FALSE): their joint FIML log-likelihood (EM) less
    /// their independent ones, which lavaan's baseline keeps, as it keeps their covariances; else 0.
    let freeCovariatesGain: Double

    public init(table: ParameterTable, data: SurveyData) throws(SEMError) {
        guard table.options.meanStructure else { throw SEMError.unsupported("FIML without a mean structure") }
        let patterns = try MissingPatterns(data: data, variables: table.variables.observed, exogenous: table.variables.exogenousObserved)
        let (problem, saturated) = try Self.problem(table: table, patterns: patterns)
        let model = problem.model
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: model.momentCount - model.exogenousMomentCount)
        }
        let solution = try MLEstimator.minimize(problem, start: StartValues.vector(for: model), curvature: nil)
        guard let (evaluation, _) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Fisher scoring then BFGS")
        }
        let observed = ObservedInformation.matrix(theta: solution.theta) { theta in
            problem.evaluate(theta).map { problem.gradient(at: $0.0) } ?? [Double](repeating: .nan, count: theta.count)
        }
        let (covariance, problemParameters) = SEMFit.covariance(unitInformation: observed, count: patterns.count, model: model)
        fit = SEMFit(model: model, solution: solution, evaluation: evaluation, information: .observed, covariance: covariance,
                     informationProblem: problemParameters)
        self.patterns = patterns
        information = observed
        saturatedLogLikelihood = patterns.logLikelihood(means: saturated.means, covariance: saturated.covariance)
        logLikelihood = patterns.logLikelihood(means: evaluation.mu, covariance: evaluation.sigma)
        let free = table.variables.freeExogenousObserved
        if free.count > 1, let block = try? MissingPatterns(data: data, variables: free) {
            let joint = block.saturated()
            let jointLogLikelihood = block.logLikelihood(means: joint.means, covariance: joint.covariance)
            freeCovariatesGain = jointLogLikelihood - block.independenceLogLikelihood()
        } else {
            freeCovariatesGain = 0
        }
    }
}

extension FIMLFit {
    /// The FIML discrepancy for `patterns`: the model on the EM saturated moments (the H1 model),
    /// and those moments.
    static func problem(
        table: ParameterTable, patterns: MissingPatterns
    ) throws(SEMError) -> (FIMLDiscrepancy, (means: [Double], covariance: Matrix)) {
        let saturated = patterns.saturated()
        guard let saturatedF = patterns.discrepancy(means: saturated.means, covariance: saturated.covariance) else {
            throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
        }
        let moments = SampleMoments(
            variables: table.variables.observed, means: saturated.means, covariance: saturated.covariance,
            count: patterns.count, droppedRows: patterns.rowsWithNothing + patterns.rowsMissingCovariates)
        let model = try SEMModel(table: table, moments: moments)
        return (FIMLDiscrepancy(model: model, patterns: patterns, saturated: saturatedF), saturated)
    }

    /// The FIML estimates on the rows `rows` of the rows used (a bootstrap draw), started from this
    /// fit's estimates: the draw's own missing-data patterns (``MissingPatterns/resampled(_:)``) and
    /// minimum; nil when it fails. The EM saturated model only shifts the discrepancy by a constant,
    /// so a draw skips it; the fixed covariates' moments (fixed.x), which the covariates' rows
    /// always have, are the draw's own.
    func refit(rows: [Int]) -> (model: SEMModel, theta: [Double])? {
        let model = fit.model
        let patterns = self.patterns.resampled(rows)
        let drawModel = model.with(moments: patterns.replacingComplete(model.fixedCovariateIndices, in: model.moments))
        let problem = FIMLDiscrepancy(model: drawModel, patterns: patterns, saturated: 0)
        guard let solution = try? MLEstimator.minimize(problem, start: fit.solution.theta, curvature: nil) else { return nil }
        return (drawModel, solution.theta)
    }
}

extension MissingPatterns {
    /// `moments` with the means and covariances among `complete` (variables observed in every
    /// row, such as fixed covariates) replaced by these rows' own (divisor N): the pooled
    /// within-pattern scatter plus the between-pattern spread of the means.
    func replacingComplete(_ complete: [Int], in moments: SampleMoments) -> SampleMoments {
        guard !complete.isEmpty else { return moments }
        var means = moments.means, covariance = moments.covariance
        let total = Double(count)
        for i in complete {
            means[i] = patterns.reduce(0) { sum, pattern in
                sum + Double(pattern.count) * (pattern.observed.firstIndex(of: i).map { pattern.means[$0] } ?? .nan)
            } / total
        }
        for i in complete {
            for j in complete {
                var sum = 0.0
                for pattern in patterns {
                    guard let a = pattern.observed.firstIndex(of: i), let b = pattern.observed.firstIndex(of: j) else {
                        return moments
                    }
                    let n = Double(pattern.count)
                    sum += n * (pattern.covariance[a, b] + (pattern.means[a] - means[i]) * (pattern.means[b] - means[j]))
                }
                covariance[i, j] = sum / total
            }
        }
        return SampleMoments(
            variables: moments.variables, means: means, covariance: covariance, count: count,
            droppedRows: rowsWithNothing + rowsMissingCovariates)
    }
}

extension FitMeasures {
    /// lavaan's fit measures for a FIML fit: χ² = 2(log L_saturated - log L); the baseline is the
    /// independence model with available-case means and variances; N is every row used; SRMR
    /// compares the implied moments with the EM saturated ones (with the means). With fixed
    /// exogenous covariates (fixed.x), as lavaan: the log-likelihoods are those given the
    /// covariates (their joint marginal one subtracted), and the baseline keeps the covariates'
    /// covariances (its df lose k(k-1)/2; its log-likelihood has their joint term for their k
    /// univariate ones); free exogenous variables (fixed.x = FALSE) keep theirs too, fitted by EM.
    public init(fiml: FIMLFit) {
        let fit = fiml.fit, model = fit.model
        let n = Double(fiml.patterns.count), npar = Double(model.freeCount)
        let chisq = 2 * (fiml.saturatedLogLikelihood - fiml.logLikelihood)
        let df = Double(model.degreesOfFreedom)
        let covariates = model.table.variables.exogenousObserved.compactMap { model.moments.variables.firstIndex(of: $0) }
        let covariatesJoint = FitMeasures.exogenousLogLikelihood(model: model)
        let covariatesApart = covariates.reduce(0.0) { sum, i in sum - n / 2 * (log(2 * Double.pi) + log(model.moments.covariance[i, i]) + 1) }
        let baselineLogl =
            fiml.patterns.independenceLogLikelihood() - covariatesApart + covariatesJoint + fiml.freeCovariatesGain
        let baselineChisq = 2 * (fiml.saturatedLogLikelihood - baselineLogl)
        let p = Double(model.p), k = Double(covariates.count)
        let free = Double(model.table.variables.freeExogenousObserved.count)
        let baselineDF = p * (p - 1) / 2 - k * (k - 1) / 2 - free * (free - 1) / 2
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baselineChisq, baselineDF: baselineDF)
        let logl = fiml.logLikelihood - covariatesJoint, unrestricted = fiml.saturatedLogLikelihood - covariatesJoint
        let rmsea = df > 0 ? (max(0, (chisq - df) / (n * df))).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: n)
        let residuals = ResidualSummaries(sample: model.moments.covariance, implied: fit.impliedCovariance,
                                          sampleMeans: model.moments.means, impliedMeans: fit.impliedMeans)
        self.init(values: [
            ("npar", npar), ("fmin", chisq / (2 * n)), ("chisq", chisq), ("df", df),
            ("pvalue", df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan),
            ("baseline.chisq", baselineChisq), ("baseline.df", baselineDF), ("baseline.pvalue", ChiSquared.survival(baselineChisq, degreesOfFreedom: baselineDF)),
            ("cfi", FitIndex.cfi(comparison)), ("tli", FitIndex.tli(comparison)), ("nnfi", FitIndex.tli(comparison)),
            ("logl", logl), ("unrestricted.logl", unrestricted), ("aic", -2 * logl + 2 * npar), ("bic", -2 * logl + npar * log(n)),
            ("ntotal", n), ("bic2", -2 * logl + npar * log((n + 2) / 24)),
            ("rmsea", rmsea), ("rmsea.ci.lower", lower), ("rmsea.ci.upper", upper), ("rmsea.ci.level", 0.90),
            ("rmsea.pvalue", df > 0 ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: n * df * 0.05 * 0.05) : .nan),
            ("srmr", residuals.srmrBentler),
        ])
    }
}

extension SEMModel {
    /// The indices, among the moments' variables, of the fixed exogenous covariates (fixed.x).
    var fixedCovariateIndices: [Int] {
        table.variables.exogenousObserved.compactMap { moments.variables.firstIndex(of: $0) }
    }
}

extension FIMLFit {
    /// The expected unit information with missing data, lavaan's `information = "expected"` with
    /// `missing = "ml"` (its structured h1 information, `lav_mvnorm_missing_information_expected`):
    /// (1/N) Σ_p n_p Δ_pᵀW_pΔ_p over the missing-data patterns, Δ_p the rows of ∂(μ, vech Σ)/∂θ of
    /// pattern p's observed variables and W_p = Σ_o⁻¹ ⊕ ½Dᵀ(Σ_o⁻¹⊗Σ_o⁻¹)D at the model-implied Σ_o
    /// (Kenward & Molenberghs 1998 on the expected information under MAR). nil when a pattern's
    /// implied block is singular.
    func expectedInformation() -> Matrix? {
        Self.expectedInformation(model: fit.model, evaluation: fit.evaluation, patterns: patterns)
    }

    /// The same for one group's `model` at `e` over its `patterns` (its own coordinates).
    static func expectedInformation(model: SEMModel, evaluation e: ModelEvaluation, patterns: MissingPatterns) -> Matrix? {
        let p = model.p
        let pairs = RobustML.vechPairs(p)
        var pairIndex = [Int](repeating: 0, count: p * p)
        for (x, pair) in pairs.enumerated() {
            pairIndex[pair.i * p + pair.j] = x
            pairIndex[pair.j * p + pair.i] = x
        }
        let delta = ParameterDerivatives(model: model, evaluation: e).jacobian(over: pairs, p: p, means: true)
        let q = delta.columns
        var information = Matrix(rows: q, columns: q)
        for pattern in patterns.patterns {
            let observed = pattern.observed, k = observed.count
            let block = Matrix(observed.map { i in observed.map { e.sigma[i, $0] } })
            guard let inverse = try? block.inverseSPD() else { return nil }
            let localPairs = RobustML.vechPairs(k)
            let rows = observed + localPairs.map { p + pairIndex[observed[$0.i] * p + observed[$0.j]] }
            var selected = Matrix(rows: rows.count, columns: q)
            for (r, row) in rows.enumerated() { for a in 0..<q { selected[r, a] = delta[row, a] } }
            let weight = RobustML.momentWeight(inverse, pairs: localPairs, hasMeans: true)
            information = information + (Double(pattern.count) / Double(patterns.count)) * (selected.transposed * weight * selected)
        }
        return information
    }
}
