import Foundation
import TrustPathLinalg

/// The sample statistics of ordinal items conditional on exogenous covariates x, as lavaan's WLSMV
/// computes them with `conditional.x = TRUE` (Muthén 1984; lavaan's `lav_uvord`, `lav_bvord` and
/// `muthen1984`):
/// 1. each item's ordered probit regression P(y ≤ t | x) = Φ(τ_t - xᵀβ) by ML (thresholds at x = 0,
///    the covariates raw; ``OrderedProbit``);
/// 2. each pair's residual polychoric correlation: ρ maximising Σᵢ log Lᵢ(ρ), Lᵢ the bivariate
///    normal probability of the case's two categories at its own bounds τ - xᵢᵀβ, the step-1 values
///    held fixed;
/// 3. Γ = N Σᵢ ψᵢψᵢᵀ over the casewise influences: ψ₁ = A₁₁⁻¹s₁ per item over its thresholds and
///    slopes (A₁₁ the outer-product sum), ψ_ρ = (u - A₂₁ψ₁)/A₂₂ per pair, A₂₁ the cross-products of
///    the pair's ρ-score with its likelihood's derivatives in both items' step-1 parameters.
/// Statistics are ordered as lavaan's WLS.obs: the thresholds item by item, the slopes column by
/// column (every item on the first covariate, then on the second, ...), then the residual
/// correlations of the lower triangle column by column.
public struct ConditionalMoments: Sendable {
    public let items: [String]
    public let covariates: [String]
    public let thresholds: [[Double]]
    /// β, items by covariates.
    public let slopes: Matrix
    /// Residual polychoric correlations (unit diagonal).
    public let correlation: Matrix
    public let count: Int
    public let droppedRows: Int
    /// Each item's categories: the distinct values it takes, ascending.
    public let categories: [[Double]]
    let pairs: [(i: Int, j: Int)]
    let gamma: Matrix
    public let gammaDiagonal: [Double]

    public var statistics: [Double] {
        thresholds.flatMap { $0 } + (0..<covariates.count).flatMap { x in (0..<items.count).map { slopes[$0, x] } }
            + pairs.map { correlation[$0.i, $0.j] }
    }

    public var thresholdCount: Int { thresholds.reduce(0) { $0 + $1.count } }

    /// The statistics of `items` (ordinal) given `covariates` (continuous), from `cases` holding both.
    public init(_ cases: CompleteCases, items: [String], covariates: [String]) throws(SEMError) {
        let n = cases.count, width = cases.variables.count
        let column = { (name: String) -> [Double] in
            guard let j = cases.variables.firstIndex(of: name) else { return [] }
            return (0..<n).map { cases.values[$0 * width + j] }
        }
        let x = covariates.map(column)
        let rows = (0..<n).map { i in x.map { $0[i] } }
        var models: [OrderedProbit] = [], itemCategories: [[Double]] = []
        for name in items {
            let values = column(name), categories = Array(Set(values)).sorted()
            itemCategories.append(categories)
            guard categories.count >= 2 else { throw SEMError.singleCategory(name: name, value: categories.first ?? .nan) }
            let code = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
            models.append(try OrderedProbit(codes: values.map { code[$0] ?? 0 }, categoryCount: categories.count, covariates: rows, name: name))
        }
        let p = items.count, q = covariates.count
        var pairs: [(i: Int, j: Int)] = []
        for j in 0..<p { for i in (j + 1)..<max(j + 1, p) { pairs.append((i, j)) } }
        var correlation = Matrix.identity(p)
        var pairInfluence: [[Double]] = []
        for (i, j) in pairs {
            let pair = ConditionalPair(models[i], models[j], covariates: rows)
            correlation[i, j] = pair.rho
            correlation[j, i] = pair.rho
            pairInfluence.append(pair.influence)
        }
        self.items = items
        self.covariates = covariates
        thresholds = models.map(\.thresholds)
        var slopes = Matrix(rows: p, columns: q)
        for (k, model) in models.enumerated() { for c in 0..<q { slopes[k, c] = model.slopes[c] } }
        self.slopes = slopes
        self.correlation = correlation
        count = n
        droppedRows = cases.droppedRows
        categories = itemCategories
        self.pairs = pairs
        // ψ in the statistics' order: thresholds item by item, slopes covariate by covariate, pairs.
        let t = models.reduce(0) { $0 + $1.thresholds.count }, k = t + p * q + pairs.count
        var psi = [Double](repeating: 0, count: n * k)
        var offset = 0
        for (item, model) in models.enumerated() {
            let m = model.thresholds.count
            for r in 0..<n {
                for c in 0..<m { psi[r * k + offset + c] = model.influence[r][c] }
                for c in 0..<q { psi[r * k + t + c * p + item] = model.influence[r][m + c] }
            }
            offset += m
        }
        for (x, influence) in pairInfluence.enumerated() { for r in 0..<n { psi[r * k + t + p * q + x] = influence[r] } }
        let scores = Matrix(rows: n, columns: k, elements: psi)
        let gamma = Double(n) * (scores.transposed * scores)
        self.gamma = gamma
        gammaDiagonal = (0..<k).map { gamma[$0, $0] }
    }
}

