import Foundation
import TrustPathLinalg
import TrustPathModelSpec

/// DWLS on the statistics of ordinal items given exogenous covariates (``ConditionalMoments``):
/// the structural model's joint implied covariance of the items' latent responses y* and the
/// covariates x (x's block fixed, fixed.x) is conditioned on x: the slopes Π = Σ_yxΣ_xx⁻¹ and the
/// residual covariances Σ_yy - Σ_yxΣ_xx⁻¹Σ_xy, which equal Λ(I - B)⁻¹Γ_x and Λ(I - B)⁻¹Ψ(I - B)⁻ᵀΛᵀ + Θ
/// whatever Σ_xx is (lavaan's `computePI` and residual `Sigma.hat`). The thresholds are saturated;
/// the slopes and the residual correlations are fitted, weighted by 1/Γ_kk.
struct ConditionalDiscrepancy: DiscrepancyProblem {
    let model: SEMModel
    /// Model positions of the items and the covariates.
    let items: [Int], covariates: [Int]
    let sample: [Double]
    let weights: [Double]
    let pairs: [(i: Int, j: Int)]
    /// (Σ_xx)⁻¹ of the model's fixed covariate block.
    let covariateInverse: Matrix

    struct Evaluation {
        let model: ModelEvaluation
        let residual: [Double]
        let jacobian: Matrix
        /// Σ_yy - Σ_yxΣ_xx⁻¹Σ_xy.
        let residualCovariance: Matrix
    }

    func evaluate(_ theta: [Double]) -> (Evaluation, Double)? {
        guard let e = try? ModelEvaluation(model: model, theta: theta) else { return nil }
        let p = items.count, q = covariates.count, sigma = e.sigma
        // Σ_yx M, M = Σ_xx⁻¹.
        var yxM = Matrix(rows: p, columns: q)
        for k in 0..<p { for c in 0..<q { for d in 0..<q { yxM[k, c] += sigma[items[k], covariates[d]] * covariateInverse[d, c] } } }
        var conditional = Matrix(rows: p, columns: p)
        for i in 0..<p {
            for j in 0..<p {
                var value = sigma[items[i], items[j]]
                for c in 0..<q { value -= yxM[i, c] * sigma[covariates[c], items[j]] }
                conditional[i, j] = value
            }
        }
        let implied = (0..<q).flatMap { c in (0..<p).map { yxM[$0, c] } } + pairs.map { conditional[$0.i, $0.j] }
        let residual = zip(sample, implied).map(-)
        let f = zip(residual, weights).reduce(0.0) { $0 + $1.1 * $1.0 * $1.0 }
        guard f.isFinite else { return nil }
        // ∂Σ over the joint entries (item, covariate) and (item, item), then through the conditioning.
        let joint = (0..<p).flatMap { k in covariates.map { (i: items[k], j: $0) } } + pairs.map { (i: items[$0.i], j: items[$0.j]) }
        let dSigma = ParameterDerivatives(model: model, evaluation: e).jacobian(over: joint, p: model.p)
        let freeCount = dSigma.columns
        var jacobian = Matrix(rows: implied.count, columns: freeCount)
        let yx = { (k: Int, c: Int) in k * q + c }
        for a in 0..<freeCount {
            for c in 0..<q {
                for k in 0..<p {
                    var value = 0.0
                    for d in 0..<q { value += dSigma[yx(k, d), a] * covariateInverse[d, c] }
                    jacobian[c * p + k, a] = value
                }
            }
            for (x, pair) in pairs.enumerated() {
                var value = dSigma[p * q + x, a]
                for c in 0..<q {
                    var di = 0.0, dj = 0.0
                    for d in 0..<q { di += dSigma[yx(pair.i, d), a] * covariateInverse[d, c]; dj += dSigma[yx(pair.j, d), a] * covariateInverse[d, c] }
                    value -= di * sigma[covariates[c], items[pair.j]] + dj * sigma[covariates[c], items[pair.i]]
                }
                jacobian[p * q + x, a] = value
            }
        }
        return (Evaluation(model: e, residual: residual, jacobian: jacobian, residualCovariance: conditional), f)
    }

