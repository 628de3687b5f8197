import Foundation
import TrustPathLinalg

/// Robust ML on complete data. MLR, as lavaan's `estimator = "MLR"`: the ML estimates with
/// - Huber-White sandwich standard errors, V = A⁻¹BA⁻¹/N, with A the observed unit information
///   (the Hessian of F_ML/2) and B the mean cross-product of the casewise scores
///   sᵢ = ∂ log Lᵢ/∂θ, sᵢₐ = ½ tr(Σ⁻¹(dᵢdᵢᵀ - Σ)Σ⁻¹ ∂Σ/∂θₐ) + ∂μᵀ/∂θₐ Σ⁻¹dᵢ (White 1982; Huber 1967);
/// - the Yuan-Bentler scaled test statistic in Mplus's form, T/c with
///   c = [tr(A₁⁻¹B₁) - tr(A₀⁻¹B₀)]/df, where A₁ = ½Dᵀ(S⁻¹⊗S⁻¹)D and B₁ are the unrestricted model's
///   information and score cross-products over the p(p+1)/2 covariances, A₀ and B₀ the model's
///   (Yuan & Bentler 2000; Asparouhov & Muthén 2005);
/// - lavaan's `.scaled` fit measures (the usual formulas on scaled statistics; the RMSEA and its
///   interval from T on c·df degrees of freedom, as lavaan 0.6) and `.robust` ones
///   (Brosseau-Liard & Savalei 2012, 2014: CFI, TLI and RMSEA corrected with c and the baseline's c).
/// With fixed exogenous covariates (fixed.x) the covariates' own moments drop out of the traces
/// (``RobustGroup``), of Γ (``momentGamma(_:means:covariance:pairs:hasMeans:fixed:)``) and of the
/// robust FIML pieces, as lavaan's.
/// Across groups: ``init(multiGroup:)``; with missing data (robust FIML): ``init(fiml:)``.
/// MLM (Satorra-Bentler) is ``init(satorraBentler:cases:)``; all share the scaled and robust measures.
public struct RobustML: Sendable {
    /// Sandwich covariance of the free coordinates.
    public let covariance: Matrix
    public let scalingFactor: Double
    public let baselineScalingFactor: Double
    /// What the `.robust` CFI, TLI and RMSEA are computed from when not (χ², c, baseline χ², c_b):
    /// with missing data, lavaan's FIML-corrected statistics (``init(fiml:)``).
    var robustBasis: (chisq: Double, scalingFactor: Double, baselineChisq: Double, baselineScalingFactor: Double)?
    /// With Satorra-Bentler pieces: tr((UΓ)²) of the model and of the baseline, for the
    /// scaled-shifted test (``scaledShiftedMeasures(_:groups:)``); nil for the Huber-White sandwich.
    var traceOfSquares: (model: Double, baseline: Double)?
    /// lavaan's `scaling.factor.h1` and `scaling.factor.h0` of the Yuan-Bentler tests:
    /// tr(A₁⁻¹B₁)/ndat of the unrestricted model over its ndat moments and tr(A⁻¹B₀)/npar of the
    /// model with npar its free parameter rows before equalities (lavaan's `lav_test_yuan_bentler`,
    /// `nx.free`); nil for the Satorra-Bentler tests, which have none.
    /// Under test = "yuan.bentler" the two do not combine into c: c is tr(UΓ)/df, as lavaan's.
    public internal(set) var traceFactors: (h1: Double, h0: Double)?
    /// A⁻¹, the inverse unit information the sandwich and the traces are built on.
    let informationInverse: Matrix
    /// With Satorra-Bentler pieces: Δ (the groups' stacked), ⊕W_g and ⊕f_gΓ_g, for lavaan's
    /// difference test of nested scaled-shifted fits (``satorra2000(chisq:df:)``).
    var differencePieces: (jacobian: Matrix, weight: Matrix, gamma: Matrix)?

    public init(fit: SEMFit, cases: CompleteCases) throws(SEMError) {
        let model = fit.model
        let group = try RobustGroup(model: model, evaluation: fit.evaluation, cases: cases)
        let a0 = ObservedInformation.matrix(model: model, theta: fit.solution.theta)
        try self.init(information: a0, scoreCrossProduct: group.scoreCrossProduct, traceH1: group.traceH1,
                      moments: group.momentCount, parameterRows: model.freeRowCount, baselineTrace: group.baselineTrace,
                      df: Double(model.degreesOfFreedom), baselineDF: Double(Self.baselineDF(model)), count: cases.count) {
            Identification.weakParameters(model: model, information: a0)
        }
    }

