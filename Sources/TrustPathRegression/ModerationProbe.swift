import Foundation
import TrustPathLinalg

/// The effect of X at a value of the moderator W, θ(W) = b_X + b_XW·W, with
/// var θ(W) = v_X + W² v_XW + 2W cov(b_X, b_XW) from the OLS covariance (Hayes 2022, §7.3).
public struct ConditionalEffect: Sendable, Equatable {
    public let moderator: Double
    public let effect: Double
    public let standardError: Double
    public let t: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double
}

/// Probing an interaction: conditional effects at chosen moderator values (pick-a-point) and the
/// Johnson-Neyman points where the effect's significance changes.
public enum ModerationProbe {
    /// θ(W) with its t test on the model's residual df and a `level` interval.
    public static func conditionalEffects(_ fit: OLSFit, xTerm: Int, interactionTerm: Int, at values: [Double],
                                          level: Double = 0.95) -> [ConditionalEffect] {
        let v = fit.unscaledCovariance, s2 = fit.sigma * fit.sigma
        let df = Double(fit.residualDF)
        let critical = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: df)
        return values.map { w in
            let effect = fit.coefficients[xTerm] + fit.coefficients[interactionTerm] * w
            let variance = s2 * (v[xTerm, xTerm] + w * w * v[interactionTerm, interactionTerm] + 2 * w * v[xTerm, interactionTerm])
            let se = variance.squareRoot()
            return ConditionalEffect(moderator: w, effect: effect, standardError: se, t: effect / se,
                                     pValue: StudentT.twoSidedPValue(t: effect / se, degreesOfFreedom: df),
                                     lower: effect - critical * se, upper: effect + critical * se)
        }
    }

    /// The moderator values where θ(W)/se(W) = ±t_crit: roots of
    /// (b₃² - t²v₃₃)W² + 2(b₁b₃ - t²v₁₃)W + (b₁² - t²v₁₁) = 0, kept when inside `range`
    /// (Johnson & Neyman 1936; Bauer & Curran 2005).
    public static func johnsonNeyman(_ fit: OLSFit, xTerm: Int, interactionTerm: Int, range: ClosedRange<Double>,
                                     level: Double = 0.95) -> [Double] {
        let s2 = fit.sigma * fit.sigma, v = fit.unscaledCovariance
        let t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(fit.residualDF))
        let b1 = fit.coefficients[xTerm], b3 = fit.coefficients[interactionTerm]
        let v11 = s2 * v[xTerm, xTerm], v33 = s2 * v[interactionTerm, interactionTerm], v13 = s2 * v[xTerm, interactionTerm]
        let a = b3 * b3 - t * t * v33, b = 2 * (b1 * b3 - t * t * v13), c = b1 * b1 - t * t * v11
        let discriminant = b * b - 4 * a * c
        guard discriminant >= 0, a != 0 else { return [] }
        let root = discriminant.squareRoot()
        return [(-b - root) / (2 * a), (-b + root) / (2 * a)].sorted().filter { range.contains($0) }
    }

    /// The values at which to probe W: its two values when dichotomous, else its 16th, 50th and 84th
    /// percentiles (PROCESS's default), by the (n + 1)p definition SPSS uses (R's type 6).
    public static func probeValues(_ w: [Double]) -> [Double] {
        let distinct = Set(w).sorted()
        if distinct.count <= 2 { return distinct }
        let sorted = w.sorted()
        return [0.16, 0.50, 0.84].map { SampleQuantile.type6(sorted: sorted, $0) }
    }
}
