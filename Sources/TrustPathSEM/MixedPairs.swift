import Foundation
import TrustPathLinalg

/// A continuous variable in a WLSMV model with ordinal items: its first-step ML mean and variance
/// (divisor N) and their casewise influence A₁₁⁻¹sᵢ, with A₁₁ the outer-product sum of the normal
/// scores s^μ = e/v, s^v = -1/(2v) + e²/(2v²) (lavaan's `lav_uvreg` step, `muthen1984`'s bread).
struct ContinuousItem {
    let values: [Double]
    let mean: Double
    let variance: Double
    /// (μ, v) influence per case.
    let influence: [(mean: Double, variance: Double)]

    var sd: Double { variance.squareRoot() }

    init(values: [Double]) {
        self.values = values
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        let v = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n
        mean = m
        variance = v
        let scores = values.map { x -> (Double, Double) in let e = x - m; return (e / v, -1 / (2 * v) + e * e / (2 * v * v)) }
        var a = Matrix(rows: 2, columns: 2)
        for (m, s) in scores { a[0, 0] += m * m; a[0, 1] += m * s; a[1, 1] += s * s }
        a[1, 0] = a[0, 1]
        let inverse = (try? a.inverseSPD()) ?? Matrix(rows: 2, columns: 2, repeating: .nan)
        influence = scores.map { (mean: inverse[0, 0] * $0.0 + inverse[0, 1] * $0.1, variance: inverse[1, 0] * $0.0 + inverse[1, 1] * $0.1) }
    }
}

/// The correlation of two continuous variables in a WLSMV model (Pearson's r) and its casewise
/// influence on the covariance scale, following lavaan's two-step route (`lav_bvreg`): with
/// e = x - μ, s = √v, R = 1 - r² and Q = e₁²/v₁ - 2re₁e₂/(s₁s₂) + e₂²/v₂, the score of r is
/// u = r/R + e₁e₂/(s₁s₂R) - Qr/R², its derivatives in the first-step parameters
/// d_μ₁ = (e₁/v₁ - re₂/(s₁s₂))/R, d_v₁ = -1/(2v₁) + (e₁²/v₁² - re₁e₂/(v₁s₁s₂))/(2R) (and the same
/// for variable 2); ψ_r = (u - A₂₁ψ₁)/A₂₂ with A₂₁ = Σud, A₂₂ = Σu², and on the covariance scale
/// ψ_c = s₁s₂ψ_r + (s₂r/(2s₁))ψ_v₁ + (s₁r/(2s₂))ψ_v₂.
struct PearsonPair {
    let rho: Double
    /// ψ_c per case.
    let influence: [Double]

    init(_ x: ContinuousItem, _ y: ContinuousItem) {
        let n = x.values.count
        let s1 = x.sd, s2 = y.sd
        var cross = 0.0
        for i in 0..<n { cross += (x.values[i] - x.mean) * (y.values[i] - y.mean) }
        let r = cross / Double(n) / (s1 * s2)
        rho = r
        let big = 1 - r * r
        var u = [Double](repeating: 0, count: n), a21 = [Double](repeating: 0, count: 4), a22 = 0.0
        for i in 0..<n {
            let e1 = x.values[i] - x.mean, e2 = y.values[i] - y.mean
            let q = e1 * e1 / x.variance - 2 * r * e1 * e2 / (s1 * s2) + e2 * e2 / y.variance
            u[i] = r / big + e1 * e2 / (s1 * s2 * big) - q * r / (big * big)
            let d = [(e1 / x.variance - r * e2 / (s1 * s2)) / big,
                     -1 / (2 * x.variance) + (e1 * e1 / (x.variance * x.variance) - r * e1 * e2 / (x.variance * s1 * s2)) / (2 * big),
                     (e2 / y.variance - r * e1 / (s1 * s2)) / big,
                     -1 / (2 * y.variance) + (e2 * e2 / (y.variance * y.variance) - r * e1 * e2 / (y.variance * s1 * s2)) / (2 * big)]
            for k in 0..<4 { a21[k] += u[i] * d[k] }
            a22 += u[i] * u[i]
        }
        influence = (0..<n).map { i in
            let first = x.influence[i], second = y.influence[i]
            let psi = (u[i] - a21[0] * first.mean - a21[1] * first.variance - a21[2] * second.mean - a21[3] * second.variance) / a22
            return s1 * s2 * psi + s2 * r / (2 * s1) * first.variance + s1 * r / (2 * s2) * second.variance
        }
    }
}

/// The polyserial correlation of a continuous variable x and an ordinal item y (Olsson, Drasgow &
/// Dorans 1982; lavaan's `lav_bvmix`), two-step: with the first-step μ, v and thresholds fixed,
/// z = (x - μ)/√v, R = √(1 - ρ²), A = (τ_y - ρz)/R and B = (τ_{y-1} - ρz)/R at the bounds of the
/// case's category, P = Φ(A) - Φ(B), ρ maximises Σ log P: the root in [-0.995, 0.995] of Σu with
/// u = [φ(A)(τ_yρ - z) - φ(B)(τ_{y-1}ρ - z)]/(R³P). Its influence: d_μ = [z + (ρ/R)(φ(A) - φ(B))/P]/s,
/// d_v = [(z² - 1) + (ρz/R)(φ(A) - φ(B))/P]/(2v), d_τk = [1(y = k)φ(A) - 1(y = k+1)φ(B)]/(RP);
/// ψ_ρ = (u - A₂₁ψ₁)/A₂₂ and on the covariance scale ψ_c = sψ_ρ + (ρ/(2s))ψ_v.
struct PolyserialPair {
    let rho: Double
    /// ψ_c per case.
    let influence: [Double]