    /// MLR across groups, as lavaan's `estimator = "MLR"` with `group =`: A is the observed unit
    /// information of F = Σ_g (N_g/N) F_g, B = Σ_g (N_g/N) B_g with each group's score cross-products
    /// mapped onto the shared parameters, V = A⁻¹BA⁻¹/N; the Yuan-Bentler trace is
    /// Σ_g tr(A₁g⁻¹B₁g) - tr(A⁻¹B) (lavaan's `lav_test_yuan_bentler_mplus_trace`), the baseline's
    /// the same with each group's independence model.
    public init(multiGroup fit: MultiGroupFit) throws(SEMError) {
        let model = fit.model
        if !model.patterns.isEmpty {
            // Robust FIML across groups.
            let problem = try GroupsDiscrepancy(fullInformation: model)
            let a0 = problem.observedInformation(at: fit.solution.theta)
            let parts = FIMLGroupPart.parts(of: fit)
            try self.init(fimlGroups: parts, information: a0, freeCount: model.freeCount, df: model.degreesOfFreedom) { problem.weakParameters(a0) }
            return
        }
        let q = model.freeCount
        var b0 = Matrix(rows: q, columns: q), traceH1 = 0.0, baselineTrace = 0.0, baselineDF = 0.0, moments = 0
        for (g, group) in model.groups.enumerated() {
            let pieces = try RobustGroup(model: group, evaluation: fit.evaluations[g], cases: model.cases[g])
            let map = model.globalCoordinates[g], w = model.weights[g]
            for a in map.indices { for b in map.indices { b0[map[a], map[b]] += w * pieces.scoreCrossProduct[a, b] } }
            traceH1 += pieces.traceH1
            moments += pieces.momentCount
            baselineTrace += pieces.baselineTrace
            baselineDF += Double(Self.baselineDF(group))
        }
        let problem = try MultiGroupDiscrepancy(model: model)
        let a0 = problem.observedInformation(at: fit.solution.theta)
        try self.init(information: a0, scoreCrossProduct: b0, traceH1: traceH1, moments: moments,
                      parameterRows: model.groups.reduce(0) { $0 + $1.freeRowCount }, baselineTrace: baselineTrace,
                      df: Double(model.degreesOfFreedom), baselineDF: baselineDF,
                      count: model.count) {
            problem.weakParameters(a0)
        }
    }

    /// The sandwich A⁻¹BA⁻¹/N and the scaling factors c = (tr_h1 - tr(A⁻¹B))/df and
    /// c_b = (tr_h1 - tr_baseline)/df_b; tr_h1 runs over `moments` unrestricted moments, tr(A⁻¹B) over
    /// the model's `parameterRows` (``traceFactors``).
    init(information a0: Matrix, scoreCrossProduct b0: Matrix, traceH1: Double, moments: Int, parameterRows: Int,
         baselineTrace: Double,
         df: Double, baselineDF: Double, count n: Int, weakParameters: () -> [String]) throws(SEMError) {
        let a0Inverse: Matrix
        do { a0Inverse = try a0.inverse() } catch { throw SEMError.notIdentified(parameters: weakParameters()) }
        informationInverse = a0Inverse
        covariance = (1 / Double(n)) * (a0Inverse * b0 * a0Inverse)
        let traceH0 = Self.traceOfProduct(a0Inverse, b0)
        scalingFactor = df > 0 ? (traceH1 - traceH0) / df : .nan
        baselineScalingFactor = (traceH1 - baselineTrace) / baselineDF
        traceFactors = (traceH1 / Double(moments), traceH0 / Double(parameterRows))
    }

