import Foundation
import TrustPathLinalg

/// Bootstrap confidence intervals and p-values from the draws of one statistic.
///
/// - percentile: the α/2 and 1-α/2 quantiles, interpolated on the normal-quantile scale as R's
///   `boot:::norm.inter` does (lavaan's `boot.ci.type = "perc"`);
/// - bias-corrected (bc): quantiles Φ(2z₀ + z_α) with z₀ = Φ⁻¹(#{t < θ̂}/R) (lavaan's "bca.simple");
/// - BCa: Φ(z₀ + (z₀ + z_α)/(1 - a(z₀ + z_α))) with the acceleration a from the jackknife,
///   a = Σ(θ̄ - θ₍ᵢ₎)³ / (6 [Σ(θ̄ - θ₍ᵢ₎)²]^{3/2}) (Efron 1987; Efron & Tibshirani 1993, ch. 14);
/// - normal: θ̂ - bias ∓ z₁₋α/₂ SE with bias = t̄ - θ̂ (lavaan's "norm"; Davison & Hinkley 1997, eq. 5.5);
/// - basic: 2θ̂ minus the percentile bounds in reverse order (lavaan's "basic"; Davison & Hinkley 1997, eq. 5.6).
///
/// The p-value is the one that agrees with the chosen interval: the smallest α whose (1 - α)
/// interval of the same type excludes 0. With F₀ = (#{t < 0} + ½#{t = 0})/R,
/// u = Φ⁻¹(F₀) - z₀ and w = u/(1 + a u) - z₀, p = 2 min(Φ(w), 1 - Φ(w)) (z₀ = a = 0 for the
/// percentile interval; for the basic one F₀ counts 2θ̂ - t below 0). F₀ is kept within
/// [1/(2R), 1 - 1/(2R)], so p is never reported below what R draws can resolve. For the normal
/// interval p = 2(1 - Φ(|θ̂ - bias| / SE)).
public enum BootstrapInterval: String, Sendable, CaseIterable {
    case percentile
    case bc
    case bca
    case normal
    case basic

    /// The interval at `level` for draws `t` of a statistic estimated as `estimate`;
    /// `jackknife` (leave-one-out estimates) is needed for BCa only. The normal interval uses
    /// `standardError` and `bias` when given (the SE reported beside it; lavaan's bias of a `:=`
    /// value, its function at the draws' mean parameters), else the draws' SE (divisor R) and t̄ - θ̂.
    public func interval(
        _ t: [Double], estimate: Double, level: Double = 0.95, jackknife: [Double] = [],
        standardError: Double? = nil, bias: Double? = nil
    ) -> (lower: Double, upper: Double) {
        let alpha = (1 - level) / 2
        switch self {
        case .normal:
            let centre = estimate - (bias ?? Self.bias(t, estimate: estimate))
            let half = Normal.quantile(1 - alpha) * (standardError ?? Self.standardError(t))
            return (centre - half, centre + half)
        case .basic:
            return (2 * estimate - Self.normInter(t, 1 - alpha), 2 * estimate - Self.normInter(t, alpha))
        case .percentile, .bc, .bca:
            break
        }
        let (z0, a) = correction(t, estimate: estimate, jackknife: jackknife)
        func adjusted(_ p: Double) -> Double {
            let z = Normal.quantile(p)
            return Normal.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)))
        }
        return (BootstrapInterval.normInter(t, adjusted(alpha)), BootstrapInterval.normInter(t, adjusted(1 - alpha)))
    }

    /// The p-value of H0: statistic = 0 that matches this interval type (`standardError` and
    /// `bias` as for ``interval(_:estimate:level:jackknife:standardError:bias:)``).
    public func pValue(
        _ t: [Double], estimate: Double, jackknife: [Double] = [], standardError: Double? = nil, bias: Double? = nil
    ) -> Double {
        let r = Double(t.count)
        guard r > 0 else { return .nan }
        if self == .normal {
            let z = abs(estimate - (bias ?? Self.bias(t, estimate: estimate))) / (standardError ?? Self.standardError(t))
            return 2 * (1 - Normal.cdf(z))
        }
        // The basic interval is the percentile interval of 2θ̂ - t.
        let reflected = self == .basic ? t.map { 2 * estimate - $0 } : t
        let below = Double(reflected.filter { $0 < 0 }.count) + 0.5 * Double(reflected.filter { $0 == 0 }.count)
        let f0 = min(max(below / r, 0.5 / r), 1 - 0.5 / r)
        let (z0, a) = correction(t, estimate: estimate, jackknife: jackknife)
        let u = Normal.quantile(f0) - z0
        let w = u / (1 + a * u) - z0
        return min(1, 2 * min(Normal.cdf(w), 1 - Normal.cdf(w)))
    }

    /// Bias correction z₀ and acceleration a for this interval type.
    private func correction(_ t: [Double], estimate: Double, jackknife: [Double]) -> (Double, Double) {
        switch self {
        case .percentile, .normal, .basic: return (0, 0)
        case .bc: return (BootstrapInterval.biasCorrection(t, estimate: estimate), 0)
        case .bca: return (BootstrapInterval.biasCorrection(t, estimate: estimate), BootstrapInterval.acceleration(jackknife))
        }
    }

    /// z₀ = Φ⁻¹(#{t < θ̂}/R), as lavaan's bca.simple.
    static func biasCorrection(_ t: [Double], estimate: Double) -> Double {
        Normal.quantile(Double(t.filter { $0 < estimate }.count) / Double(t.count))
    }

    /// The jackknife acceleration; 0 without jackknife values.
    static func acceleration(_ jackknife: [Double]) -> Double {
        guard jackknife.count > 1 else { return 0 }
        let mean = jackknife.reduce(0, +) / Double(jackknife.count)
        var cubes = 0.0, squares = 0.0
        for value in jackknife {
            let d = mean - value
            cubes += d * d * d
            squares += d * d
        }
        return squares > 0 ? cubes / (6 * pow(squares, 1.5)) : 0
    }

    /// R's `boot:::norm.inter`: with k = ⌊(R+1)α⌋, the k-th order statistic when (R+1)α is a whole
    /// number, the extremes when k is 0 or R, else interpolation between t₍ₖ₎ and t₍ₖ₊₁₎ on the
    /// normal-quantile scale.
    public static func normInter(_ draws: [Double], _ alpha: Double) -> Double {
        let t = draws.filter { $0.isFinite }.sorted()
        let r = t.count
        guard r > 0, alpha.isFinite else { return .nan }
        let rk = Double(r + 1) * alpha
        let k = Int(rk.rounded(.towardZero))
        if k <= 0 { return t[0] }
        if k >= r { return t[r - 1] }
        if Double(k) == rk { return t[k - 1] }
        let z = Normal.quantile(alpha), zk = Normal.quantile(Double(k) / Double(r + 1))
        let zk1 = Normal.quantile(Double(k + 1) / Double(r + 1))
        return t[k - 1] + (z - zk) / (zk1 - zk) * (t[k] - t[k - 1])
    }

    /// The bootstrap estimate of bias, t̄ - θ̂.
    static func bias(_ t: [Double], estimate: Double) -> Double {
        t.isEmpty ? .nan : t.reduce(0, +) / Double(t.count) - estimate
    }

    /// Bootstrap standard error with divisor R, as lavaan: √(Σ(t - t̄)²/R).
    public static func standardError(_ t: [Double]) -> Double {
        guard !t.isEmpty else { return .nan }
        let mean = t.reduce(0, +) / Double(t.count)
        return (t.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(t.count)).squareRoot()
    }
}