    func gradient(at e: Evaluation) -> [Double] {
        (e.jacobian.transposed * zip(weights, e.residual).map(*)).map { -2 * $0 }
    }

    func information(at e: Evaluation) -> Matrix {
        e.jacobian.transposed * WLSMVGroupsFit.scaledRows(e.jacobian, weights, by: 1)
    }

    func weakParameters(_ information: Matrix) -> [String] {
        SingleGroupDiscrepancy(model: model, logDeterminantS: 0).weakParameters(information)
    }
}

/// A model of ordinal items with exogenous covariates fitted as lavaan's WLSMV with conditional.x
/// (delta parameterization conditional on x: Var(y* | x) = 1, so an item's residual variance is
/// 1 minus its explained variance given x): robust SEs E ΔᵀWΓWΔ E/(N-1), X² = (N-1)F, the
/// scaled-shifted test; the baseline frees the thresholds and slopes and fixes the residual
/// correlations at 0; SRMR over the residual correlations with lavaan's divisor p(p-1)/2 + p + q.
/// The covariates' variances and covariances are fixed at their sample values (divisor N - 1, as
/// lavaan reports them) and std.all uses the items' total variances.
public struct ConditionalWLSMVFit: Sendable {
    public let fit: SEMFit
    public let moments: ConditionalMoments
    public let estimates: [ParameterEstimate]
    public let measures: FitMeasures
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    /// The fitted statistics' residuals: each item's slope on each covariate (`slope`, observed
    /// minus implied) and the residual correlations given the covariates (`cor`), lower triangle.
    public let residuals: [SEMFit.Residual]

