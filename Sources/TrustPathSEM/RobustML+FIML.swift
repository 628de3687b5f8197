import TrustPathLinalg

extension RobustML {
    /// Robust FIML, as lavaan's `missing = "ml"` with `estimator = "MLR"` (Yuan & Bentler 2000;
    /// Savalei & Bentler 2009 on the scaled test with missing data):
    /// - V = A⁻¹BA⁻¹/N with A the observed unit information of the FIML fit and B the mean
    ///   cross-product of the casewise scores ∂ log Lᵢ/∂θ = Jᵀ sᵢ, where sᵢ is the row's score over
    ///   the unrestricted moments (μ, vech Σ) at the model-implied ones and J = ∂(μ, vech Σ)/∂θ;
    /// - c = [tr(A₁⁻¹B₁) - tr(A⁻¹B)]/df with A₁ the observed information of the unrestricted
    ///   (saturated) model and B₁ its score cross-product, both at the EM estimates (lavaan's
    ///   "unstructured" h1 information for the Mplus-variant test);
    /// - the baseline's c from the independence model fitted by FIML (available-case means and
    ///   variances), whose information is diagonal: tr = Σⱼ [1 + Σᵢ(dᵢⱼ²/vⱼ - 1)²/(2nⱼ)];
    /// - the `.robust` CFI, TLI and RMSEA from the FIML-corrected statistics (Zhang & Savalei 2023,
    ///   version 3, lavaan's `lav_fit_fiml_corrected`): T̃ = N·F_ML of the estimates against the EM
    ///   moments as if complete, and c̃ = tr(U Wₘ⁻¹W_c Wₘ⁻¹ U Γ)/df with Wₘ = A₁, Γ = Wₘ⁻¹B₁Wₘ⁻¹,
    ///   W_c the complete-data information at the EM moments and U = Wₘ - WₘΔ(ΔᵀWₘΔ)⁻¹ΔᵀWₘ; the
    ///   baseline's alike with the independence model's Δ.
    public init(fiml: FIMLFit) throws(SEMError) {
        let fit = fiml.fit, model = fit.model, patterns = fiml.patterns
        try Self.requireNoFixedCovariates(model)
        let p = model.p, pairs = Self.vechPairs(p)
        let saturated = SaturatedMissingModel(patterns: patterns, p: p, pairs: pairs)
        let emMeans = model.moments.means, emCovariance = model.moments.covariance
        let h1Scores = try saturated.scores(means: emMeans, covariance: emCovariance)
        let b1 = Self.meanCrossProduct(h1Scores, rows: patterns.count, columns: saturated.dimension)
        let a1 = try saturated.observedInformation(means: emMeans, covariance: emCovariance)
        let a1Inverse: Matrix
        do { a1Inverse = try a1.inverse() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
        let traceH1 = Self.traceOfProduct(a1Inverse, b1)
        // The model's casewise scores through the Jacobian of (μ, vech Σ).
        let e = fit.evaluation
        let derivatives = ParameterDerivatives(model: model, evaluation: e)
        var jacobian = Matrix(rows: saturated.dimension, columns: model.freeCount)
        let sigmaRows = derivatives.jacobian(over: pairs, p: p)
        for (a, derivative) in derivatives.parameters.enumerated() {
            for (j, value) in derivative.mu.enumerated() { jacobian[j, a] = value }
            for x in pairs.indices { jacobian[p + x, a] = sigmaRows[x, a] }
        }
        let modelScores = try saturated.scores(means: e.mu, covariance: e.sigma)
        let b1AtModel = Self.meanCrossProduct(modelScores, rows: patterns.count, columns: saturated.dimension)
        let b0 = jacobian.transposed * b1AtModel * jacobian
        try self.init(information: fiml.information, scoreCrossProduct: b0, traceH1: traceH1, baselineTrace: saturated.independenceTrace(),
                      df: Double(model.degreesOfFreedom), baselineDF: Double(p * (p - 1) / 2), count: patterns.count) {
            Identification.weakParameters(model: model, information: fiml.information)
        }
        // FIML-corrected statistics for the robust measures.
        let n = Double(patterns.count)
        let gamma = a1Inverse * b1 * a1Inverse
        let complete = try saturated.completeDataInformation(covariance: emCovariance)
        let middle = a1Inverse * complete * a1Inverse
        func trace(_ delta: Matrix) -> Double {
            let weighted = a1 * delta
            guard let inner = try? (delta.transposed * weighted).inverse() else { return .nan }
            let u = a1 - weighted * inner * weighted.transposed
            return Self.traceOfProduct(u * middle * u, gamma)
        }
        var independence = Matrix(rows: saturated.dimension, columns: 2 * p)
        for j in 0..<p {
            independence[j, j] = 1
            independence[p + saturated.pairIndex[j * p + j], p + j] = 1
        }
        let (baselineMeans, baselineVariances) = patterns.availableCaseMoments()
        var baselineCovariance = Matrix(rows: p, columns: p)
        for j in 0..<p { baselineCovariance[j, j] = baselineVariances[j] }
        let df = Double(model.degreesOfFreedom), baselineDF = Double(p * (p - 1) / 2)
        robustBasis = (chisq: n * SaturatedMissingModel.discrepancy(sample: emCovariance, means: emMeans, implied: e.sigma, impliedMeans: e.mu),
                       scalingFactor: trace(jacobian) / df,
                       baselineChisq: n * SaturatedMissingModel.discrepancy(sample: emCovariance, means: emMeans, implied: baselineCovariance, impliedMeans: baselineMeans),
                       baselineScalingFactor: trace(independence) / baselineDF)
    }
}

/// The unrestricted normal model (μ, vech Σ) on incomplete rows: casewise scores and the observed
/// information of log L = Σᵢ -½[log|Σₒ| + dᵢᵀΣₒ⁻¹dᵢ], dᵢ = xᵢₒ - μₒ, over the observed block of
/// each row. With M = Σₒ⁻¹ and w = Md, the score is w for μ and wₐw_b - M_ab (½(wₐ² - Mₐₐ) on the
/// diagonal) for σ_ab; the information sums, per pattern of n rows with Σd = δ and W = Σwwᵀ,
/// nM (μμ), (MEᵢⱼMδ)_c (μσ) and -½n tr(MEMF) + tr(EMFW) (σσ), E and F the symmetric unit
/// matrices of two covariances — divided by N.
struct SaturatedMissingModel {
    let patterns: MissingPatterns
    let p: Int
    let pairs: [(i: Int, j: Int)]
    /// Index of the pair (i, j) (either order) in `pairs`.
    let pairIndex: [Int]

