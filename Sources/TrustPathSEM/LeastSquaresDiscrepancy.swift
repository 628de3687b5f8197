import TrustPathLinalg

/// A least-squares discrepancy F = (s - σ(θ))ᵀW(s - σ(θ)) over chosen entries (i, j) of the
/// covariance or correlation matrix, after the means with a mean structure, for
/// ``MLEstimator/minimize(_:start:curvature:)``: gradient -2ΔᵀW(s - σ), information ΔᵀWΔ (so its
/// steps are Gauss-Newton steps; Browne 1984). DWLS weighs each moment by 1/Γ_kk, WLS by Γ⁻¹,
/// GLS by S⁻¹ ⊕ ½Dᵀ(S⁻¹⊗S⁻¹)D, ULS by the identity.
struct LeastSquaresDiscrepancy: DiscrepancyProblem {
    enum Weight {
        case diagonal([Double])
        case full(Matrix)
    }

    let model: SEMModel
    let pairs: [(i: Int, j: Int)]
    /// The means (the first `meanCount`), then the entries at `pairs`.
    let sample: [Double]
    let weight: Weight
    /// p with a mean structure, else 0.
    var meanCount = 0

    struct Evaluation {
        let model: ModelEvaluation
        let residual: [Double]
        let jacobian: Matrix
    }

    func weighted(_ x: [Double]) -> [Double] {
        switch weight {
        case .diagonal(let w): return zip(w, x).map(*)
        case .full(let w): return w * x
        }
    }

    /// W times each column of `x`.
    func weightedColumns(_ x: Matrix) -> Matrix {
        switch weight {
        case .diagonal(let w):
            var result = x
            for r in 0..<x.rows { for c in 0..<x.columns { result[r, c] *= w[r] } }
            return result
        case .full(let w): return w * x
        }
    }

    func evaluate(_ theta: [Double]) -> (Evaluation, Double)? {
        guard let e = try? ModelEvaluation(model: model, theta: theta) else { return nil }
        let residual =
            (0..<meanCount).map { sample[$0] - e.mu[$0] }
            + zip(pairs, sample[meanCount...]).map { $1 - e.sigma[$0.i, $0.j] }
        let f = dot(residual, weighted(residual))
        guard f.isFinite else { return nil }
        let jacobian = ParameterDerivatives(model: model, evaluation: e).jacobian(
            over: pairs, p: model.p, means: meanCount > 0)
        return (Evaluation(model: e, residual: residual, jacobian: jacobian), f)
    }

    func gradient(at e: Evaluation) -> [Double] {
        (e.jacobian.transposed * weighted(e.residual)).map { -2 * $0 }
    }

    /// ΔᵀWΔ.
    func information(at e: Evaluation) -> Matrix {
        let delta = e.jacobian
        switch weight {
        case .diagonal(let w):
            let q = delta.columns
            var info = Matrix(rows: q, columns: q)
            for x in 0..<delta.rows {
                for a in 0..<q {
                    let wa = w[x] * delta[x, a]
                    if wa == 0 { continue }
                    for b in 0...a { info[a, b] += wa * delta[x, b] }
                }
            }
            for a in 0..<q { for b in 0..<a { info[b, a] = info[a, b] } }
            return info
        case .full(let w):
            return delta.transposed * (w * delta)
        }
    }

    func weakParameters(_ information: Matrix) -> [String] {
        SingleGroupDiscrepancy(model: model, logDeterminantS: 0).weakParameters(information)
    }
}
