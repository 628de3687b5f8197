import Foundation
import TrustPathLinalg

/// lavaan's `fitMeasures()` for a single-group ML fit, with its names and in its order.
/// X2 = N·F_ML; baseline = independence model (Bentler & Bonett 1980) with the exogenous
/// covariates' block kept; formulas as in lavaan 0.6 (`lav_fit_measures`) and the notes on its
/// conventions: CFI (Bentler 1990), TLI (Tucker & Lewis 1973), RMSEA with N and its 90% interval
/// from the noncentral chi-square (Steiger 1990; Browne & Cudeck 1993), SRMR (Bentler 1995),
/// GFI/AGFI (Jöreskog & Sörbom 1981), Hoelter's critical N, McDonald's MFI, ECVI.
public struct FitMeasures: Sendable {
    /// (name, value) in lavaan's order.
    public let values: [(name: String, value: Double)]

    public subscript(name: String) -> Double? { values.first { $0.name == name }?.value }

    init(values: [(name: String, value: Double)]) { self.values = values }

    /// These measures followed by `extra` ones (a bootstrap test's p-value, say).
    public func appending(_ extra: [(name: String, value: Double)]) -> FitMeasures { FitMeasures(values: values + extra) }

    /// `measures` with each key of `renaming` taking the value of the measure it names (a report's
    /// headline: the scaled statistics in place of the unadjusted ones).
    public init(renaming measures: FitMeasures, _ renaming: [String: String]) {
        values = measures.values.map { ($0.name, renaming[$0.name].flatMap { measures[$0] } ?? $0.value) }
    }

    /// The headline of a robust ML fit (MLR, MLM): the scaled χ² and its p, and the robust CFI, TLI
    /// and RMSEA with its interval (Brosseau-Liard & Savalei 2012, 2014) in place of the ML ones.
    public var robustHeadline: FitMeasures {
        FitMeasures(renaming: self, ["chisq": "chisq.scaled", "pvalue": "pvalue.scaled", "cfi": "cfi.robust", "tli": "tli.robust", "rmsea": "rmsea.robust",
                                     "rmsea.ci.lower": "rmsea.ci.lower.robust", "rmsea.ci.upper": "rmsea.ci.upper.robust"])
    }

    /// The headline of a WLSMV fit: the scaled-shifted χ² and its p, and the `.scaled` CFI, TLI
    /// and RMSEA with its interval in place of the unadjusted ones.
    public var scaledHeadline: FitMeasures {
        FitMeasures(renaming: self, ["chisq": "chisq.scaled", "pvalue": "pvalue.scaled", "cfi": "cfi.scaled", "tli": "tli.scaled", "rmsea": "rmsea.scaled",
                                     "rmsea.ci.lower": "rmsea.ci.lower.scaled", "rmsea.ci.upper": "rmsea.ci.upper.scaled"])
    }

