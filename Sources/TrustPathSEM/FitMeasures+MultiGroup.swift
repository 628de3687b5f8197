import Foundation
import TrustPathLinalg

extension FitMeasures {
    /// lavaan's `fitMeasures()` for a multi-group ML fit (names and order as lavaan's): χ² =
    /// Σ_g N_g F_g; the baseline, log-likelihoods and information criteria are sums over groups
    /// (with FIML, each group's EM saturated and available-case independence models, as ``init(fiml:)``);
    /// RMSEA = √G·√(max(0, (χ² - df)/(N df))) with its interval scaled alike and the close-fit
    /// test at noncentrality N·df·0.05²/G (Steiger 1998, as lavaan); SRMR is the N_g/N-weighted
    /// mean of the groups' (Bentler's, with the mean residuals).
    public init(multiGroup fit: MultiGroupFit) {
        let model = fit.model
        let n = Double(model.count), groups = Double(model.groups.count)
        let npar = Double(model.freeCount)
        let f = fit.solution.discrepancy
        let chisq = n * f
        let df = Double(model.degreesOfFreedom)
        let pvalue = df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan
        var baselineChisq = 0.0, baselineDF = 0.0, unrestricted = 0.0, srmr = 0.0
        let log2pi = log(2 * Double.pi)
        for (g, group) in model.groups.enumerated() {
            let ng = Double(group.moments.count), p = Double(group.p)
            if model.patterns.isEmpty {
                let baseline = FitMeasures.baseline(model: group)
                baselineChisq += baseline.chisq
                baselineDF += baseline.df
                let logDetS = (try? group.moments.covariance.logDeterminantSPD()) ?? .nan
                unrestricted += -ng / 2 * (p * log2pi + logDetS + p) - FitMeasures.exogenousLogLikelihood(model: group)
            } else {
                // FIML: the EM saturated model and the independence model with available-case moments;
                // with fixed covariates, as one group's (``FitMeasures/init(fiml:)``), log-likelihoods
                // given the covariates and a baseline that keeps their covariances.
                let patterns = model.patterns[g]
                let saturated = patterns.logLikelihood(means: group.moments.means, covariance: group.moments.covariance)
                let covariates = group.table.variables.exogenousObserved.compactMap {
                    group.moments.variables.firstIndex(of: $0)
                }
                let covariatesJoint = FitMeasures.exogenousLogLikelihood(model: group)
                let covariatesApart = covariates.reduce(0.0) { sum, i in
                    sum - ng / 2 * (log2pi + log(group.moments.covariance[i, i]) + 1)
                }
                let baselineLogl = patterns.independenceLogLikelihood() - covariatesApart + covariatesJoint
                let k = Double(covariates.count)
                baselineChisq += 2 * (saturated - baselineLogl)
                baselineDF += p * (p - 1) / 2 - k * (k - 1) / 2
                unrestricted += saturated - covariatesJoint
            }
            let residuals = ResidualSummaries(sample: group.moments.covariance, implied: fit.impliedCovariances[g],
                                              sampleMeans: group.moments.means, impliedMeans: fit.impliedMeans[g])
            srmr += ng / n * residuals.srmrBentler
        }
        let baselineP = ChiSquared.survival(baselineChisq, degreesOfFreedom: baselineDF)
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baselineChisq, baselineDF: baselineDF)
        let cfi = FitIndex.cfi(comparison), tli = FitIndex.tli(comparison), nfi = FitIndex.nfi(comparison)
        let logl = unrestricted - chisq / 2
        let scale = groups.squareRoot()
        let rmsea = df > 0 ? scale * (max(0, (chisq - df) / (n * df))).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: n)
        let rmseaP = df > 0 ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: n * df * 0.05 * 0.05 / groups) : .nan
        self.init(values: [
            ("npar", npar), ("fmin", f / 2), ("chisq", chisq), ("df", df), ("pvalue", pvalue),
            ("baseline.chisq", baselineChisq), ("baseline.df", baselineDF), ("baseline.pvalue", baselineP),
            ("cfi", cfi), ("tli", tli), ("nnfi", tli), ("nfi", nfi),
            ("logl", logl), ("unrestricted.logl", unrestricted), ("aic", -2 * logl + 2 * npar), ("bic", -2 * logl + npar * log(n)),
            ("ntotal", n), ("bic2", -2 * logl + npar * log((n + 2) / 24)),
            ("rmsea", rmsea), ("rmsea.ci.lower", scale * lower), ("rmsea.ci.upper", scale * upper), ("rmsea.ci.level", 0.90),
            ("rmsea.pvalue", rmseaP), ("srmr", srmr),
        ])
    }
}
