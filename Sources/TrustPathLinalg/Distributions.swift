import CGSL

/// The standard normal distribution (GSL `gsl_cdf_ugaussian_*`).
public enum Normal {
    /// Φ(x) = P(Z <= x).
    public static func cdf(_ x: Double) -> Double { GSL.ensureInitialised(); return gsl_cdf_ugaussian_P(x) }
    /// 1 - Φ(x), accurate in the upper tail.
    public static func survival(_ x: Double) -> Double { GSL.ensureInitialised(); return gsl_cdf_ugaussian_Q(x) }
    /// Φ⁻¹(p) for 0 < p < 1.
    public static func quantile(_ p: Double) -> Double { GSL.ensureInitialised(); return gsl_cdf_ugaussian_Pinv(p) }
    /// Two-sided p-value of a z statistic, 2 Φ(-|z|).
    public static func twoSidedPValue(z: Double) -> Double { 2 * cdf(-abs(z)) }
    /// Density φ(x).
    public static func density(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(x) }
}

/// Student's t distribution with ν degrees of freedom (GSL `gsl_cdf_tdist_*`).
public enum StudentT {
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_tdist_P(t, nu)
    }
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_tdist_Q(t, nu)
    }
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_tdist_Pinv(p, nu)
    }
    /// Two-sided p-value, 2 P(T > |t|), computed in the upper tail for accuracy.
    public static func twoSidedPValue(t: Double, degreesOfFreedom nu: Double) -> Double {
        2 * survival(abs(t), degreesOfFreedom: nu)
    }
}

/// The (central) chi-square distribution with k degrees of freedom (GSL `gsl_cdf_chisq_*`).
public enum ChiSquared {
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_chisq_P(x, k)
    }
    /// P(X > x): the p-value of a chi-square test statistic.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_chisq_Q(x, k)
    }
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_chisq_Pinv(p, k)
    }
}

/// Fisher's F distribution with (d1, d2) degrees of freedom (GSL `gsl_cdf_fdist_*`).
public enum FisherF {
    public static func cdf(_ x: Double, numeratorDF d1: Double, denominatorDF d2: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_fdist_P(x, d1, d2)
    }
    /// P(F > x): the p-value of an F test.
    public static func survival(_ x: Double, numeratorDF d1: Double, denominatorDF d2: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_fdist_Q(x, d1, d2)
    }
    public static func quantile(_ p: Double, numeratorDF d1: Double, denominatorDF d2: Double) -> Double {
        GSL.ensureInitialised(); return gsl_cdf_fdist_Pinv(p, d1, d2)
    }
}

/// The noncentral chi-square distribution with k degrees of freedom and noncentrality λ, as a
/// Poisson(λ/2) mixture of central chi-squares (Johnson, Kotz & Balakrishnan 1995, eq. 29.2):
/// P(X <= x) = Σ_j e^{-λ/2} (λ/2)^j / j! · P(χ²_{k+2j} <= x). The sum starts at the Poisson mode
/// and runs outward until the remaining Poisson mass is below 1e-15. GSL has no noncentral CDF.
public enum NoncentralChiSquared {
    public static func cdf(_ x: Double, degreesOfFreedom k: Double, noncentrality lambda: Double) -> Double {
        guard lambda > 0 else { return ChiSquared.cdf(x, degreesOfFreedom: k) }
        guard x > 0 else { return 0 }
        let half = lambda / 2
        let mode = max(0, Int(half.rounded(.down)))
        func weight(_ j: Int) -> Double {
            exp(-half + Double(j) * log(half) - lgamma(Double(j) + 1))
        }
        var total = 0.0, mass = 0.0
        var j = mode
        while j >= 0 {
            let w = weight(j)
            total += w * ChiSquared.cdf(x, degreesOfFreedom: k + 2 * Double(j))
            mass += w
            if w < 1e-17 && j < mode { break }
            j -= 1
        }
        j = mode + 1
        while 1 - mass > 1e-15 && j < mode + 100_000 {
            let w = weight(j)
            total += w * ChiSquared.cdf(x, degreesOfFreedom: k + 2 * Double(j))
            mass += w
            if w < 1e-17 { break }
            j += 1
        }
        return min(1, max(0, total))
    }
}