    public init(fit: SEMFit) {
        let model = fit.model, moments = model.moments
        let n = Double(moments.count), p = model.p
        let s = moments.covariance, sigma = fit.impliedCovariance
        let withMeans = model.lisrel.hasMeans
        let npar = Double(model.freeCount)
        let f = fit.solution.discrepancy
        let chisq = n * f
        let df = Double(model.degreesOfFreedom)
        let pvalue = df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan

        let (baselineChisq, baselineDF) = FitMeasures.baseline(model: model)
        let baselineP = ChiSquared.survival(baselineChisq, degreesOfFreedom: baselineDF)
        let comparison = FitIndex.Comparison(chisq: chisq, df: df, baselineChisq: baselineChisq, baselineDF: baselineDF)
        let tli = FitIndex.tli(comparison)

        let logDetS = (try? s.logDeterminantSPD()) ?? .nan
        let log2pi = log(2 * Double.pi)
        // With fixed exogenous covariates lavaan reports the likelihood of the rest given them:
        // the joint log-likelihood minus the covariates' own (marginal) one.
        let exogenousLogl = FitMeasures.exogenousLogLikelihood(model: model)
        let unrestricted = -n / 2 * (Double(p) * log2pi + logDetS + Double(p)) - exogenousLogl
        let logl = unrestricted - chisq / 2
        let aic = -2 * logl + 2 * npar
        let bic = -2 * logl + npar * log(n)
        let bic2 = -2 * logl + npar * log((n + 2) / 24)

        let rmsea = df > 0 ? (max(0, (chisq - df) / (n * df))).squareRoot() : 0
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: chisq, df: df, n: n)
        let rmseaP = df > 0 ? 1 - NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: n * df * 0.05 * 0.05) : .nan
        let notCloseP = df > 0 ? NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: n * df * 0.08 * 0.08) : .nan

        let residuals = ResidualSummaries(sample: s, implied: sigma, sampleMeans: moments.means, impliedMeans: fit.impliedMeans)
        let momentCount = Double(p * (p + 1) / 2 + (withMeans ? p : 0))
        let exogenousIndices = model.table.variables.exogenousObserved.compactMap { moments.variables.firstIndex(of: $0) }
        let gfi = FitMeasures.gfi(sample: s, implied: sigma, sampleMeans: withMeans ? moments.means : [], impliedMeans: fit.impliedMeans,
                                  exogenous: exogenousIndices)
        let agfi = FitIndex.agfi(gfi: gfi, moments: momentCount, df: df)
        let pgfi = FitIndex.pgfi(gfi: gfi, moments: momentCount, df: df)

        var values: [(String, Double)] = [
            ("npar", npar), ("fmin", f / 2), ("chisq", chisq), ("df", df), ("pvalue", pvalue),
            ("baseline.chisq", baselineChisq), ("baseline.df", baselineDF), ("baseline.pvalue", baselineP),
            ("cfi", FitIndex.cfi(comparison)), ("tli", tli), ("nnfi", tli), ("rfi", FitIndex.rfi(comparison)), ("nfi", FitIndex.nfi(comparison)),
            ("pnfi", FitIndex.pnfi(comparison)), ("ifi", FitIndex.ifi(comparison)), ("rni", FitIndex.rni(comparison)),
            ("logl", logl), ("unrestricted.logl", unrestricted), ("aic", aic), ("bic", bic), ("ntotal", n), ("bic2", bic2),
            ("rmsea", rmsea), ("rmsea.ci.lower", lower), ("rmsea.ci.upper", upper), ("rmsea.ci.level", 0.90),
            ("rmsea.pvalue", rmseaP), ("rmsea.close.h0", 0.05), ("rmsea.notclose.pvalue", notCloseP), ("rmsea.notclose.h0", 0.08),
        ]
        values += [
            ("rmr", withMeans ? residuals.rmr : residuals.rmrNoMean), ("rmr_nomean", residuals.rmrNoMean),
            ("srmr", withMeans ? residuals.srmrBentler : residuals.srmrBentlerNoMean),
            ("srmr_bentler", withMeans ? residuals.srmrBentler : residuals.srmrBentlerNoMean),
            ("srmr_bentler_nomean", residuals.srmrBentlerNoMean),
            ("crmr", withMeans ? residuals.crmr : residuals.crmrNoMean), ("crmr_nomean", residuals.crmrNoMean),
            ("srmr_mplus", withMeans ? residuals.srmrMplus : residuals.srmrMplusNoMean), ("srmr_mplus_nomean", residuals.srmrMplusNoMean),
            ("cn_05", FitIndex.criticalN(chisq: chisq, df: df, n: n, alpha: 0.05)),
            ("cn_01", FitIndex.criticalN(chisq: chisq, df: df, n: n, alpha: 0.01)),
            ("gfi", gfi), ("agfi", agfi), ("pgfi", pgfi),
            ("mfi", exp(-0.5 * (chisq - df) / n)), ("ecvi", chisq / n + 2 * npar / n),
        ]
        self.values = values
    }

    /// Independence model: all covariances zero except among the exogenous observed variables,
    /// fixed (fixed.x) or free (fixed.x = FALSE): their block is kept at the sample values, as in
    /// lavaan's baseline (`lav_partable_independence`).
    /// X2_b = N (Σ log s_ii - log|S|) with the covariate block's log-determinant in place of its diagonal.
    static func baseline(model: SEMModel) -> (chisq: Double, df: Double) {
        let s = model.moments.covariance, p = model.p, n = Double(model.moments.count)
        let variables = model.table.variables
        let exogenous = (variables.exogenousObserved + variables.freeExogenousObserved).compactMap {
            model.moments.variables.firstIndex(of: $0)
        }
        let others = (0..<p).filter { !exogenous.contains($0) }
        var logDetBaseline = others.reduce(0.0) { $0 + log(s[$1, $1]) }
        if !exogenous.isEmpty {
            let block = Matrix(exogenous.map { i in exogenous.map { s[i, $0] } })
            logDetBaseline += (try? block.logDeterminantSPD()) ?? .nan
        }
        let logDetS = (try? s.logDeterminantSPD()) ?? .nan
        let k = Double(exogenous.count)
        let df = Double(p * (p - 1) / 2) - k * (k - 1) / 2
        return (n * (logDetBaseline - logDetS), df)
    }

    /// 90% interval of the RMSEA: the noncentralities λ with P(χ²_df(λ) <= X2) = 0.95 and 0.05,
    /// each 0 when the central distribution already falls below the target; bound = √(λ / (N df)).
    static func rmseaInterval(chisq: Double, df: Double, n: Double) -> (Double, Double) {
        guard df > 0 else { return (0, 0) }
        func root(_ target: Double) -> Double {
            guard ChiSquared.cdf(chisq, degreesOfFreedom: df) >= target else { return 0 }
            var low = 0.0, high = max(n, 4 * chisq, 1)
            while NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: high) > target { high *= 2 }
            for _ in 0..<200 {
                let mid = (low + high) / 2
                if NoncentralChiSquared.cdf(chisq, degreesOfFreedom: df, noncentrality: mid) > target { low = mid } else { high = mid }
                if high - low < 1e-12 * max(1, high) { break }
            }
            return (low + high) / 2
        }
        return ((root(0.95) / (n * df)).squareRoot(), (root(0.05) / (n * df)).squareRoot())
    }

    /// GFI = 1 - eᵀWe / sᵀWs over the sample moments s (means, when modelled, and covariances),
    /// e = s - σ̂, with the normal-theory weight at the estimates: for covariances
    /// ½tr[(Σ̂⁻¹S - I)²] / ½tr[(Σ̂⁻¹S)²] (Jöreskog & Sörbom 1981); means add (m - μ̂)ᵀΣ̂⁻¹(m - μ̂)
    /// and mᵀΣ̂⁻¹m. Moments among fixed exogenous covariates are left out, as lavaan's weight
    /// matrix zeroes them (`lav_fit_gfi`).
    static func gfi(sample s: Matrix, implied sigma: Matrix, sampleMeans: [Double], impliedMeans: [Double],
                    exogenous: [Int]) -> Double {
        guard let inverse = try? sigma.inverseSPD() else { return .nan }
        var kept = s
        for i in exogenous { for j in exogenous { kept[i, j] = 0 } }
        let residual = inverse * (s - sigma), w = inverse * kept
        var numerator = 0.5 * (residual * residual).trace, denominator = 0.5 * (w * w).trace
        if !sampleMeans.isEmpty {
            let d = zip(sampleMeans, impliedMeans).map(-)
            var m = sampleMeans
            for i in exogenous { m[i] = 0 }
            numerator += dot(d, inverse * d)
            denominator += dot(m, inverse * m)
        }
        return 1 - numerator / denominator
    }

    /// The covariates' marginal log-likelihood at their sample moments, -N/2 (k log 2π + log|S_xx| + k); 0 without covariates.
    static func exogenousLogLikelihood(model: SEMModel) -> Double {
        let indices = model.table.variables.exogenousObserved.compactMap { model.moments.variables.firstIndex(of: $0) }
        guard !indices.isEmpty else { return 0 }
        let block = Matrix(indices.map { i in indices.map { model.moments.covariance[i, $0] } })
        let k = Double(indices.count), n = Double(model.moments.count)
        return -n / 2 * (k * log(2 * Double.pi) + ((try? block.logDeterminantSPD()) ?? .nan) + k)
    }
}

