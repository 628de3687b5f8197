import CGSL
import Foundation

/// The standard bivariate normal distribution with correlation ρ: the lower-orthant probability
/// Φ₂(h, k; ρ) = P(X ≤ h, Y ≤ k) by Genz's method (Genz 2004, "Numerical computation of rectangular
/// bivariate and trivariate normal and t probabilities", Statistics and Computing 14, 251-260; after
/// Drezner & Wesolowsky 1990), accurate to about 1e-15: for |ρ| < 0.925 Gauss-Legendre quadrature
/// of Plackett's identity ∂Φ₂/∂ρ = φ₂ over arcsin ρ; beyond, quadrature of the remainder after
/// the asymptotic expansion around |ρ| = 1. Infinite limits are allowed.
public enum BivariateNormal {
    /// Gauss-Legendre nodes (both signs) and weights on [-1, 1] with 6, 12 and 20 points, from GSL's
    /// fixed-order tables; Genz uses more points the larger |ρ|.
    private static let rules: [(nodes: [Double], weights: [Double])] = [6, 12, 20].map { n in
        guard let table = gsl_integration_glfixed_table_alloc(n) else { return ([], []) }
        defer { gsl_integration_glfixed_table_free(table) }
        var nodes: [Double] = [], weights: [Double] = []
        for i in 0..<(n + 1) / 2 {
            let x = table.pointee.x[i], w = table.pointee.w[i]
            nodes += [x, -x]
            weights += [w, w]
        }
        return (nodes, weights)
    }

    /// φ₂(h, k; ρ), the density.
    public static func density(_ h: Double, _ k: Double, rho: Double) -> Double {
        guard h.isFinite, k.isFinite else { return 0 }
        let r2 = 1 - rho * rho
        return exp(-(h * h - 2 * rho * h * k + k * k) / (2 * r2)) / (2 * Double.pi * r2.squareRoot())
    }

    /// Φ₂(h, k; ρ) = P(X ≤ h, Y ≤ k).
    public static func cdf(_ h: Double, _ k: Double, rho: Double) -> Double {
        if h == -.infinity || k == -.infinity { return 0 }
        if h == .infinity { return Normal.cdf(k) }
        if k == .infinity { return Normal.cdf(h) }
        return upperOrthant(-h, -k, rho: rho)
    }

    /// P(X > h, Y > k; ρ) for finite h and k (Genz's BVND).
    static func upperOrthant(_ h: Double, _ kGiven: Double, rho r: Double) -> Double {
        let rule = abs(r) < 0.3 ? rules[0] : abs(r) < 0.75 ? rules[1] : rules[2]
        var k = kGiven, hk = h * kGiven
        var sum = 0.0
        if abs(r) < 0.925 {
            let hs = (h * h + k * k) / 2, asr = asin(r)
            for (x, w) in zip(rule.nodes, rule.weights) {
                let sn = sin(asr * (x + 1) / 2)
                sum += w * exp((sn * hk - hs) / (1 - sn * sn))
            }
            return sum * asr / (4 * Double.pi) + Normal.cdf(-h) * Normal.cdf(-k)
        }
        if r < 0 { k = -k; hk = -hk }
        if abs(r) < 1 {
            let aSquared = (1 - r) * (1 + r)
            var a = aSquared.squareRoot()
            let bs = (h - k) * (h - k)
            let c = (4 - hk) / 8, d = (12 - hk) / 16
            let exponent = -(bs / aSquared + hk) / 2
            if exponent > -100 {
                sum = a * exp(exponent) * (1 - c * (bs - aSquared) * (1 - d * bs / 5) / 3 + c * d * aSquared * aSquared / 5)
            }
            if hk > -100 {
                let b = bs.squareRoot()
                sum -= exp(-hk / 2) * (2 * Double.pi).squareRoot() * Normal.cdf(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3)
            }
            a /= 2
            for (x, w) in zip(rule.nodes, rule.weights) {
                let xs = (a * (x + 1)) * (a * (x + 1))
                let rs = (1 - xs).squareRoot()
                let e = -(bs / xs + hk) / 2
                if e > -100 {
                    sum += a * w * exp(e) * (exp(-hk * xs / (2 * (1 + rs) * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)))
                }
            }
            sum = -sum / (2 * Double.pi)
        }
        if r > 0 { return sum + Normal.cdf(-max(h, k)) }
        return -sum + max(0, Normal.cdf(-h) - Normal.cdf(-k))
    }
}