    /// These Satorra-Bentler statistics as lavaan's `test = "yuan.bentler"` on complete data: the
    /// same c = tr(UΓ)/df (lavaan's Ω = A₁⁻¹B₁A₁⁻¹ of the unrestricted model at the sample moments is
    /// then the ADF Γ), with the trace factors of ``traceFactors`` from each group's unrestricted
    /// scores and B₀ = Σ_g f_g B₀g mapped onto the shared coordinates; `parameterRows` is lavaan's npar there.
    func withYuanBentlerFactors(
        _ groups: [(pieces: RobustGroup, coordinates: [Int], share: Double)], parameterRows: Int
    ) -> RobustML {
        let q = informationInverse.rows
        var b0 = Matrix(rows: q, columns: q)
        for group in groups {
            let map = group.coordinates
            for a in map.indices {
                for b in map.indices { b0[map[a], map[b]] += group.share * group.pieces.scoreCrossProduct[a, b] }
            }
        }
        var copy = self
        copy.traceFactors = (
            groups.reduce(0) { $0 + $1.pieces.traceH1 } / Double(groups.reduce(0) { $0 + $1.pieces.momentCount }),
            Self.traceOfProduct(informationInverse, b0) / Double(parameterRows)
        )
        return copy
    }

    /// The independence baseline's degrees of freedom: the covariances among the modelled
    /// variables and between them and any fixed covariates (the covariates' own are fixed).
    static func baselineDF(_ model: SEMModel) -> Int {
        let p = model.p, k = model.table.variables.exogenousObserved.count
        return p * (p - 1) / 2 - k * (k - 1) / 2
    }

    /// ½Dᵀ(M⊗M)D over vech: the normal-theory weight matrix of the covariances for M = Σ⁻¹ (the
    /// duplicated positions of each pair summed).
    static func normalWeight(_ inverse: Matrix, pairs: [(i: Int, j: Int)]) -> Matrix {
        var weight = Matrix(rows: pairs.count, columns: pairs.count)
        for (x, first) in pairs.enumerated() {
            for (y, second) in pairs.enumerated() where y <= x {
                // Positions (i, j) and, off the diagonal, (j, i) of each pair.
                var sum = inverse[first.i, second.i] * inverse[first.j, second.j]
                if second.i != second.j { sum += inverse[first.i, second.j] * inverse[first.j, second.i] }
                if first.i != first.j {
                    sum += inverse[first.j, second.i] * inverse[first.i, second.j]
                    if second.i != second.j { sum += inverse[first.j, second.j] * inverse[first.i, second.i] }
                }
                weight[x, y] = 0.5 * sum
                weight[y, x] = 0.5 * sum
            }
        }
        return weight
    }

    /// (1/n) XᵀX of a row-major n x k matrix: the mean cross-product of the rows (the scores).
    static func meanCrossProduct(_ values: [Double], rows n: Int, columns k: Int) -> Matrix {
        let x = Matrix(rows: n, columns: k, elements: values)
        return (1 / Double(n)) * (x.transposed * x)
    }

    /// Γ, the asymptotic covariance of the sample moments without a distributional assumption
    /// (Browne 1984's ADF estimate): the covariance, divisor N, of zᵢ = (dᵢ, vech(dᵢdᵢᵀ)) with
    /// dᵢ = xᵢ - x̄ (`means`; S, divisor N, is `covariance`); the means' block only with `hasMeans`.
    /// With fixed covariates (fixed.x, their indices `fixed`) each row's moments are taken less those of
    /// its fitted values hᵢ, the covariates' own dₓ and the others' least-squares predictions Bᵀdₓ with
    /// B = Sₓₓ⁻¹Sₓᵧ: zᵢ = (dᵢ - hᵢ, vech(dᵢdᵢᵀ - hᵢhᵢᵀ)), so the covariates' own moments drop out
    /// (lavaan's `lav_samplestats_Gamma` with fixed.x).
    static func momentGamma(
        _ cases: CompleteCases, means: [Double], covariance s: Matrix, pairs: [(i: Int, j: Int)], hasMeans: Bool,
        fixed: [Int] = []
    ) -> Matrix {
        let n = cases.count, p = means.count, k = (hasMeans ? p : 0) + pairs.count
        let others = (0..<p).filter { !fixed.contains($0) }
        var slopes = Matrix(rows: fixed.count, columns: p)
        if !fixed.isEmpty {
            guard let inverse = try? s.submatrix(fixed).inverseSPD() else {
                return Matrix(rows: k, columns: k, repeating: .nan)
            }
            for a in fixed.indices {
                for j in others { slopes[a, j] = fixed.indices.reduce(0) { $0 + inverse[a, $1] * s[fixed[$1], j] } }
            }
        }
        var z: [Double] = [], d = [Double](repeating: 0, count: p), h = [Double](repeating: 0, count: p)
        z.reserveCapacity(n * k)
        for r in 0..<n {
            for j in 0..<p { d[j] = cases.values[r * p + j] - means[j] }
            for f in fixed { h[f] = d[f] }
            for j in others where !fixed.isEmpty { h[j] = fixed.indices.reduce(0) { $0 + slopes[$1, j] * d[fixed[$1]] } }
            if hasMeans { z += zip(d, h).map(-) }
            z += pairs.map { d[$0.i] * d[$0.j] - h[$0.i] * h[$0.j] }
        }
        var columnMeans = [Double](repeating: 0, count: k)
        for r in 0..<n { for c in 0..<k { columnMeans[c] += z[r * k + c] } }
        for r in 0..<n { for c in 0..<k { z[r * k + c] -= columnMeans[c] / Double(n) } }
        return meanCrossProduct(z, rows: n, columns: k)
    }