/// One item's ordered probit regression on the covariates, P(y ≤ t | x) = Φ(τ_t - xᵀβ), by Newton's
/// method from the marginal thresholds and β = 0 (lavaan's `lav_uvord_fit` maximises the same
/// likelihood). With z₁ = τ_c - xᵀβ and z₂ = τ_{c-1} - xᵀβ at the case's category c and
/// π = Φ(z₁) - Φ(z₂), the scores are ∂/∂τ_c = φ(z₁)/π, ∂/∂τ_{c-1} = -φ(z₂)/π, ∂/∂β = -x(φ(z₁) - φ(z₂))/π;
/// the influence A₁₁⁻¹s with A₁₁ their outer-product sum.
struct OrderedProbit {
    let codes: [Int]
    let thresholds: [Double]
    let slopes: [Double]
    /// Per case, ψ₁ = A₁₁⁻¹s over (thresholds, slopes).
    let influence: [[Double]]

    init(codes: [Int], categoryCount: Int, covariates x: [[Double]], name: String) throws(SEMError) {
        self.codes = codes
        let m = categoryCount - 1, q = x.first?.count ?? 0, n = codes.count
        var theta = OrdinalItem(codes: codes, categoryCount: categoryCount).thresholds + [Double](repeating: 0, count: q)
        func logLikelihood(_ theta: [Double]) -> Double {
            guard (1..<max(1, m)).allSatisfy({ theta[$0] > theta[$0 - 1] }) else { return -.infinity }
            var sum = 0.0
            for i in 0..<n {
                let (z1, z2) = Self.bounds(theta, m: m, code: codes[i], x: x[i])
                sum += log(max(Normal.cdf(z1) - Normal.cdf(z2), 1e-300))
            }
            return sum
        }
        var current = logLikelihood(theta)
        for _ in 0..<100 {
            let (gradient, hessian) = Self.derivatives(theta, m: m, codes: codes, x: x)
            guard let step = try? (-1.0 * hessian).inverseSPD() * gradient else { break }
            var scale = 1.0, improved = false
            while scale > 1e-8 {
                let trial = zip(theta, step).map { $0 + scale * $1 }
                let value = logLikelihood(trial)
                if value >= current { theta = trial; improved = value > current; current = value; break }
                scale /= 2
            }
            if !improved || gradient.map(abs).max() ?? 0 < 1e-10 { break }
        }
        guard current.isFinite else { throw SEMError.notConverged(iterations: 100, gradient: .nan, tried: "Newton on the ordered probit of '\(name)'") }
        thresholds = Array(theta[..<m])
        slopes = Array(theta[m...])
        let scores = (0..<n).map { Self.score(theta, m: m, code: codes[$0], x: x[$0]) }
        var a = Matrix(rows: m + q, columns: m + q)
        for s in scores { for u in 0..<(m + q) { for v in 0..<(m + q) { a[u, v] += s[u] * s[v] } } }
        let inverse = (try? a.inverseSPD()) ?? Matrix(rows: m + q, columns: m + q, repeating: .nan)
        influence = scores.map { inverse * $0 }
    }

    /// z₁ = τ_c - xᵀβ and z₂ = τ_{c-1} - xᵀβ (±∞ beyond the outer thresholds).
    static func bounds(_ theta: [Double], m: Int, code c: Int, x: [Double]) -> (Double, Double) {
        var eta = 0.0
        for (k, value) in x.enumerated() { eta += theta[m + k] * value }
        return (c < m ? theta[c] - eta : .infinity, c > 0 ? theta[c - 1] - eta : -.infinity)
    }

    static func score(_ theta: [Double], m: Int, code c: Int, x: [Double]) -> [Double] {
        let (z1, z2) = bounds(theta, m: m, code: c, x: x)
        let pi = max(Normal.cdf(z1) - Normal.cdf(z2), 1e-300)
        let f1 = z1.isFinite ? Normal.density(z1) : 0, f2 = z2.isFinite ? Normal.density(z2) : 0
        var s = [Double](repeating: 0, count: theta.count)
        if c < m { s[c] += f1 / pi }
        if c > 0 { s[c - 1] -= f2 / pi }
        for (k, value) in x.enumerated() { s[m + k] = -value * (f1 - f2) / pi }
        return s
    }

