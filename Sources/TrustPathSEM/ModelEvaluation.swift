import TrustPathLinalg

/// The implied moments at one parameter vector, with what the ML discrepancy, its gradient and the
/// information matrix need.
struct ModelEvaluation {
    let matrices: ModelMatrices
    /// (I - B)⁻¹
    let a: Matrix
    /// Implied latent covariance A Ψ Aᵀ.
    let latentCovariance: Matrix
    /// Λ A
    let lambdaA: Matrix
    let sigma: Matrix
    let mu: [Double]
    let sigmaInverse: Matrix
    let logDeterminant: Double

    /// Throws when Σ(θ) is not positive definite.
    init(model: SEMModel, theta: [Double]) throws(GSLError) {
        matrices = model.lisrel.matrices(model.rowValues(theta))
        a = try matrices.inverseIMinusB()
        latentCovariance = a * matrices.psi * a.transposed
        lambdaA = matrices.lambda * a
        let product = matrices.lambda * latentCovariance * matrices.lambda.transposed + matrices.theta
        sigma = 0.5 * (product + product.transposed)  // exactly symmetric despite rounding
        let aAlpha = a * matrices.alpha
        mu = zip(matrices.nu, matrices.lambda * aAlpha).map(+)
        let factor = try sigma.cholesky()
        sigmaInverse = try factor.inverse()
        logDeterminant = factor.logDeterminant
    }

    /// F_ML = log|Σ| - log|S| + tr(S Σ⁻¹) - p [+ (m - μ)ᵀ Σ⁻¹ (m - μ)] (Jöreskog 1967; lavaan's
    /// fmin is half of this).
    func discrepancy(_ moments: SampleMoments, logDeterminantS: Double, withMeans: Bool) -> Double {
        let p = sigma.rows
        var trace = 0.0
        for i in 0..<p { for j in 0..<p { trace += moments.covariance[i, j] * sigmaInverse[j, i] } }
        var f = logDeterminant - logDeterminantS + trace - Double(p)
        if withMeans {
            let d = zip(moments.means, mu).map(-)
            f += zip(d, sigmaInverse * d).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return f
    }
}