    public init(table: ParameterTable, cases: CompleteCases) throws(SEMError) {
        let variables = table.variables
        let covariateNames = variables.exogenousObserved
        let itemNames = variables.observed.filter { !covariateNames.contains($0) }
        let outside = itemNames.filter { !Self.hasUnitConditionalVariance($0, table: table) }
        guard outside.isEmpty else {
            throw SEMError.unsupported(
                "an ordinal variable predicting others while predicted by more than the observed covariates ("
                    + outside.joined(separator: ", ") + "); with WLSMV, measure it by a latent variable")
        }
        let moments = try ConditionalMoments(cases, items: itemNames, covariates: covariateNames)
        let n = Double(moments.count), p = itemNames.count, q = covariateNames.count
        let observed = variables.observed
        let items = itemNames.compactMap { observed.firstIndex(of: $0) }, covariates = covariateNames.compactMap { observed.firstIndex(of: $0) }
        let sampleMoments = Self.jointMoments(moments, cases: cases, variables: observed)
        let sxx = sampleMoments.covariance.submatrix(covariates)
        let means = covariates.map { j in (0..<moments.count).reduce(0.0) { $0 + cases.values[$1 * observed.count + j] } / n }
        let isItemVariance = { (row: ParameterRow) in row.op == "~~" && row.lhs == row.rhs && itemNames.contains(row.lhs) }
        let model = try SEMModel(table: table.fixing(where: isItemVariance, value: { _ in 1 }), moments: sampleMoments)
        let thresholdCount = moments.thresholdCount
        let weights = moments.gammaDiagonal[thresholdCount...].map { 1 / $0 }
        let covariateInverse: Matrix
        do { covariateInverse = try sxx.inverseSPD() } catch {
            throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: covariateNames)
        }
        let problem = ConditionalDiscrepancy(model: model, items: items, covariates: covariates,
                                             sample: Array(moments.statistics[thresholdCount...]), weights: Array(weights),
                                             pairs: moments.pairs, covariateInverse: covariateInverse)
        let df = p * q + moments.pairs.count - model.freeCount
        guard df >= 0 else { throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount + thresholdCount, moments: p * q + moments.pairs.count + thresholdCount) }
        let solution = try MLEstimator.minimize(problem, start: StartValues.vector(for: model), curvature: nil)
        guard let (evaluation, f) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Gauss-Newton then BFGS on the DWLS discrepancy")
        }
        let k = moments.gamma.rows - thresholdCount
        let gamma = Matrix(rows: k, columns: k, elements: (0..<k).flatMap { a in (0..<k).map { moments.gamma[thresholdCount + a, thresholdCount + $0] } })
        let w = Array(weights)
        let weightedDelta = WLSMVGroupsFit.scaledRows(evaluation.jacobian, w, by: 1)
        let information = problem.information(at: evaluation)
        let informationInverse: Matrix
        do { informationInverse = try information.inverseSPD() } catch { throw SEMError.notIdentified(parameters: problem.weakParameters(information)) }
        let covariance = (1 / (n - 1)) * (informationInverse * (weightedDelta.transposed * gamma * weightedDelta) * informationInverse)
        var u = weightedDelta * informationInverse * weightedDelta.transposed
        for a in 0..<u.rows { for b in 0..<u.columns { u[a, b] = (a == b ? w[a] : 0) - u[a, b] } }
        let ug = u * gamma
        let chisq = (n - 1) * f
        let (scale, shift) = WLSMVFit.scaledShifted(trace: (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: Double(df))
        // Baseline: the residual correlations 0 (thresholds and slopes saturated).
        let first = p * q
        var baselineChisq = 0.0, baselineTrace = 0.0, baselineTraceOfSquare = 0.0
        for a in first..<k {
            baselineChisq += (n - 1) * w[a] * problem.sample[a] * problem.sample[a]
            baselineTrace += w[a] * gamma[a, a]
            for b in first..<k { baselineTraceOfSquare += w[a] * gamma[a, b] * w[b] * gamma[b, a] }
        }
        let baselineDF = Double(moments.pairs.count)
        let (baselineScale, baselineShift) = WLSMVFit.scaledShifted(trace: baselineTrace, traceOfSquare: baselineTraceOfSquare, df: baselineDF)
        // Delta parameterization given x: θ_kk = 1 - (Σ*_kk - 1).
        let residualVariance = Dictionary(uniqueKeysWithValues: itemNames.enumerated().map { ($1, 2 - evaluation.residualCovariance[$0, $0]) })
        fit = try WLSMVFit.reportFit(table: table, itemVariance: isItemVariance, residualVariance: residualVariance, moments: sampleMoments,
                                     solution: solution, covariance: covariance)
        self.moments = moments
        degreesOfFreedom = df
        chiSquare = chisq
        residuals = (0..<q).flatMap { c in (0..<p).map { SEMFit.Residual(type: "slope", row: itemNames[$0], column: covariateNames[c], value: evaluation.residual[c * p + $0]) } }
            + moments.pairs.enumerated().map { SEMFit.Residual(type: "cor", row: itemNames[$1.i], column: itemNames[$1.j], value: evaluation.residual[p * q + $0]) }
        // Thresholds after the user's rows, each standardized by its item's total standard deviation.
        var thresholdRows: [ParameterEstimate] = [], index = 0
        for (a, name) in itemNames.enumerated() {
            let sd = fit.evaluation.sigma[items[a], items[a]].squareRoot()
            for (t, value) in moments.thresholds[a].enumerated() {
                let se = (moments.gammaDiagonal[index] / (n - 1)).squareRoot()
                thresholdRows.append(ParameterEstimate(lhs: name, op: "|", rhs: "t\(t + 1)", group: 1, label: "", estimate: value,
                                                       standardError: se, isFree: true, stdLV: value, stdAll: value / sd))
                index += 1
            }
        }
        // Then lavaan's fixed rows: each item's scale factor (`~*~`, 1 in the delta parameterization),
        // the intercepts (items' 0, the covariates' sample means) and the latent means (0); `:=` rows last.
        let fixed = { (lhs: String, op: String, rhs: String, value: Double, standardized: Double) in
            ParameterEstimate(lhs: lhs, op: op, rhs: rhs, group: 1, label: "", estimate: value, standardError: 0,
                              isFree: false, stdLV: value, stdAll: standardized)
        }
        let scaleRows = itemNames.map { fixed($0, "~*~", $0, 1, 1) }
        let interceptRows = observed.map { name in
            covariateNames.firstIndex(of: name).map { c in
                fixed(name, "~1", "", means[c], means[c] / sxx[c, c].squareRoot())
            } ?? fixed(name, "~1", "", 0, 0)
        }
        let latentMeans = variables.latent.map { fixed($0, "~1", "", 0, 0) }
        let userCount = fit.model.rows.prefix { $0.isUser }.count
        let rest = fit.estimates.dropFirst(userCount)
        estimates = Array(fit.estimates.prefix(userCount)) + thresholdRows + rest.filter { $0.op != ":=" } + scaleRows
            + interceptRows + latentMeans + rest.filter { $0.op == ":=" }
        // SRMR over the residual correlations, lavaan's divisor counting the covariates.
        var squares = 0.0
        for pair in moments.pairs {
            let residual = moments.correlation[pair.i, pair.j] - evaluation.residualCovariance[pair.i, pair.j]
            squares += residual * residual
        }
        let srmr = (squares / Double(moments.pairs.count + p + q)).squareRoot()
        measures = WLSMVMeasures(chisq: chisq, scaled: (scale, shift), df: Double(df), baseline: (baselineChisq, baselineDF, baselineScale, baselineShift),
                                 n: n, npar: Double(model.freeCount + thresholdCount), groups: 1, srmr: srmr).measures
    }

    /// A joint covariance of the items' latent responses and the covariates consistent with the
    /// statistics, in the order of `variables` (for start values and the fixed covariate block):
    /// Σ_xx the covariates' sample covariance (divisor N - 1, as lavaan reports it), Σ_yx = ΠΣ_xx,
    /// Σ_yy = R + ΠΣ_xxΠᵀ (R without covariates); means 0.
    static func jointMoments(_ statistics: any OrdinalStatistics, cases: CompleteCases, variables: [String]) -> SampleMoments {
        let n = statistics.count, width = cases.variables.count
        let items = statistics.itemNames.compactMap { variables.firstIndex(of: $0) }
        let covariates = statistics.covariateNames.compactMap { variables.firstIndex(of: $0) }
        let x = statistics.covariateNames.map { name in
            cases.variables.firstIndex(of: name).map { j in (0..<n).map { cases.values[$0 * width + j] } } ?? []
        }
        let means = x.map { $0.reduce(0, +) / Double(n) }, q = x.count
        var sxx = Matrix(rows: q, columns: q)
        for c in 0..<q {
            for d in 0..<q {
                sxx[c, d] = zip(x[c], x[d]).reduce(0.0) { $0 + ($1.0 - means[c]) * ($1.1 - means[d]) } / Double(n - 1)
            }
        }
        let pi = statistics.slopes, yx = pi * sxx, yy = statistics.correlation + yx * pi.transposed
        var joint = Matrix(rows: variables.count, columns: variables.count)
        for (a, i) in items.enumerated() {
            for (b, j) in items.enumerated() { joint[i, j] = yy[a, b] }
            for (c, j) in covariates.enumerated() { joint[i, j] = yx[a, c]; joint[j, i] = yx[a, c] }
        }
        for (c, i) in covariates.enumerated() { for (d, j) in covariates.enumerated() { joint[i, j] = sxx[c, d] } }
        return SampleMoments(variables: variables, means: [Double](repeating: 0, count: variables.count), covariance: joint,
                             count: n, droppedRows: statistics.droppedRows)
    }

    /// Whether fixing the item's residual variance at 1 while estimating leaves the fitted statistics
    /// as the delta parameterization has them (Var(y* | x) = 1): true for an item that predicts
    /// nothing (an indicator or an end outcome: its residual variance is only its own diagonal, which
    /// the residual correlations ignore), and for one predicted by the observed covariates alone
    /// (its variance given x is its residual variance, 1).
    static func hasUnitConditionalVariance(_ item: String, table: ParameterTable) -> Bool {
        let predicts = table.rows.contains { $0.op == "~" && $0.rhs == item }
        guard predicts else { return true }
        let covariates = Set(table.variables.exogenousObserved)
        return table.rows.filter { $0.op == "~" && $0.lhs == item }.allSatisfy { covariates.contains($0.rhs) }
            && !table.rows.contains { $0.op == "=~" && $0.rhs == item }
    }

    /// Heywood cases, items' conditional residual variances below zero included.
    public var diagnostics: [Diagnostic] { Diagnostic.heywoodCases(estimates, fixedVariances: true) }
}