    /// tr(XY) = Σᵢⱼ XᵢⱼYⱼᵢ, without forming the product.
    static func traceOfProduct(_ x: Matrix, _ y: Matrix) -> Double {
        var sum = 0.0
        for i in 0..<x.rows { for j in 0..<x.columns { sum += x[i, j] * y[j, i] } }
        return sum
    }

    /// The lower-triangle pairs (i ≥ j) of p variables, column by column: the vech order.
    static func vechPairs(_ p: Int) -> [(i: Int, j: Int)] { (0..<p).flatMap { j in (j..<p).map { (i: $0, j: j) } } }

    /// MLM on complete data, as lavaan's `estimator = "MLM"` (Satorra & Bentler 1994): with Δ the
    /// Jacobian of the moments (μ with a mean structure, vech Σ) in θ, W = Σ⁻¹ ⊕ ½Dᵀ(Σ̂⁻¹⊗Σ̂⁻¹)D,
    /// A = ΔᵀWΔ (the expected unit information) and Γ the sample covariance matrix (divisor N) of
    /// (xᵢ - x̄, vech((xᵢ - x̄)(xᵢ - x̄)ᵀ)), the robust covariance is A⁻¹ΔᵀWΓWΔA⁻¹/N and the scaling
    /// factor c = tr(UΓ)/df with U = W - WΔA⁻¹ΔᵀW; the baseline's c the same with the independence
    /// model's Δ (one unit column per mean and variance) at the sample means and diag(S).
    public init(satorraBentler fit: SEMFit, cases: CompleteCases) throws(SEMError) {
        let model = fit.model
        try self.init(satorraBentlerGroups: [(model, fit.evaluation, cases, Array(0..<model.freeCount))], freeCount: model.freeCount,
                      df: model.degreesOfFreedom) { Identification.weakParameters(model: model, information: $0) }
    }

    /// MLM across groups (f_g = n_g/N): A = Σ_g f_gΔ_gᵀW_gΔ_g, V = A⁻¹(Σ_g f_gΔ_gᵀW_gΓ_gW_gΔ_g)A⁻¹/N
    /// and the traces over the stacked groups with ⊕f_gW_g and ⊕Γ_g/f_g, as lavaan's MLM with `group =`.
    public init(satorraBentlerMultiGroup fit: MultiGroupFit) throws(SEMError) {
        let model = fit.model
        guard model.patterns.isEmpty else { throw SEMError.unsupported("MLM with missing data (lavaan's MLM needs complete data; use MLR)") }
        let parts = model.groups.indices.map { g in (model.groups[g], fit.evaluations[g], model.cases[g], model.globalCoordinates[g]) }
        let problem = try MultiGroupDiscrepancy(model: model)
        try self.init(satorraBentlerGroups: parts, freeCount: model.freeCount, df: model.degreesOfFreedom) { problem.weakParameters($0) }
    }