    init(_ x: ContinuousItem, _ y: OrdinalItem, thresholdInfluence: [[Double]]) {
        let n = x.values.count, s = x.sd
        let z = x.values.map { ($0 - x.mean) / s }
        let bounds = y.bounds
        /// u, P and the two densities for case i at ρ.
        func parts(_ i: Int, _ rho: Double) -> (u: Double, p: Double, upper: Double, lower: Double, r: Double) {
            let r = (1 - rho * rho).squareRoot(), c = y.codes[i]
            let high = bounds[c + 1], low = bounds[c]
            let a = (high - rho * z[i]) / r, b = (low - rho * z[i]) / r
            let p = max(Normal.cdf(a) - Normal.cdf(b), 2.22e-16)
            let upper = high.isFinite ? Normal.density(a) : 0, lower = low.isFinite ? Normal.density(b) : 0
            let u = ((high.isFinite ? upper * (high * rho - z[i]) : 0) - (low.isFinite ? lower * (low * rho - z[i]) : 0)) / (r * r * r * p)
            return (u, p, upper, lower, r)
        }
        func score(_ rho: Double) -> Double { (0..<n).reduce(0.0) { $0 + parts($1, rho).u } }
        let rho = ScoreRoot.correlation(score, bound: 0.995)
        self.rho = rho
        let k = y.thresholds.count
        var u = [Double](repeating: 0, count: n), a21 = [Double](repeating: 0, count: 2 + k), a22 = 0.0
        for i in 0..<n {
            let (ui, p, upper, lower, r) = parts(i, rho)
            var d = [Double](repeating: 0, count: 2 + k)
            d[0] = (z[i] + rho / r * (upper - lower) / p) / s
            d[1] = ((z[i] * z[i] - 1) + rho * z[i] / r * (upper - lower) / p) / (2 * x.variance)
            let c = y.codes[i]
            if c < k { d[2 + c] += upper / (r * p) }
            if c > 0 { d[2 + c - 1] -= lower / (r * p) }
            u[i] = ui
            for m in d.indices { a21[m] += ui * d[m] }
            a22 += ui * ui
        }
        influence = (0..<n).map { i in
            let first = x.influence[i], tau = thresholdInfluence[y.codes[i]]
            var psi = u[i] - a21[0] * first.mean - a21[1] * first.variance
            for m in 0..<k { psi -= a21[2 + m] * tau[m] }
            psi /= a22
            return s * psi + rho / (2 * s) * first.variance
        }
    }
}

/// The maximum-likelihood correlation of a two-step pair: the root of its score in
/// [-bound, bound] (lavaan's limits) nearest 0, by Illinois-modified regula falsi, which never
/// leaves its sign-change bracket; an end of the interval when the score does not change sign.
/// The bracket is found by stepping out from 0 (0.2, 0.4, ..., 0.99, the bound): near ±1 the
/// likelihoods of the discordant cases underflow and are dropped (as lavaan drops them), so the
/// score there can take the wrong sign and a bracket of [-bound, bound] would land on the bound.
enum ScoreRoot {
    static func correlation(_ score: (Double) -> Double, bound: Double) -> Double {
        let atZero = score(0)
        guard atZero != 0, atZero.isFinite else { return 0 }
        let direction: Double = atZero > 0 ? 1 : -1
        var inner = 0.0, fInner = atZero
        for step in [0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99, bound] where step <= bound {
            let outer = direction * step, fOuter = score(outer)
            guard fOuter.isFinite else { return inner }
            if (fOuter > 0) != (fInner > 0) || fOuter == 0 {
                return direction > 0
                    ? root(score, low: inner, fLow: fInner, high: outer, fHigh: fOuter)
                    : root(score, low: outer, fLow: fOuter, high: inner, fHigh: fInner)
            }
            inner = outer
            fInner = fOuter
        }
        return direction * bound
    }

    /// Regula falsi (Illinois) on a bracket with the score positive at `low` and negative at `high`.
    private static func root(
        _ score: (Double) -> Double, low lowStart: Double, fLow fLowStart: Double, high highStart: Double,
        fHigh fHighStart: Double
    ) -> Double {
        var low = lowStart, high = highStart, fLow = fLowStart, fHigh = fHighStart
        if fLow == 0 { return low }
        if fHigh == 0 { return high }
        var rho = 0.0, side = 0
        for _ in 0..<300 {
            rho = high - fHigh * (high - low) / (fHigh - fLow)
            let f = score(rho)
            if f == 0 || abs(high - low) < 1e-14 { break }
            if f > 0 {
                low = rho; fLow = f
                if side == 1 { fHigh /= 2 }
                side = 1
            } else {
                high = rho; fHigh = f
                if side == -1 { fLow /= 2 }
                side = -1
            }
        }
        return rho
    }
}