/// Root-mean-square summaries of the residuals S - Σ̂ (and m - μ̂), lower triangle with diagonal.
struct ResidualSummaries {
    let rmr, rmrNoMean, srmrBentler, srmrBentlerNoMean, crmr, crmrNoMean, srmrMplus, srmrMplusNoMean: Double

    init(sample s: Matrix, implied sigma: Matrix, sampleMeans: [Double], impliedMeans: [Double]) {
        let p = s.rows
        var raw = 0.0, bentler = 0.0, correlation = 0.0, mplus = 0.0
        for i in 0..<p {
            for j in 0...i {
                let d = s[i, j] - sigma[i, j]
                raw += d * d
                let b = d / (s[i, i] * s[j, j]).squareRoot()
                bentler += b * b
                let c = s[i, j] / (s[i, i] * s[j, j]).squareRoot() - sigma[i, j] / (sigma[i, i] * sigma[j, j]).squareRoot()
                if i != j { correlation += c * c }
                let mp = i == j ? (s[i, i] - sigma[i, i]) / s[i, i] : c
                mplus += mp * mp
            }
        }
        var rawMeans = 0.0, standardizedMeans = 0.0, mplusMeans = 0.0
        let hasMeans = impliedMeans.count == p && sampleMeans.count == p
        if hasMeans {
            for i in 0..<p {
                let d = sampleMeans[i] - impliedMeans[i]
                rawMeans += d * d
                standardizedMeans += d * d / s[i, i]
                let mp = sampleMeans[i] / s[i, i].squareRoot() - impliedMeans[i] / sigma[i, i].squareRoot()
                mplusMeans += mp * mp
            }
        }
        let k = Double(p * (p + 1) / 2), offDiagonal = Double(p * (p - 1) / 2), pd = Double(p)
        rmrNoMean = (raw / k).squareRoot()
        rmr = ((raw + rawMeans) / (k + pd)).squareRoot()
        srmrBentlerNoMean = (bentler / k).squareRoot()
        srmrBentler = ((bentler + standardizedMeans) / (k + pd)).squareRoot()
        crmrNoMean = (correlation / offDiagonal).squareRoot()
        crmr = ((correlation + standardizedMeans) / (offDiagonal + pd)).squareRoot()
        srmrMplusNoMean = (mplus / k).squareRoot()
        srmrMplus = ((mplus + mplusMeans) / (k + pd)).squareRoot()
    }
}
