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
        let model = fiml.fit.model
        try self.init(fimlGroups: [FIMLGroupPart(model: model, evaluation: fiml.fit.evaluation, patterns: fiml.patterns,
                                                 coordinates: Array(0..<model.freeCount))],
                      information: fiml.information, freeCount: model.freeCount, df: model.degreesOfFreedom) {
            Identification.weakParameters(model: model, information: fiml.information)
        }
    }

    /// One group of a FIML fit: its model at the estimates, its rows, and the global coordinate of
    /// each of its free coordinates.
    struct FIMLGroupPart {
        let model: SEMModel
        let evaluation: ModelEvaluation
        let patterns: MissingPatterns
        let coordinates: [Int]
    }

    /// Robust FIML over one or more groups (f_g = n_g/N): B = Σ_g f_g J_gᵀB₁g(implied)J_g, the
    /// Yuan-Bentler trace Σ_g tr(A₁g⁻¹B₁g) - tr(A⁻¹B), and the FIML-corrected statistics over the
    /// groups' block-diagonal Wₘ = ⊕f_gA₁g, W_c = ⊕f_gW_cg, Γ = ⊕Γ_g/f_g, as lavaan's.
    init(fimlGroups parts: [FIMLGroupPart], information a0: Matrix, freeCount q: Int, df degreesOfFreedom: Int,
         weakParameters: () -> [String]) throws(SEMError) {
        let total = Double(parts.reduce(0) { $0 + $1.patterns.count })
        var b0 = Matrix(rows: q, columns: q), traceH1 = 0.0, baselineTrace = 0.0, baselineDF = 0.0, moments = 0
        var chisq = 0.0, baselineChisq = 0.0
        var blocks: [(shares: Double, a1: Matrix, a1Inverse: Matrix, gamma: Matrix, complete: Matrix, jacobian: Matrix, independence: Matrix)] = []
        for part in parts {
            let model = part.model, patterns = part.patterns, e = part.evaluation
            let p = model.p, pairs = Self.vechPairs(p), n = Double(patterns.count), share = n / total
            let saturated = SaturatedMissingModel(patterns: patterns, p: p, pairs: pairs)
            // With fixed covariates their own means and covariances are not modelled: they leave the
            // unrestricted model's moments (lavaan's zero rows of the h1 information).
            let fixed = model.fixedCovariateIndices, free = (0..<p).filter { !fixed.contains($0) }
            let kept = free + pairs.indices.filter { !(fixed.contains(pairs[$0].i) && fixed.contains(pairs[$0].j)) }.map { p + $0 }
            let emMeans = model.moments.means, emCovariance = model.moments.covariance
            let b1 = Self.meanCrossProduct(try saturated.scores(means: emMeans, covariance: emCovariance), rows: patterns.count, columns: saturated.dimension)
                .submatrix(kept)
            let a1 = try saturated.observedInformation(means: emMeans, covariance: emCovariance).submatrix(kept)
            let a1Inverse: Matrix
            do { a1Inverse = try a1.inverse() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
            traceH1 += Self.traceOfProduct(a1Inverse, b1)
            moments += kept.count
            // The model's casewise scores through the Jacobian of (μ, vech Σ), in global coordinates.
            let derivatives = ParameterDerivatives(model: model, evaluation: e)
            var jacobian = Matrix(rows: saturated.dimension, columns: q)
            let sigmaRows = derivatives.jacobian(over: pairs, p: p)
            for (a, derivative) in derivatives.parameters.enumerated() {
                let global = part.coordinates[a]
                for (j, value) in derivative.mu.enumerated() { jacobian[j, global] += value }
                for x in pairs.indices { jacobian[p + x, global] += sigmaRows[x, a] }
            }
            let b1AtModel = Self.meanCrossProduct(try saturated.scores(means: e.mu, covariance: e.sigma), rows: patterns.count, columns: saturated.dimension)
            b0 = b0 + share * (jacobian.transposed * b1AtModel * jacobian)
            baselineTrace += saturated.independenceTrace(of: free)
            baselineDF += Double(Self.baselineDF(model))
            // The independence model: the free variables' means and variances, at their available-case
            // values, beside the covariates' own moments.
            var independence = Matrix(rows: saturated.dimension, columns: 2 * free.count)
            for (column, j) in free.enumerated() {
                independence[j, column] = 1
                independence[p + saturated.pairIndex[j * p + j], free.count + column] = 1
            }
            let (baselineMeans, baselineVariances) = patterns.availableCaseMoments()
            var baselineCovariance = Matrix(rows: p, columns: p)
            for j in free { baselineCovariance[j, j] = baselineVariances[j] }
            for a in fixed { for b in fixed { baselineCovariance[a, b] = emCovariance[a, b] } }
            chisq += n * SaturatedMissingModel.discrepancy(sample: emCovariance, means: emMeans, implied: e.sigma, impliedMeans: e.mu)
            baselineChisq += n * SaturatedMissingModel.discrepancy(sample: emCovariance, means: emMeans, implied: baselineCovariance, impliedMeans: baselineMeans)
            blocks.append((share, a1, a1Inverse, a1Inverse * b1 * a1Inverse,
                           try saturated.completeDataInformation(covariance: emCovariance).submatrix(kept),
                           jacobian.selectingRows(kept), independence.selectingRows(kept)))
        }
        let df = Double(degreesOfFreedom)
        try self.init(information: a0, scoreCrossProduct: b0, traceH1: traceH1, moments: moments,
                      parameterRows: parts.reduce(0) { $0 + $1.model.freeRowCount }, baselineTrace: baselineTrace, df: df, baselineDF: baselineDF, count: Int(total),
                      weakParameters: weakParameters)
        // FIML-corrected statistics (Zhang & Savalei 2023) over the stacked groups.
        let weight = Self.blockDiagonal(blocks.map { $0.shares * $0.a1 })
        let weightInverse = Self.blockDiagonal(blocks.map { (1 / $0.shares) * $0.a1Inverse })
        let middle = weightInverse * Self.blockDiagonal(blocks.map { $0.shares * $0.complete }) * weightInverse
        let gamma = Self.blockDiagonal(blocks.map { (1 / $0.shares) * $0.gamma })
        func trace(_ delta: Matrix) -> Double {
            let weighted = weight * delta
            guard let inner = try? (delta.transposed * weighted).inverse() else { return .nan }
            let u = weight - weighted * inner * weighted.transposed
            return Self.traceOfProduct(u * middle * u, gamma)
        }
        let jacobian = Matrix(rows: blocks.reduce(0) { $0 + $1.jacobian.rows }, columns: q, elements: blocks.flatMap(\.jacobian.elements))
        robustBasis = (chisq: chisq, scalingFactor: trace(jacobian) / df, baselineChisq: baselineChisq,
                       baselineScalingFactor: trace(Self.blockDiagonal(blocks.map(\.independence))) / baselineDF)
    }

    /// The matrices on the diagonal of one matrix, zeros elsewhere.
    static func blockDiagonal(_ blocks: [Matrix]) -> Matrix {
        var result = Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: blocks.reduce(0) { $0 + $1.columns })
        var row = 0, column = 0
        for block in blocks {
            for x in 0..<block.rows { for y in 0..<block.columns { result[row + x, column + y] = block[x, y] } }
            row += block.rows
            column += block.columns
        }
        return result
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
    func independenceTrace(of variables: [Int]) -> Double {
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
        return variables.reduce(0.0) { $0 + 1 + fourth[$1] / (2 * present[$1]) }
    }

    /// F_ML = log|Σ| - log|S| + tr(SΣ⁻¹) - p + (m - μ)ᵀΣ⁻¹(m - μ) of implied moments against
    /// sample ones (NaN when either covariance matrix is not positive definite).
    static func discrepancy(sample s: Matrix, means m: [Double], implied sigma: Matrix, impliedMeans mu: [Double]) -> Double {
        guard let factor = try? sigma.cholesky(), let inverse = try? factor.inverse(), let logDetS = try? s.logDeterminantSPD() else { return .nan }
        let d = zip(m, mu).map(-)
        return factor.logDeterminant - logDetS + RobustML.traceOfProduct(s, inverse) - Double(s.rows) + dot(d, inverse * d)
    }
}