    init(satorraBentlerGroups parts: [(model: SEMModel, evaluation: ModelEvaluation, cases: CompleteCases, coordinates: [Int])], freeCount q: Int, df: Int,
         weakParameters: (Matrix) -> [String]) throws(SEMError) {
        let total = Double(parts.reduce(0) { $0 + $1.cases.count })
        var information = Matrix(rows: q, columns: q), meat = Matrix(rows: q, columns: q)
        var deltas: [Matrix] = [], weights: [Matrix] = [], gammas: [Matrix] = [], shares: [Double] = []
        var baselineDeltas: [Matrix] = [], baselineWeights: [Matrix] = [], baselineDF = 0.0
        for part in parts {
            let model = part.model, e = part.evaluation, cases = part.cases
            let n = cases.count, p = model.p, pairs = Self.vechPairs(p), hasMeans = model.lisrel.hasMeans
            let meanCount = hasMeans ? p : 0, k = meanCount + pairs.count, share = Double(n) / total
            // Δ over (μ, vech Σ) in global coordinates.
            let derivatives = ParameterDerivatives(model: model, evaluation: e)
            let sigmaRows = derivatives.jacobian(over: pairs, p: p)
            var delta = Matrix(rows: k, columns: q)
            for (a, derivative) in derivatives.parameters.enumerated() {
                let global = part.coordinates[a]
                if hasMeans { for (j, value) in derivative.mu.enumerated() { delta[j, global] += value } }
                for x in pairs.indices { delta[meanCount + x, global] += sigmaRows[x, a] }
            }
            let s = model.moments.covariance, fixed = model.fixedCovariateIndices
            let gamma = Self.momentGamma(
                cases, means: model.moments.means, covariance: s, pairs: pairs, hasMeans: hasMeans, fixed: fixed)
            let weight = Self.momentWeight(e.sigmaInverse, pairs: pairs, hasMeans: hasMeans)
            let weightDelta = weight * delta
            information = information + share * (delta.transposed * weightDelta)
            meat = meat + share * (weightDelta.transposed * gamma * weightDelta)
            deltas.append(delta); weights.append(weight); gammas.append(gamma); shares.append(share)
            // The independence baseline: means and variances free, at x̄ and diag(S), beside the fixed
            // covariates' own moments at their sample values.
            let free = (0..<p).filter { !fixed.contains($0) }
            var baselineInverse = Matrix(rows: p, columns: p)
            for j in free { baselineInverse[j, j] = 1 / s[j, j] }
            if !fixed.isEmpty {
                guard let covariatesInverse = try? s.submatrix(fixed).inverseSPD() else {
                    throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
                }
                for a in fixed.indices { for b in fixed.indices { baselineInverse[fixed[a], fixed[b]] = covariatesInverse[a, b] } }
            }
            let baselineMeans = hasMeans ? free.count : 0
            var baselineDelta = Matrix(rows: k, columns: baselineMeans + free.count)
            for (column, j) in free.enumerated() {
                if hasMeans { baselineDelta[j, column] = 1 }
                let variance = pairs.firstIndex { $0.i == j && $0.j == j } ?? 0
                baselineDelta[meanCount + variance, baselineMeans + column] = 1
            }
            baselineDeltas.append(baselineDelta)
            baselineWeights.append(Self.momentWeight(baselineInverse, pairs: pairs, hasMeans: hasMeans))
            baselineDF += Double(Self.baselineDF(model))
        }
        let inverse: Matrix
        do { inverse = try information.inverseSPD() } catch { throw SEMError.notIdentified(parameters: weakParameters(information)) }
        covariance = (1 / total) * (inverse * meat * inverse)
        informationInverse = inverse
        let gamma = RobustML.blockDiagonal(zip(gammas, shares).map { (1 / $1) * $0 })
        /// tr(UΓ) and tr((UΓ)²), U = V - VΔ(ΔᵀVΔ)⁻¹ΔᵀV.
        func traces(_ deltaBlocks: [Matrix], _ weightBlocks: [Matrix], stacked: Bool) -> (Double, Double) {
            let v = RobustML.blockDiagonal(zip(weightBlocks, shares).map { $1 * $0 })
            let delta = stacked ? Matrix(rows: deltaBlocks.reduce(0) { $0 + $1.rows }, columns: deltaBlocks[0].columns, elements: deltaBlocks.flatMap(\.elements))
                : RobustML.blockDiagonal(deltaBlocks)
            let vDelta = v * delta
            guard let inner = try? (delta.transposed * vDelta).inverseSPD() else { return (.nan, .nan) }
            let u = v - vDelta * inner * vDelta.transposed, ug = u * gamma
            return (Self.traceOfProduct(u, gamma), Self.traceOfProduct(ug, ug))
        }
        let model = traces(deltas, weights, stacked: true), baseline = traces(baselineDeltas, baselineWeights, stacked: false)
        differencePieces = (
            Matrix(rows: deltas.reduce(0) { $0 + $1.rows }, columns: q, elements: deltas.flatMap(\.elements)),
            RobustML.blockDiagonal(weights), RobustML.blockDiagonal(zip(gammas, shares).map { $1 * $0 })
        )
        scalingFactor = df > 0 ? model.0 / Double(df) : .nan
        baselineScalingFactor = baseline.0 / baselineDF
        traceOfSquares = (model.1, baseline.1)
    }

