import TrustPathLinalg

/// ∂Σ/∂θ_a and ∂μ/∂θ_a for every free parameter a, from the LISREL matrices (matrix calculus as in
/// Neudecker & Satorra 1991): with A = (I-B)⁻¹, M = AΨAᵀ, L = ΛA and C = ΛM,
/// - λ_ij: ∂Σ = E_ij M Λᵀ + Λ M E_ji (row and column i gain column j of C); ∂μ_i = (Aα)_j
/// - β_ij: ∂Σ = L_·i C_·jᵀ + C_·j L_·iᵀ; ∂μ = L_·i (Aα)_j
/// - ψ_ij: ∂Σ = L_·i L_·jᵀ + L_·j L_·iᵀ (once on the diagonal); θ_ij: E_ij + E_ji; ν_i, α_i: ∂μ.
/// Rows sharing a free parameter (equal labels) add up.
struct ParameterDerivatives {
    /// One p x p matrix per free parameter, row-major.
    let sigma: [[Double]]
    /// One p-vector per free parameter (empty without a mean structure).
    let mu: [[Double]]

    init(model: SEMModel, evaluation e: ModelEvaluation) {
        let context = SlotDerivatives(model: model, evaluation: e)
        var sigma: [[Double]] = []
        var mu: [[Double]] = []
        for rowIndices in model.rowsOfFree {
            let (ds, dm) = context.derivative(of: rowIndices.map { model.lisrel.slots[$0] })
            sigma.append(ds)
            mu.append(dm)
        }
        self.sigma = sigma
        self.mu = mu
    }

    /// ∂F_ML/∂θ_a = tr(G ∂Σ_a) - 2 (Σ⁻¹d)ᵀ ∂μ_a, with d = m - μ and
    /// G = Σ⁻¹ - Σ⁻¹ (S + d dᵀ) Σ⁻¹.
    func gradient(model: SEMModel, evaluation e: ModelEvaluation) -> [Double] {
        let p = model.p
        let hasMeans = model.lisrel.hasMeans
        var s = model.moments.covariance
        var weightedResidual = [Double](repeating: 0, count: p)
        if hasMeans {
            let d = zip(model.moments.means, e.mu).map(-)
            for i in 0..<p { for j in 0..<p { s[i, j] += d[i] * d[j] } }
            weightedResidual = e.sigmaInverse * d
        }
        let g = e.sigmaInverse - e.sigmaInverse * s * e.sigmaInverse
        return sigma.indices.map { a in
            var value = 0.0
            for k in 0..<(p * p) { value += g.elements[k] * sigma[a][k] }
            if hasMeans { for i in 0..<p { value -= 2 * weightedResidual[i] * mu[a][i] } }
            return value
        }
    }

    /// Unit expected information (normal theory): I_ab = ½ tr(Σ⁻¹∂Σ_a Σ⁻¹∂Σ_b) + ∂μ_aᵀ Σ⁻¹ ∂μ_b
    /// (lavaan's `information = "expected"`; the Hessian of F_ML is 2I in expectation).
    func expectedInformation(model: SEMModel, evaluation e: ModelEvaluation) -> Matrix {
        let p = model.p, q = sigma.count
        let products = sigma.map { ds in (e.sigmaInverse * Matrix(rows: p, columns: p, elements: ds)).elements }
        var info = Matrix(rows: q, columns: q)
        for a in 0..<q {
            for b in 0...a {
                var trace = 0.0
                let wa = products[a], wb = products[b]
                for i in 0..<p { for j in 0..<p { trace += wa[i * p + j] * wb[j * p + i] } }
                var value = 0.5 * trace
                if model.lisrel.hasMeans {
                    let weighted = e.sigmaInverse * mu[b]
                    for i in 0..<p { value += mu[a][i] * weighted[i] }
                }
                info[a, b] = value
                info[b, a] = value
            }
        }
        return info
    }
}

/// The derivative of Σ and μ with respect to a value in one or more matrix slots (see
/// ``ParameterDerivatives`` for the formulas); also used for parameters not in the model
/// (modification indices).
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

    /// ∂Σ (p x p, row-major) and ∂μ (p, or empty without means) for a parameter filling `slots`.
    func derivative(of slots: [LISRELModel.Slot]) -> (sigma: [Double], mu: [Double]) {
        var ds = [Double](repeating: 0, count: p * p)
        var dm = [Double](repeating: 0, count: hasMeans ? p : 0)
        for slot in slots {
            switch slot {
            case .lambda(let i, let j):
                for k in 0..<p {
                    ds[i * p + k] += c[k, j]
                    ds[k * p + i] += c[k, j]
                }
                if hasMeans { dm[i] += aAlpha[j] }
            case .beta(let i, let j):
                for r in 0..<p { for k in 0..<p { ds[r * p + k] += l[r, i] * c[k, j] + c[r, j] * l[k, i] } }
                if hasMeans { for k in 0..<p { dm[k] += l[k, i] * aAlpha[j] } }
            case .psi(let i, let j):
                for r in 0..<p {
                    for k in 0..<p {
                        ds[r * p + k] += i == j ? l[r, i] * l[k, i] : l[r, i] * l[k, j] + l[r, j] * l[k, i]
                    }
                }
            case .theta(let i, let j):
                ds[i * p + j] += 1
                if i != j { ds[j * p + i] += 1 }
            case .nu(let i):
                if hasMeans { dm[i] += 1 }
            case .alpha(let i):
                if hasMeans { for k in 0..<p { dm[k] += l[k, i] } }
            }
        }
        return (ds, dm)
    }
}
