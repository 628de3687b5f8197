import TrustPathLinalg

/// ∂Σ/∂θ_a and ∂μ/∂θ_a for every free parameter a, from the LISREL matrices (matrix calculus as in
/// Neudecker & Satorra 1991). With A = (I-B)⁻¹, M = AΨAᵀ, L = ΛA and C = ΛM, each ∂Σ is a sum of
/// symmetric rank-two terms w(u vᵀ + v uᵀ):
/// - λ_ij: u = e_i, v = C_·j; ∂μ_i = (Aα)_j
/// - β_ij: u = L_·i, v = C_·j; ∂μ = L_·i (Aα)_j
/// - ψ_ij: u = L_·i, v = L_·j (w = ½ on the diagonal); θ_ij: u = e_i, v = e_j (w = ½ on the diagonal)
/// - ν_i, α_i: ∂μ only.
/// Rows sharing a free parameter (equal labels) add their terms. Keeping the terms instead of dense
/// p x p matrices makes the information matrix O(q² p) instead of O(q² p²).
struct ParameterDerivatives {
    /// One derivative per free parameter.
    let parameters: [ParameterDerivative]

    init(model: SEMModel, evaluation e: ModelEvaluation) {
        let context = SlotDerivatives(model: model, evaluation: e)
        parameters = model.coordinates.map { entries in
            context.derivative(of: entries.map { (model.lisrel.slots[$0.row], $0.weight) })
        }
    }

    /// ∂F_ML/∂φ for every free coordinate (see ``DiscrepancyWeights``); needs no derivative terms.
    static func gradient(model: SEMModel, evaluation e: ModelEvaluation) -> [Double] {
        let weights = DiscrepancyWeights(model: model, evaluation: e)
        return model.coordinates.map { entries in
            weights.derivative(along: entries.map { (model.lisrel.slots[$0.row], $0.weight) })
        }
    }

    /// Unit expected information (normal theory): I_ab = ½ tr(Σ⁻¹∂Σ_a Σ⁻¹∂Σ_b) + ∂μ_aᵀ Σ⁻¹ ∂μ_b
    /// (lavaan's `information = "expected"`; the Hessian of F_ML is 2I in expectation).
    func expectedInformation(model: SEMModel, evaluation e: ModelEvaluation) -> Matrix {
        let transformed = parameters.map { TransformedDerivative($0, sigmaInverse: e.sigmaInverse) }
        let q = parameters.count
        var info = Matrix(rows: q, columns: q)
        for a in 0..<q {
            for b in 0...a {
                let value = transformed[a].information(with: transformed[b])
                info[a, b] = value
                info[b, a] = value
            }
        }
        return info
    }
}

extension ParameterDerivatives {
    /// Δ = ∂σ/∂θ over the entries (i, j) of Σ listed in `pairs`: Δ_xa = Σ_terms w(uᵢvⱼ + vᵢuⱼ);
    /// with `means`, the p rows ∂μ/∂θ first.
    func jacobian(over pairs: [(i: Int, j: Int)], p: Int, means: Bool = false) -> Matrix {
        let meanCount = means ? p : 0
        var delta = Matrix(rows: meanCount + pairs.count, columns: parameters.count)
        for (a, derivative) in parameters.enumerated() {
            for (j, value) in derivative.mu.prefix(meanCount).enumerated() { delta[j, a] = value }
            for term in derivative.terms {
                let u = term.u.dense(p), v = term.v.dense(p)
                for (x, pair) in pairs.enumerated() {
                    delta[meanCount + x, a] += term.weight * (u[pair.i] * v[pair.j] + v[pair.i] * u[pair.j])
                }
            }
        }
        return delta
    }
}

/// ∂Σ as symmetric rank-two terms and ∂μ, for one parameter.
struct ParameterDerivative {
    struct Term {
        let u: TermVector, v: TermVector, weight: Double
    }

    var terms: [Term] = []
    /// Empty without a mean structure.
    var mu: [Double]

    /// The derivative with the covariances among `exogenous` variables and their means removed:
    /// each term w(uvᵀ + vuᵀ) gains -w(PuPvᵀ + PvPuᵀ), P keeping the exogenous entries.
    func withoutExogenousMoments(_ exogenous: Set<Int>) -> ParameterDerivative {
        var result = self
        for term in terms {
            guard let u = term.u.restricted(to: exogenous), let v = term.v.restricted(to: exogenous) else { continue }
            result.terms.append(Term(u: u, v: v, weight: -term.weight))
        }
        for i in exogenous where i < result.mu.count { result.mu[i] = 0 }
        return result
    }
}