    /// Σ⁻¹ ⊕ ½Dᵀ(Σ⁻¹⊗Σ⁻¹)D (the means' block only with a mean structure): the normal-theory weight
    /// of (μ, vech Σ) for M = Σ⁻¹.
    static func momentWeight(_ inverse: Matrix, pairs: [(i: Int, j: Int)], hasMeans: Bool) -> Matrix {
        let covariance = normalWeight(inverse, pairs: pairs)
        return hasMeans ? blockDiagonal([inverse, covariance]) : covariance
    }

    /// sᵢₐ for one case: Σ_terms w[(Σ⁻¹u·d)(Σ⁻¹v·d) - uᵀΣ⁻¹v] (+ (Σ⁻¹∂μ)·d with a mean structure).
    static func score(_ derivative: TransformedDerivative, d: [Double], hasMeans: Bool) -> Double {
        var value = 0.0
        for (t, term) in derivative.base.terms.enumerated() {
            let u = dot(derivative.transformedU[t], d), v = dot(derivative.transformedV[t], d)
            value += term.weight * (u * v - term.u.dot(derivative.transformedV[t]))
        }
        if hasMeans, !derivative.transformedMu.isEmpty { value += dot(derivative.transformedMu, d) }
        return value
    }

    /// The pieces of lavaan's satorra.2000 difference test for this fit, whose unscaled statistic is
    /// `chisq` on `df` degrees of freedom; nil without Satorra-Bentler pieces.
    func satorra2000(chisq: Double, df: Int) -> Satorra2000Test? {
        differencePieces.map {
            Satorra2000Test(
                jacobian: $0.jacobian, weight: $0.weight, gamma: $0.gamma, informationInverse: informationInverse,
                chiSquare: chisq, degreesOfFreedom: df)
        }
    }

    /// `fit` with the sandwich covariance: its estimates carry the robust standard errors.
    public func applied(to fit: SEMFit) -> SEMFit { fit.replacingCovariance(covariance) }

    /// The multi-group `fit` with the sandwich covariance.
    public func applied(to fit: MultiGroupFit) -> MultiGroupFit { fit.replacingCovariance(covariance) }