    init(patterns: MissingPatterns, p: Int, pairs: [(i: Int, j: Int)]) {
        self.patterns = patterns
        self.p = p
        self.pairs = pairs
        var index = [Int](repeating: 0, count: p * p)
        for (x, pair) in pairs.enumerated() { index[pair.i * p + pair.j] = x; index[pair.j * p + pair.i] = x }
        pairIndex = index
    }

    var dimension: Int { p + pairs.count }

    /// Row-major N x (p + p(p+1)/2) casewise scores at (μ, Σ), rows in pattern order.
    func scores(means mu: [Double], covariance sigma: Matrix) throws(SEMError) -> [Double] {
        var scores = [Double](repeating: 0, count: patterns.count * dimension)
        var row = 0
        for pattern in patterns.patterns {
            guard let (inverse, _) = MissingPatterns.inverse(sigma, pattern.observed) else { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
            let o = pattern.observed, m = o.count
            for r in 0..<pattern.count {
                let d = (0..<m).map { pattern.values[r * m + $0] - mu[o[$0]] }
                let w = inverse * d
                let base = row * dimension
                for a in 0..<m {
                    scores[base + o[a]] = w[a]
                    for b in 0...a {
                        let value = w[a] * w[b] - inverse[a, b]
                        scores[base + p + pairIndex[o[a] * p + o[b]]] = a == b ? 0.5 * value : value
                    }
                }
                row += 1
            }
        }
        return scores
    }

    /// -(1/N) ∂² log L at (μ, Σ), over (μ, vech Σ).
    func observedInformation(means mu: [Double], covariance sigma: Matrix) throws(SEMError) -> Matrix {
        let k = dimension
        var information = [Double](repeating: 0, count: k * k)
        for pattern in patterns.patterns {
            guard let (inverse, _) = MissingPatterns.inverse(sigma, pattern.observed) else { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
            let o = pattern.observed, m = o.count, n = Double(pattern.count)
            // δ = Σd and W = M(Σddᵀ)M over the pattern's rows: Σddᵀ = n(S + (x̄ - μ)(x̄ - μ)ᵀ).
            let shift = (0..<m).map { pattern.means[$0] - mu[o[$0]] }
            var scatter = pattern.covariance
            for a in 0..<m { for b in 0..<m { scatter[a, b] = n * (scatter[a, b] + shift[a] * shift[b]) } }
            let v = inverse * shift.map { n * $0 }
            let w = inverse * scatter * inverse
            let local = (0..<m).flatMap { a in (0...a).map { (a: a, b: $0) } }
            let global = local.map { p + pairIndex[o[$0.a] * p + o[$0.b]] }
            for a in 0..<m { for b in 0..<m { information[o[a] * k + o[b]] += n * inverse[a, b] } }
            for (x, pair) in local.enumerated() {
                for c in 0..<m {
                    var value = inverse[c, pair.a] * v[pair.b]
                    if pair.a != pair.b { value += inverse[c, pair.b] * v[pair.a] }
                    information[o[c] * k + global[x]] += value
                    information[global[x] * k + o[c]] += value
                }
                for (y, other) in local.enumerated() where y <= x {
                    let value = -0.5 * n * Self.expanded(inverse, inverse, pair, other) + Self.expanded(w, inverse, pair, other)
                    information[global[x] * k + global[y]] += value
                    if x != y { information[global[y] * k + global[x]] += value }
                }
            }
        }
        let total = Double(patterns.count)
        return Matrix(rows: k, columns: k, elements: information.map { $0 / total })
    }

    /// Σ over the orderings (α, β) of `first` and (γ, ε) of `second` of X[ε, α]·Y[β, γ]: tr(E X' F Y')
    /// terms of symmetric unit matrices E and F.
    @inline(__always)
    static func expanded(_ x: Matrix, _ y: Matrix, _ first: (a: Int, b: Int), _ second: (a: Int, b: Int)) -> Double {
        var sum = x[second.b, first.a] * y[first.b, second.a]
        if second.a != second.b { sum += x[second.a, first.a] * y[first.b, second.b] }
        if first.a != first.b {
            sum += x[second.b, first.b] * y[first.a, second.a]
            if second.a != second.b { sum += x[second.a, first.b] * y[first.a, second.b] }
        }
        return sum
    }

    /// The complete-data information of the unrestricted model at Σ: Σ⁻¹ for the means and
    /// ½Dᵀ(Σ⁻¹⊗Σ⁻¹)D for the covariances, no cross terms.
    func completeDataInformation(covariance sigma: Matrix) throws(SEMError) -> Matrix {
        let inverse: Matrix
        do { inverse = try sigma.inverseSPD() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
        let weight = RobustML.normalWeight(inverse, pairs: pairs)
        var information = Matrix(rows: dimension, columns: dimension)
        for a in 0..<p { for b in 0..<p { information[a, b] = inverse[a, b] } }
        for x in pairs.indices { for y in pairs.indices { information[p + x, p + y] = weight[x, y] } }
        return information
    }

    /// tr(A⁻¹B) of the independence model fitted by FIML: Σⱼ [1 + Σᵢ(dᵢⱼ²/vⱼ - 1)²/(2nⱼ)] over the
    /// rows where variable j is present, vⱼ its available-case variance (divisor nⱼ).
    func independenceTrace() -> Double {
        let (mean, variance) = patterns.availableCaseMoments()
        var present = [Double](repeating: 0, count: p), fourth = [Double](repeating: 0, count: p)
        for pattern in patterns.patterns {
            let m = pattern.observed.count
            for r in 0..<pattern.count {
                for (a, j) in pattern.observed.enumerated() {
                    let d = pattern.values[r * m + a] - mean[j]
                    present[j] += 1
                    fourth[j] += (d * d / variance[j] - 1) * (d * d / variance[j] - 1)
                }
            }
        }
        return (0..<p).reduce(0.0) { $0 + 1 + fourth[$1] / (2 * present[$1]) }
    }

    /// F_ML = log|Σ| - log|S| + tr(SΣ⁻¹) - p + (m - μ)ᵀΣ⁻¹(m - μ) of implied moments against
    /// sample ones (NaN when either covariance matrix is not positive definite).
    static func discrepancy(sample s: Matrix, means m: [Double], implied sigma: Matrix, impliedMeans mu: [Double]) -> Double {
        guard let factor = try? sigma.cholesky(), let inverse = try? factor.inverse(), let logDetS = try? s.logDeterminantSPD() else { return .nan }
        let d = zip(m, mu).map(-)
        return factor.logDeterminant - logDetS + RobustML.traceOfProduct(s, inverse) - Double(s.rows) + dot(d, inverse * d)
    }
}
