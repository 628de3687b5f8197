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
    /// - the `.robust` CFI, TLI and RMSEA from the FIML-corrected statistics (``FIMLCorrection``,
    ///   version 3).
    public init(fiml: FIMLFit) throws(SEMError) {
        let model = fiml.fit.model
        try self.init(fimlGroups: FIMLGroupPart.parts(of: fiml), information: fiml.information, freeCount: model.freeCount, df: model.degreesOfFreedom) {
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

        static func parts(of fiml: FIMLFit) -> [FIMLGroupPart] {
            let model = fiml.fit.model
            return [
                FIMLGroupPart(
                    model: model, evaluation: fiml.fit.evaluation, patterns: fiml.patterns,
                    coordinates: Array(0..<model.freeCount))
            ]
        }

        /// The groups of a multi-group FIML fit (none when it has no missing-data patterns).
        static func parts(of fit: MultiGroupFit) -> [FIMLGroupPart] {
            let model = fit.model
            guard !model.patterns.isEmpty else { return [] }
            return model.groups.indices.map { g in
                FIMLGroupPart(
                    model: model.groups[g], evaluation: fit.evaluations[g], patterns: model.patterns[g],
                    coordinates: model.globalCoordinates[g])
            }
        }
    }

    /// Robust FIML over one or more groups (f_g = n_g/N): B = Σ_g f_g J_gᵀB₁g(implied)J_g, the
    /// Yuan-Bentler trace Σ_g tr(A₁g⁻¹B₁g) - tr(A⁻¹B), and the FIML-corrected statistics
    /// (``FIMLCorrection``, version 3) over the groups, as lavaan's.
    init(fimlGroups parts: [FIMLGroupPart], information a0: Matrix, freeCount q: Int, df degreesOfFreedom: Int,
         weakParameters: () -> [String]) throws(SEMError) {
        let total = Double(parts.reduce(0) { $0 + $1.patterns.count })
        var b0 = Matrix(rows: q, columns: q), traceH1 = 0.0, baselineTrace = 0.0, moments = 0
        var blocks: [FIMLCorrection.GroupBlock] = [], gammas: [Matrix] = []
        for part in parts {
            let model = part.model, patterns = part.patterns, e = part.evaluation
            let p = model.p, share = Double(patterns.count) / total
            let saturated = SaturatedMissingModel(patterns: patterns, p: p, pairs: Self.vechPairs(p))
            let block = try FIMLCorrection.GroupBlock(part: part, saturated: saturated, share: share, freeCount: q)
            let b1 = Self.meanCrossProduct(
                try saturated.scores(means: model.moments.means, covariance: model.moments.covariance),
                rows: patterns.count, columns: saturated.dimension
            ).submatrix(block.kept)
            traceH1 += Self.traceOfProduct(block.a1Inverse, b1)
            moments += block.kept.count
            // The model's casewise scores through the Jacobian of (μ, vech Σ).
            let b1AtModel = Self.meanCrossProduct(
                try saturated.scores(means: e.mu, covariance: e.sigma), rows: patterns.count, columns: saturated.dimension)
            b0 = b0 + share * (block.jacobian.transposed * b1AtModel * block.jacobian)
            baselineTrace += saturated.independenceTrace(of: (0..<p).filter { !model.fixedCovariateIndices.contains($0) })
            blocks.append(block)
            gammas.append(block.a1Inverse * b1 * block.a1Inverse)
        }
        let df = Double(degreesOfFreedom)
        try self.init(information: a0, scoreCrossProduct: b0, traceH1: traceH1, moments: moments,
                      parameterRows: parts.reduce(0) { $0 + $1.model.freeRowCount }, baselineTrace: baselineTrace, df: df,
                      baselineDF: blocks.reduce(0) { $0 + $1.baselineDF }, count: Int(total),
                      weakParameters: weakParameters)
        let correction = FIMLCorrection(blocks: blocks, gammas: gammas, df: df, version: .scaledTest)
        robustBasis = (correction.chisq, correction.scalingFactor, correction.baselineChisq, correction.baselineScalingFactor)
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