    /// lavaan's MLMV statistics: the Satorra-Bentler measures (the `.robust` ones are MLMV's too,
    /// lavaan's ĉ = a(df - b)/df being the mean scaling) with the `.scaled` family from the
    /// scaled-shifted statistic T̃ = aT + b, a = √(df / tr((UΓ)²)), b = df - a·tr(UΓ) (Asparouhov &
    /// Muthén 2010), the baseline's alike; its RMSEA and interval from T̃ on df, and the robust
    /// interval from T̃ with the bounds scaled by √(1/a), as lavaan 0.6-14. nil without
    /// Satorra-Bentler pieces.
    public func scaledShiftedMeasures(_ measures: FitMeasures, groups: Int = 1) -> FitMeasures? {
        guard let squares = traceOfSquares else { return nil }
        let base = self.measures(measures, groups: groups)
        let m = { (name: String) in measures[name] ?? .nan }
        let chisq = m("chisq"), df = m("df"), n = m("ntotal"), baselineDF = m("baseline.df"), g = Double(groups).squareRoot()
        let (a, b) = WLSMVFit.scaledShifted(trace: scalingFactor * df, traceOfSquare: squares.model, df: df)
        let (ab, bb) = WLSMVFit.scaledShifted(trace: baselineScalingFactor * baselineDF, traceOfSquare: squares.baseline, df: baselineDF)
        let scaled = a * chisq + b, baselineScaled = ab * m("baseline.chisq") + bb
        let comparison = FitIndex.Comparison(chisq: scaled, df: df, baselineChisq: baselineScaled, baselineDF: baselineDF)
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: scaled, df: df, n: n)
        let replaced: [String: Double] = [
            "chisq.scaled": scaled, "pvalue.scaled": ChiSquared.survival(scaled, degreesOfFreedom: df), "chisq.scaling.factor": 1 / a,
            "baseline.chisq.scaled": baselineScaled, "baseline.pvalue.scaled": ChiSquared.survival(baselineScaled, degreesOfFreedom: baselineDF),
            "baseline.chisq.scaling.factor": 1 / ab, "cfi.scaled": FitIndex.cfi(comparison), "tli.scaled": FitIndex.tli(comparison),
            "rmsea.scaled": df > 0 ? g * (max(0, (scaled - df) / (n * df))).squareRoot() : 0,
            "rmsea.ci.lower.scaled": g * lower, "rmsea.ci.upper.scaled": g * upper,
            // lavaan's robust interval takes the scaled-shifted statistic with the test's own scaling factor 1/a.
            "rmsea.ci.lower.robust": g * (1 / a).squareRoot() * lower, "rmsea.ci.upper.robust": g * (1 / a).squareRoot() * upper,
        ]
        return FitMeasures(values: base.values.map { ($0.name, replaced[$0.name] ?? $0.value) } + [("chisq.shift.parameter", b)])
    }

    /// `measures` followed by lavaan's mean-and-variance adjusted statistic (test = "mean.var.adjusted",
    /// MLMVS's; Satterthwaite): df* = tr(UΓ)²/tr((UΓ)²), T* = X²·df*/tr(UΓ) on df* degrees of freedom
    /// (scaling factor tr(UΓ)/df*), the baseline's the same, and the `.scaled` CFI, TLI and RMSEA
    /// from them with df* (the RMSEA's interval and close-fit p from X² on tr(UΓ) degrees of freedom,
    /// as lavaan's; lavaan 0.6-14 reports no `.robust` indices for this test); nil without
    /// the Satorra-Bentler pieces. With `groups` > 1 the RMSEA and its bounds are multiplied by √G
    /// and the close-fit noncentrality divided by G, as lavaan's multi-group RMSEA.
    public func meanVarianceAdjustedMeasures(_ measures: FitMeasures, groups: Int = 1) -> FitMeasures? {
        guard let squares = traceOfSquares else { return nil }
        let m = { (name: String) in measures[name] ?? .nan }
        let df = m("df"), n = m("ntotal"), baselineDF = m("baseline.df")
        func adjusted(_ chisq: Double, trace: Double, traceOfSquare: Double) -> (chisq: Double, df: Double, factor: Double) {
            let scaledDF = trace * trace / traceOfSquare, factor = trace / scaledDF
            return (chisq / factor, scaledDF, factor)
        }
        let model = adjusted(m("chisq"), trace: scalingFactor * df, traceOfSquare: squares.model)
        let baseline = adjusted(
            m("baseline.chisq"), trace: baselineScalingFactor * baselineDF, traceOfSquare: squares.baseline)
        let comparison = FitIndex.Comparison(
            chisq: model.chisq, df: model.df, baselineChisq: baseline.chisq, baselineDF: baseline.df)
        let tli = FitIndex.tli(comparison)
        let g = Double(groups)
        let rmsea = model.df > 0 ? g.squareRoot() * (max(0, (model.chisq - model.df) / (n * model.df))).squareRoot() : 0
        // lavaan's interval and close-fit p take the unadjusted X² on tr(UΓ) degrees of freedom.
        let trace = scalingFactor * df
        let (lowerOne, upperOne) = FitMeasures.rmseaInterval(chisq: m("chisq"), df: trace, n: n)
        let (lower, upper) = (g.squareRoot() * lowerOne, g.squareRoot() * upperOne)
        let close =
            trace > 0
            ? 1 - NoncentralChiSquared.cdf(
                m("chisq"), degreesOfFreedom: trace, noncentrality: n * trace * 0.05 * 0.05 / g)
            : .nan
        return measures.appending([
            ("chisq.scaled", model.chisq), ("df.scaled", model.df),
            ("pvalue.scaled", ChiSquared.survival(model.chisq, degreesOfFreedom: model.df)),
            ("chisq.scaling.factor", model.factor), ("baseline.chisq.scaled", baseline.chisq),
            ("baseline.df.scaled", baseline.df),
            ("baseline.pvalue.scaled", ChiSquared.survival(baseline.chisq, degreesOfFreedom: baseline.df)),
            ("baseline.chisq.scaling.factor", baseline.factor), ("cfi.scaled", FitIndex.cfi(comparison)),
            ("tli.scaled", tli), ("nnfi.scaled", tli), ("rmsea.scaled", rmsea), ("rmsea.ci.lower.scaled", lower),
            ("rmsea.ci.upper.scaled", upper), ("rmsea.pvalue.scaled", close),
        ])
    }

    /// √G·√(max(0, excess/(N·df))), lavaan's RMSEA of a statistic's excess over its df (0 without df).
    static func rmseaOf(_ excess: Double, df: Double, n: Double, groups: Int) -> Double {
        df > 0 ? Double(groups).squareRoot() * (max(0, excess / (n * df))).squareRoot() : 0
    }

    /// lavaan's `.robust` CFI, TLI and RMSEA with its interval (Brosseau-Liard & Savalei 2012, 2014)
    /// from a statistic T with its correction c and the baseline's: the indices from T - c·df, the
    /// interval from T/c on df with its bounds multiplied by √c (and by √G across groups).
    static func robustMeasures(
        _ measures: FitMeasures,
        basis: (chisq: Double, scalingFactor: Double, baselineChisq: Double, baselineScalingFactor: Double),
        groups: Int
    ) -> (indices: [(String, Double)], rmsea: [(String, Double)]) {
        let df = measures["df"] ?? .nan, n = measures["ntotal"] ?? .nan, g = Double(groups).squareRoot()
        let comparison = FitIndex.Comparison(
            chisq: basis.chisq, df: df, baselineChisq: basis.baselineChisq, baselineDF: measures["baseline.df"] ?? .nan,
            scaling: basis.scalingFactor, baselineScaling: basis.baselineScalingFactor)
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: basis.chisq / basis.scalingFactor, df: df, n: n)
        return (
            [("cfi.robust", FitIndex.cfi(comparison)), ("tli.robust", FitIndex.tli(comparison))],
            [
                ("rmsea.robust", rmseaOf(basis.chisq - basis.scalingFactor * df, df: df, n: n, groups: groups)),
                ("rmsea.ci.lower.robust", g * (basis.scalingFactor * lower * lower).squareRoot()),
                ("rmsea.ci.upper.robust", g * (basis.scalingFactor * upper * upper).squareRoot()),
            ]
        )
    }

    /// `measures` followed by lavaan's scaled and robust fit measures; with `groups` > 1 every RMSEA
    /// and its bounds are multiplied by √G, as lavaan's multi-group RMSEA.
    public func measures(_ measures: FitMeasures, groups: Int = 1) -> FitMeasures {
        let m = { (name: String) in measures[name] ?? .nan }
        let chisq = m("chisq"), df = m("df"), n = m("ntotal"), baseline = m("baseline.chisq"), baselineDF = m("baseline.df")
        let c = scalingFactor, cb = baselineScalingFactor, g = Double(groups).squareRoot()
        let scaled = chisq / c, baselineScaled = baseline / cb
        let scaledComparison = FitIndex.Comparison(chisq: scaled, df: df, baselineChisq: baselineScaled, baselineDF: baselineDF)
        // lavaan's scaled interval uses T with df·c degrees of freedom (the trace of UΓ).
        let (scaledLower, scaledUpper) = FitMeasures.rmseaInterval(chisq: chisq, df: c * df, n: n)
        let robust = Self.robustMeasures(measures, basis: robustBasis ?? (chisq, c, baseline, cb), groups: groups)
        return measures.appending([
            ("chisq.scaled", scaled), ("df.scaled", df), ("pvalue.scaled", ChiSquared.survival(scaled, degreesOfFreedom: df)),
            ("chisq.scaling.factor", c), ("baseline.chisq.scaled", baselineScaled), ("baseline.df.scaled", baselineDF),
            ("baseline.pvalue.scaled", ChiSquared.survival(baselineScaled, degreesOfFreedom: baselineDF)), ("baseline.chisq.scaling.factor", cb),
            ("cfi.scaled", FitIndex.cfi(scaledComparison)), ("tli.scaled", FitIndex.tli(scaledComparison)),
        ] + robust.indices + [
            ("rmsea.scaled", Self.rmseaOf(scaled - df, df: df, n: n, groups: groups)),
            ("rmsea.ci.lower.scaled", g * scaledLower), ("rmsea.ci.upper.scaled", g * scaledUpper),
        ] + robust.rmsea
            + (traceFactors.map { [("scaling.factor.h1", $0.h1), ("scaling.factor.h0", $0.h0)] } ?? []))
    }
}