    /// The gradient and the Hessian Σ[g(z₁)a₁a₁ᵀ - g(z₂)a₂a₂ᵀ]/π - Σssᵀ, g(z) = -zφ(z), a the
    /// derivatives of z₁ and z₂ in (τ, β).
    static func derivatives(_ theta: [Double], m: Int, codes: [Int], x: [[Double]]) -> ([Double], Matrix) {
        let k = theta.count
        var gradient = [Double](repeating: 0, count: k), hessian = Matrix(rows: k, columns: k)
        for (i, c) in codes.enumerated() {
            let (z1, z2) = bounds(theta, m: m, code: c, x: x[i])
            let pi = max(Normal.cdf(z1) - Normal.cdf(z2), 1e-300)
            let s = score(theta, m: m, code: c, x: x[i])
            for u in 0..<k { gradient[u] += s[u] }
            for (z, index, sign) in [(z1, c, 1.0), (z2, c - 1, -1.0)] where z.isFinite {
                var a = [Double](repeating: 0, count: k)
                a[index] = 1
                for (j, value) in x[i].enumerated() { a[m + j] = -value }
                let curvature = sign * (-z * Normal.density(z)) / pi
                for u in 0..<k { for v in 0..<k { hessian[u, v] += curvature * a[u] * a[v] } }
            }
            for u in 0..<k { for v in 0..<k { hessian[u, v] -= s[u] * s[v] } }
        }
        return (gradient, hessian)
    }
}

/// The residual polychoric correlation of two items given the covariates, and its influence (see
/// ``ConditionalMoments``): Lᵢ(ρ) = Φ₂(z₁ₐ,z₁_b) - Φ₂(z₂ₐ,z₁_b) - Φ₂(z₁ₐ,z₂_b) + Φ₂(z₂ₐ,z₂_b), the
/// ρ-score u = [φ₂ at the same corners]/L; for item a with R = √(1-ρ²),
/// Z₁ = φ(z₁ₐ)[Φ((z₁_b - ρz₁ₐ)/R) - Φ((z₂_b - ρz₁ₐ)/R)] and Z₂ the same at z₂ₐ, the derivatives
/// ∂log L/∂τ_c = Z₁/L, ∂/∂τ_{c-1} = -Z₂/L and ∂/∂β = x(Z₂ - Z₁)/L.
struct ConditionalPair {
    let rho: Double
    let influence: [Double]

    init(_ a: OrderedProbit, _ b: OrderedProbit, covariates x: [[Double]]) {
        let n = a.codes.count, ma = a.thresholds.count, mb = b.thresholds.count
        let thetaA = a.thresholds + a.slopes, thetaB = b.thresholds + b.slopes
        let za = (0..<n).map { OrderedProbit.bounds(thetaA, m: ma, code: a.codes[$0], x: x[$0]) }
        let zb = (0..<n).map { OrderedProbit.bounds(thetaB, m: mb, code: b.codes[$0], x: x[$0]) }
        func likelihood(_ i: Int, _ rho: Double) -> (l: Double, u: Double) {
            let (a1, a2) = za[i], (b1, b2) = zb[i]
            let cdf = BivariateNormal.cdf(a1, b1, rho: rho) - BivariateNormal.cdf(a2, b1, rho: rho)
                - BivariateNormal.cdf(a1, b2, rho: rho) + BivariateNormal.cdf(a2, b2, rho: rho)
            let density = BivariateNormal.density(a1, b1, rho: rho) - BivariateNormal.density(a2, b1, rho: rho)
                - BivariateNormal.density(a1, b2, rho: rho) + BivariateNormal.density(a2, b2, rho: rho)
            return (cdf, density / cdf)
        }
        // Cases whose likelihood falls below √ε carry no usable score (lavaan drops them).
        func score(_ rho: Double) -> Double {
            (0..<n).reduce(0.0) { sum, i in
                let (l, u) = likelihood(i, rho)
                return l >= 1.49e-8 && u.isFinite ? sum + u : sum
            }
        }
        let rho = ScoreRoot.correlation(score, bound: 0.999)
        self.rho = rho
        let r = (1 - rho * rho).squareRoot()
        /// Z₁ and Z₂ of one item against the other's bounds.
        func corners(_ own: (Double, Double), _ other: (Double, Double)) -> (Double, Double) {
            func z(_ t: Double) -> Double {
                guard t.isFinite else { return 0 }
                return Normal.density(t) * (Normal.cdf((other.0 - rho * t) / r) - Normal.cdf((other.1 - rho * t) / r))
            }
            return (z(own.0), z(own.1))
        }
        var u = [Double](repeating: 0, count: n), a22 = 0.0
        var a21 = [Double](repeating: 0, count: thetaA.count + thetaB.count)
        for i in 0..<n {
            let (l, ui) = likelihood(i, rho)
            let (a1, a2) = corners(za[i], zb[i]), (b1, b2) = corners(zb[i], za[i])
            var di = [Double](repeating: 0, count: a21.count)
            let ca = a.codes[i], cb = b.codes[i]
            if ca < ma { di[ca] += a1 / l }
            if ca > 0 { di[ca - 1] -= a2 / l }
            for (k, value) in x[i].enumerated() { di[ma + k] = value * (a2 - a1) / l }
            let offset = thetaA.count
            if cb < mb { di[offset + cb] += b1 / l }
            if cb > 0 { di[offset + cb - 1] -= b2 / l }
            for (k, value) in x[i].enumerated() { di[offset + mb + k] = value * (b2 - b1) / l }
            u[i] = ui
            a22 += ui * ui
            for c in di.indices { a21[c] += ui * di[c] }
        }
        influence = (0..<n).map { i in (u[i] - dot(a21, a.influence[i] + b.influence[i])) / a22 }
    }
}