/// A vector of a rank-two term: a unit vector e_i (loadings, residual covariances) or a dense one.
enum TermVector {
    case unit(Int)
    case dense([Double])

    /// This vector times `other`.
    @inline(__always) func dot(_ other: [Double]) -> Double {
        switch self {
        case .unit(let i): return other[i]
        case .dense(let values): return TrustPathSEM.dot(values, other)
        }
    }

    /// Σ⁻¹ times this vector.
    func transformed(by sigmaInverse: Matrix) -> [Double] {
        switch self {
        case .unit(let i): return sigmaInverse.column(i)
        case .dense(let values): return sigmaInverse * values
        }
    }

    /// The vector with only the entries in `indices` kept; nil when nothing is left.
    func restricted(to indices: Set<Int>) -> TermVector? {
        switch self {
        case .unit(let i): return indices.contains(i) ? self : nil
        case .dense(let values):
            var kept = [Double](repeating: 0, count: values.count)
            for i in indices where i < values.count { kept[i] = values[i] }
            return kept.contains { $0 != 0 } ? .dense(kept) : nil
        }
    }

    /// The vector written out in `p` entries.
    func dense(_ p: Int) -> [Double] {
        switch self {
        case .unit(let i): var values = [Double](repeating: 0, count: p); values[i] = 1; return values
        case .dense(let values): return values
        }
    }

    /// G times this vector.
    func multiplied(by g: Matrix) -> [Double] { transformed(by: g) }
}

/// A derivative with Σ⁻¹u, Σ⁻¹v and Σ⁻¹∂μ precomputed, so that information entries are dot products:
/// tr(Σ⁻¹(uvᵀ+vuᵀ)Σ⁻¹(xyᵀ+yxᵀ)) = 2[(vᵀΣ⁻¹x)(uᵀΣ⁻¹y) + (vᵀΣ⁻¹y)(uᵀΣ⁻¹x)].
struct TransformedDerivative {
    let base: ParameterDerivative
    let transformedU: [[Double]], transformedV: [[Double]]
    let transformedMu: [Double]

    init(_ derivative: ParameterDerivative, sigmaInverse: Matrix) {
        base = derivative
        transformedU = derivative.terms.map { $0.u.transformed(by: sigmaInverse) }
        transformedV = derivative.terms.map { $0.v.transformed(by: sigmaInverse) }
        transformedMu = derivative.mu.isEmpty ? [] : sigmaInverse * derivative.mu
    }

