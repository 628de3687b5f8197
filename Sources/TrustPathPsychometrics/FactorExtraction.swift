import Foundation
import TrustPathLinalg

/// Unrotated common factors of a correlation matrix, as `psych::fa` extracts them.
///
/// - Principal axis (`pa`): start from squared multiple correlations (SMC = 1 - 1/[R⁻¹]_ii) on the
///   diagonal; repeat: take the first m eigenpairs of the reduced matrix, loadings V√λ, put their
///   row sums of squares (communalities) on the diagonal; stop when the sum of communalities changes
///   by less than 0.001, or after 50 iterations (psych's `min.err` and `max.iter`, kept so the
///   loadings agree with psych's to its own precision rather than to a tighter optimum).
/// - Maximum likelihood (`ml`): minimise Σ_{k>m} (ln e_k - e_k) - m + p over the uniquenesses ψ,
///   e the eigenvalues of Ψ^{-1/2} R Ψ^{-1/2} (Jöreskog 1967; the objective of `factanal` and of psych's
///   `fm = "ml"`), from ψ = 1 - SMC, ψ kept in [0.005, 1]; loadings Ψ^{1/2} V (Λ - I)^{1/2}.
///
/// Columns are then signed so that each sums to a positive value, as psych does.
public struct FactorExtraction: Sendable {
    public enum Method: String, Sendable, CaseIterable { case pa, ml }

    public let method: Method
    /// p x m unrotated loadings.
    public let loadings: Matrix
    /// Eigenvalues of R with the final communalities on its diagonal (psych's `values`).
    public let reducedEigenvalues: [Double]
    public let iterations: Int

    public init(correlation r: Matrix, factors m: Int, method: Method) throws(PsychometricsError) {
        let p = r.rows
        guard let inverse = try? r.inverseSPD() else { throw .singularCorrelation(items: []) }
        let smc = (0..<p).map { min(1, max(0, 1 - 1 / inverse[$0, $0])) }
        self.method = method
        var loadings: Matrix
        switch method {
        case .pa:
            var reduced = r
            for i in 0..<p { reduced[i, i] = smc[i] }
            var communality = smc.reduce(0, +), change = communality, iterations = 1
            var values: [Double] = []
            loadings = Matrix(rows: p, columns: m)
            while change > 0.001 {
                guard let eigen = try? SymmetricEigen(reduced), eigen.values[m - 1] > 0 else {
                    throw .tooManyFactors(factors: m, items: p, maximum: FactorExtraction.maximumFactors(items: p))
                }
                values = eigen.values
                for i in 0..<p { for k in 0..<m { loadings[i, k] = eigen.vectors[i, k] * eigen.values[k].squareRoot() } }
                let new = (0..<p).map { i in (0..<m).reduce(0.0) { $0 + loadings[i, $1] * loadings[i, $1] } }
                for i in 0..<p { reduced[i, i] = new[i] }
                let next = new.reduce(0, +)
                change = abs(communality - next)
                communality = next
                iterations += 1
                if iterations > 50 { break }
            }
            reducedEigenvalues = values
            self.iterations = iterations - 1
        case .ml:
            let psi = try Self.maximumLikelihoodUniquenesses(r, factors: m, start: smc.map { 1 - $0 })
            loadings = Self.maximumLikelihoodLoadings(r, psi: psi.values, factors: m)
            var reduced = r
            for i in 0..<p { reduced[i, i] = (0..<m).reduce(0.0) { $0 + loadings[i, $1] * loadings[i, $1] } }
            reducedEigenvalues = (try? SymmetricEigen(reduced).values) ?? []
            iterations = psi.iterations
        }
        for k in 0..<m where (0..<p).reduce(0.0, { $0 + loadings[$1, k] }) < 0 {
            for i in 0..<p { loadings[i, k] = -loadings[i, k] }
        }
        self.loadings = loadings
    }

    /// The most factors with non-negative degrees of freedom, ((p - m)² - (p + m)) / 2 >= 0.
    public static func maximumFactors(items p: Int) -> Int {
        var m = 0
        while ((p - m - 1) * (p - m - 1) - (p + m + 1)) >= 0 && m + 1 < p { m += 1 }
        return m
    }

    /// The ML uniquenesses, by BFGS on ψ = 0.005 + 0.995 / (1 + e^{-t}) (keeps ψ in psych's bounds).
    static func maximumLikelihoodUniquenesses(_ r: Matrix, factors m: Int, start: [Double]) throws(PsychometricsError) -> (values: [Double], iterations: Int) {
        let p = r.rows, low = 0.005, span = 0.995
        let t0 = start.map { psi -> Double in
            let u = min(max((psi - low) / span, 1e-6), 1 - 1e-6)
            return log(u / (1 - u))
        }
        var minimizer = Minimizer()
        minimizer.gradientTolerance = 1e-12
        let objective: Minimizer.Objective = { t, gradient in
            let psi = (0..<p).map { low + span / (1 + exp(-t[$0])) }
            guard let (value, dPsi) = Self.mlObjective(r, psi: psi, factors: m) else { return .infinity }
            if let gradient {
                for i in 0..<p {
                    let e = exp(-t[i])
                    gradient[i] = dPsi[i] * span * e / ((1 + e) * (1 + e))
                }
            }
            return value
        }
        guard let result = try? minimizer.minimize(from: t0, objective: objective) else {
            throw .notConverged(what: "maximum-likelihood factor extraction")
        }
        return (result.x.map { low + span / (1 + exp(-$0)) }, result.iterations)
    }

    /// psych's FAfn and FAgr: the objective and its gradient in ψ.
    static func mlObjective(_ r: Matrix, psi: [Double], factors m: Int) -> (Double, [Double])? {
        let p = r.rows
        var scaled = r
        for i in 0..<p { for j in 0..<p { scaled[i, j] = r[i, j] / (psi[i] * psi[j]).squareRoot() } }
        guard let eigen = try? SymmetricEigen(scaled), eigen.values.allSatisfy({ $0 > 0 }) else { return nil }
        let value = -(eigen.values[m...].reduce(0.0) { $0 + log($1) - $1 } - Double(m) + Double(p))
        let loadings = maximumLikelihoodLoadings(r, psi: psi, factors: m, eigen: eigen)
        let gradient = (0..<p).map { i -> Double in
            let implied = (0..<m).reduce(0.0) { $0 + loadings[i, $1] * loadings[i, $1] } + psi[i]
            return (implied - r[i, i]) / (psi[i] * psi[i])
        }
        return (value, gradient)
    }

    /// Ψ^{1/2} V_m (Λ_m - I)^{1/2}, from the eigen-decomposition of Ψ^{-1/2} R Ψ^{-1/2}.
    static func maximumLikelihoodLoadings(_ r: Matrix, psi: [Double], factors m: Int, eigen given: SymmetricEigen? = nil) -> Matrix {
        let p = r.rows
        let eigen: SymmetricEigen
        if let given { eigen = given } else {
            var scaled = r
            for i in 0..<p { for j in 0..<p { scaled[i, j] = r[i, j] / (psi[i] * psi[j]).squareRoot() } }
            guard let computed = try? SymmetricEigen(scaled) else { return Matrix(rows: p, columns: m) }
            eigen = computed
        }
        var loadings = Matrix(rows: p, columns: m)
        for i in 0..<p {
            for k in 0..<m { loadings[i, k] = psi[i].squareRoot() * eigen.vectors[i, k] * max(eigen.values[k] - 1, 0).squareRoot() }
        }
        return loadings
    }
}
