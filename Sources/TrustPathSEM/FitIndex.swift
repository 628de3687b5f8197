import Foundation
import TrustPathLinalg

/// lavaan's fit indices with its conventions where a formula breaks down: a saturated model
/// (df = 0), a baseline with zero df or χ², a model that fits better than its df. One function per
/// index, each as lavaan 0.6-14's `lav_fit_*`; every fit type (ML, FIML, least squares, WLSMV,
/// groups, robust) computes its indices here.
public enum FitIndex {
    /// R's `isTRUE(all.equal(x, 0))`: with a zero target all.equal compares absolutely, so this
    /// holds when |x| ≤ 1.5e-8 (the square root of the double epsilon).
    static func isNearZero(_ x: Double) -> Bool { abs(x) <= 1.5e-8 }

    /// The model's and the baseline's statistics an incremental index compares. `scaling` and
    /// `baselineScaling` are the robust indices' ĉ and ĉ_b (Brosseau-Liard & Savalei 2012); lavaan
    /// uses them only when df > 0 and neither is 1.
    public struct Comparison: Sendable {
        public var chisq, df, baselineChisq, baselineDF: Double
        public var scaling = 1.0, baselineScaling = 1.0

        public init(
            chisq: Double, df: Double, baselineChisq: Double, baselineDF: Double,
            scaling: Double = 1, baselineScaling: Double = 1
        ) {
            self.chisq = chisq
            self.df = df
            self.baselineChisq = baselineChisq
            self.baselineDF = baselineDF
            self.scaling = scaling
            self.baselineScaling = baselineScaling
        }

        var hasNaN: Bool { [chisq, df, baselineChisq, baselineDF, scaling, baselineScaling].contains { $0.isNaN } }
        /// (ĉ, ĉ_b) as lavaan applies them: both 1 unless df > 0 and both differ from 1.
        var applied: (Double, Double) {
            df > 0 && scaling != 1 && baselineScaling != 1 ? (scaling, baselineScaling) : (1, 1)
        }
    }

    /// CFI = 1 - max(X2 - ĉ df, 0) / max(X2 - ĉ df, X2_b - ĉ_b df_b, 0) (Bentler 1990); 1 when
    /// numerator and denominator are both 0 (`lav_fit_cfi`).
    public static func cfi(_ c: Comparison) -> Double {
        guard !c.hasNaN else { return .nan }
        let (scale, baselineScale) = c.applied
        let t1 = max(c.chisq - scale * c.df, 0)
        let t2 = max(c.chisq - scale * c.df, c.baselineChisq - baselineScale * c.baselineDF, 0)
        return isNearZero(t1) && isNearZero(t2) ? 1 : 1 - t1 / t2
    }

    /// TLI (NNFI) = 1 - (X2 - ĉ df) df_b / ((X2_b - ĉ_b df_b) df) (Tucker & Lewis 1973); 1 when
    /// df = 0 or the denominator is 0 (`lav_fit_nnfi`).
    public static func tli(_ c: Comparison) -> Double {
        guard !c.hasNaN else { return .nan }
        let (scale, baselineScale) = c.applied
        let t1 = (c.chisq - scale * c.df) * c.baselineDF
        let t2 = (c.baselineChisq - baselineScale * c.baselineDF) * c.df
        if c.df > 0 && abs(t2) > 0 { return 1 - t1 / t2 }
        return t1.isFinite && t2.isFinite ? 1 : .nan
    }

    /// RNI = 1 - (X2 - ĉ df) / (X2_b - ĉ_b df_b) (McDonald & Marsh 1990); NA when the
    /// denominator is 0 (`lav_fit_rni`).
    public static func rni(_ c: Comparison) -> Double {
        guard !c.hasNaN else { return .nan }
        let (scale, baselineScale) = c.applied
        let t1 = c.chisq - scale * c.df
        let t2 = c.baselineChisq - baselineScale * c.baselineDF
        return isNearZero(t2) || !t1.isFinite || !t2.isFinite ? .nan : 1 - t1 / t2
    }

    /// NFI = (X2_b - X2) / X2_b (Bentler & Bonett 1980); 1 for a saturated model, NA when the
    /// model has more df than the baseline or the baseline χ² is 0 (`lav_fit_nfi`).
    public static func nfi(_ c: Comparison) -> Double {
        guard !c.hasNaN else { return .nan }
        if c.df > c.baselineDF || isNearZero(c.baselineChisq) { return .nan }
        return c.df > 0 ? (c.baselineChisq - c.chisq) / c.baselineChisq : 1
    }

    /// RFI = (X2_b/df_b - X2/df) / (X2_b/df_b) (Bollen 1986); 1 when df or df_b is 0 or a term is
    /// negative (`lav_fit_rfi`).
    public static func rfi(_ c: Comparison) -> Double {
        guard !c.hasNaN, c.df <= c.baselineDF else { return .nan }
        guard c.df > 0 && c.baselineDF > 0 else { return 1 }
        let t1 = c.baselineChisq / c.baselineDF - c.chisq / c.df
        let t2 = c.baselineChisq / c.baselineDF
        if !t1.isFinite || !t2.isFinite { return .nan }
        return t1 < 0 || t2 < 0 ? 1 : t1 / t2
    }

    /// IFI = (X2_b - X2) / (X2_b - df) (Bollen 1989); 1 when the denominator is negative, NA when
    /// it is 0 (`lav_fit_ifi`).
    public static func ifi(_ c: Comparison) -> Double {
        guard !c.hasNaN else { return .nan }
        let t1 = c.baselineChisq - c.chisq
        let t2 = c.baselineChisq - c.df
        if !t1.isFinite || !t2.isFinite { return .nan }
        if t2 < 0 { return 1 }
        return isNearZero(t2) ? .nan : t1 / t2
    }

    /// PNFI = (df / df_b) (X2_b - X2) / X2_b (James, Mulaik & Brett 1982); NA unless df_b and
    /// X2_b are positive (`lav_fit_pnfi`).
    public static func pnfi(_ c: Comparison) -> Double {
        guard !c.hasNaN, c.baselineDF > 0, c.baselineChisq > 0 else { return .nan }
        return c.df / c.baselineDF * ((c.baselineChisq - c.chisq) / c.baselineChisq)
    }

    /// AGFI = 1 - (moments / df)(1 - GFI) (Jöreskog & Sörbom 1981); 1 when df = 0 (`lav_fit_agfi`).
    public static func agfi(gfi: Double, moments: Double, df: Double) -> Double {
        guard gfi.isFinite, moments.isFinite, df.isFinite else { return .nan }
        return df > 0 ? 1 - moments / df * (1 - gfi) : 1
    }

    /// PGFI = (df / moments) GFI (Mulaik et al. 1989); NA without moments (`lav_fit_pgfi`).
    public static func pgfi(gfi: Double, moments: Double, df: Double) -> Double {
        guard gfi.isFinite, moments.isFinite, df.isFinite, moments != 0 else { return .nan }
        return df / moments * gfi
    }

    /// Hoelter's critical N = χ²_{1-α}(df) / (X2 / N) + 1 (Hoelter 1983); NA for a saturated model
    /// with X2 below the double epsilon (`lav_fit_cn`).
    public static func criticalN(chisq: Double, df: Double, n: Double, alpha: Double) -> Double {
        if df == 0 && chisq < Double.ulpOfOne { return .nan }
        return ChiSquared.quantile(1 - alpha, degreesOfFreedom: df) * n / chisq + 1
    }
}