    /// ½ tr(Σ⁻¹∂Σ_a Σ⁻¹∂Σ_b) + ∂μ_aᵀ Σ⁻¹ ∂μ_b.
    func information(with other: TransformedDerivative) -> Double {
        var trace = 0.0
        for term in base.terms {
            for (t, otherTerm) in other.base.terms.enumerated() {
                let vx = term.v.dot(other.transformedU[t]), uy = term.u.dot(other.transformedV[t])
                let vy = term.v.dot(other.transformedV[t]), ux = term.u.dot(other.transformedU[t])
                trace += term.weight * otherTerm.weight * 2 * (vx * uy + vy * ux)
            }
        }
        var value = 0.5 * trace
        if !base.mu.isEmpty { value += dot(base.mu, other.transformedMu) }
        return value
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

/// What the gradient of F_ML needs at one evaluation: G = Σ⁻¹ - Σ⁻¹(S + ddᵀ)Σ⁻¹ (d = m - μ), Σ⁻¹d,
/// and G times the columns of L = ΛA and C = ΛM, so that each slot's derivative is a lookup or a
/// dot product: ∂F/∂value = tr(G ∂Σ) - 2 (Σ⁻¹d)ᵀ∂μ with ∂Σ = w(uvᵀ + vuᵀ) giving 2w uᵀGv
/// (λ_ij: 2(GC)_ij; β_ij: 2 L_·iᵀ(GC)_·j; ψ_ij: 2 L_·iᵀ(GL)_·j; θ_ij: 2G_ij, halved on diagonals).
struct DiscrepancyWeights {
    let g: Matrix
    let weightedResidual: [Double]
    let l: Matrix, gl: Matrix, gc: Matrix
    let aAlpha: [Double]
    let hasMeans: Bool

    init(model: SEMModel, evaluation e: ModelEvaluation) {
        let p = model.p
        var s = model.moments.covariance
        var weighted = [Double](repeating: 0, count: p)
        let hasMeans = model.lisrel.hasMeans
        if hasMeans {
            let d = zip(model.moments.means, e.mu).map(-)
            for i in 0..<p { for j in 0..<p { s[i, j] += d[i] * d[j] } }
            weighted = e.sigmaInverse * d
        }
        self.init(g: e.sigmaInverse - e.sigmaInverse * s * e.sigmaInverse, weightedResidual: weighted, evaluation: e, hasMeans: hasMeans)
    }

    /// The weights of any discrepancy whose derivative is tr(G ∂Σ) - 2 rᵀ∂μ (FIML sums its
    /// missing-data patterns' G and r).
    init(g: Matrix, weightedResidual: [Double], evaluation e: ModelEvaluation, hasMeans: Bool) {
        self.g = g
        self.weightedResidual = weightedResidual
        self.hasMeans = hasMeans
        l = e.lambdaA
        gl = g * e.lambdaA
        gc = g * (e.matrices.lambda * e.latentCovariance)
        aAlpha = hasMeans ? e.a * e.matrices.alpha : []
    }

    /// Σ_k L[k,i] X[k,j].
    @inline(__always) private func columnDot(_ x: Matrix, _ i: Int, _ j: Int) -> Double {
        var sum = 0.0
        for k in 0..<l.rows { sum += l[k, i] * x[k, j] }
        return sum
    }

    /// ∂F_ML along a direction that moves each of `slots` by its weight.
    func derivative(along slots: [(LISRELModel.Slot, Double)]) -> Double {
        var value = 0.0
        for (slot, w) in slots {
            switch slot {
            case .lambda(let i, let j):
                value += 2 * w * gc[i, j]
                if hasMeans { value -= 2 * w * weightedResidual[i] * aAlpha[j] }
            case .beta(let i, let j):
                value += 2 * w * columnDot(gc, i, j)
                if hasMeans { value -= 2 * w * aAlpha[j] * (0..<l.rows).reduce(0.0) { $0 + weightedResidual[$1] * l[$1, i] } }
            case .psi(let i, let j):
                value += (i == j ? 1 : 2) * w * columnDot(gl, i, j)
            case .theta(let i, let j):
                value += (i == j ? 1 : 2) * w * g[i, j]
            case .nu(let i):
                if hasMeans { value -= 2 * w * weightedResidual[i] }
            case .alpha(let i):
                if hasMeans { value -= 2 * w * (0..<l.rows).reduce(0.0) { $0 + weightedResidual[$1] * l[$1, i] } }
            }
        }
        return value
    }
}

/// The derivative of Σ and μ with respect to a value in one or more matrix slots; also used for
/// parameters not in the model (modification indices).
struct SlotDerivatives {
    let p: Int
    let hasMeans: Bool
    /// L = ΛA, C = ΛM, Aα.
    let l: Matrix, c: Matrix, aAlpha: [Double]

    init(model: SEMModel, evaluation e: ModelEvaluation) {
        p = model.p
        hasMeans = model.lisrel.hasMeans
        l = e.lambdaA
        c = e.matrices.lambda * e.latentCovariance
        aAlpha = e.a * e.matrices.alpha
    }

    /// The derivative along a direction that moves each of `slots` by its weight.
    func derivative(of slots: [(LISRELModel.Slot, Double)]) -> ParameterDerivative {
        var result = ParameterDerivative(mu: [Double](repeating: 0, count: hasMeans ? p : 0))
        for (slot, w) in slots {
            switch slot {
            case .lambda(let i, let j):
                result.terms.append(.init(u: .unit(i), v: .dense(c.column(j)), weight: w))
                if hasMeans { result.mu[i] += w * aAlpha[j] }
            case .beta(let i, let j):
                let li = l.column(i)
                result.terms.append(.init(u: .dense(li), v: .dense(c.column(j)), weight: w))
                if hasMeans { for k in 0..<p { result.mu[k] += w * li[k] * aAlpha[j] } }
            case .psi(let i, let j):
                result.terms.append(.init(u: .dense(l.column(i)), v: .dense(l.column(j)), weight: i == j ? 0.5 * w : w))
            case .theta(let i, let j):
                result.terms.append(.init(u: .unit(i), v: .unit(j), weight: i == j ? 0.5 * w : w))
            case .nu(let i):
                if hasMeans { result.mu[i] += w }
            case .alpha(let i):
                if hasMeans { for k in 0..<p { result.mu[k] += w * l[k, i] } }
            }
        }
        return result
    }
}
