import Foundation
import TrustPathLinalg

/// MLR on complete data, as lavaan's `estimator = "MLR"`: the ML estimates with
/// - Huber-White sandwich standard errors, V = A⁻¹BA⁻¹/N, with A the observed unit information
///   (the Hessian of F_ML/2) and B the mean cross-product of the casewise scores
///   sᵢ = ∂ log Lᵢ/∂θ, sᵢₐ = ½ tr(Σ⁻¹(dᵢdᵢᵀ - Σ)Σ⁻¹ ∂Σ/∂θₐ) + ∂μᵀ/∂θₐ Σ⁻¹dᵢ (White 1982; Huber 1967);
/// - the Yuan-Bentler scaled test statistic in Mplus's form, T/c with
///   c = [tr(A₁⁻¹B₁) - tr(A₀⁻¹B₀)]/df, where A₁ = ½Dᵀ(S⁻¹⊗S⁻¹)D and B₁ are the unrestricted model's
///   information and score cross-products over the p(p+1)/2 covariances, A₀ and B₀ the model's
///   (Yuan & Bentler 2000; Asparouhov & Muthén 2005);
/// - lavaan's `.scaled` fit measures (the usual formulas on scaled statistics; the RMSEA and its
///   interval from T on c·df degrees of freedom, as lavaan 0.6) and `.robust` ones
///   (Brosseau-Liard & Savalei 2012, 2014: CFI, TLI and RMSEA corrected with c and the baseline's c).
/// Exogenous fixed covariates are not supported yet (their conditional likelihood changes B).
public struct RobustML: Sendable {
    /// Sandwich covariance of the free coordinates.
    public let covariance: Matrix
    public let scalingFactor: Double
    public let baselineScalingFactor: Double

    public init(fit: SEMFit, cases: CompleteCases) throws(SEMError) {
        let model = fit.model
        guard model.table.variables.exogenousObserved.isEmpty else {
            throw SEMError.unsupported("MLR with fixed exogenous covariates (" + model.table.variables.exogenousObserved.joined(separator: ", ") + ")")
        }
        let n = cases.count, p = model.p, q = model.freeCount
        let e = fit.evaluation
        let derivatives = ParameterDerivatives(model: model, evaluation: e).parameters.map { TransformedDerivative($0, sigmaInverse: e.sigmaInverse) }
        let hasMeans = model.lisrel.hasMeans
        let sampleMeans = model.moments.means
        let center = hasMeans ? e.mu : sampleMeans
        var b0 = Matrix(rows: q, columns: q)
        var b1 = Matrix(rows: p * (p + 1) / 2, columns: p * (p + 1) / 2)
        let sInverse: Matrix
        do { sInverse = try model.moments.covariance.inverseSPD() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
        let pairs = (0..<p).flatMap { j in (j..<p).map { (i: $0, j: j) } }
        var d = [Double](repeating: 0, count: p), dBar = [Double](repeating: 0, count: p)
        for r in 0..<n {
            for j in 0..<p {
                d[j] = cases.values[r * p + j] - center[j]
                dBar[j] = cases.values[r * p + j] - sampleMeans[j]
            }
            let score = derivatives.map { RobustML.score($0, d: d, hasMeans: hasMeans) }
            for a in 0..<q { for c in 0...a { b0[a, c] += score[a] * score[c] } }
            // The unrestricted model's score over the covariances: ½[Dᵀ vec(S⁻¹(d̄d̄ᵀ - S)S⁻¹)].
            let w = sInverse * dBar
            let h1 = pairs.map { pair -> Double in
                let m = w[pair.i] * w[pair.j] - sInverse[pair.i, pair.j]
                return pair.i == pair.j ? 0.5 * m : m
            }
            for a in h1.indices { for c in 0...a { b1[a, c] += h1[a] * h1[c] } }
        }
        for a in 0..<q { for c in 0...a { b0[a, c] /= Double(n); b0[c, a] = b0[a, c] } }
        for a in 0..<b1.rows { for c in 0...a { b1[a, c] /= Double(n); b1[c, a] = b1[a, c] } }
        let a0 = ObservedInformation.matrix(model: model, theta: fit.solution.theta)
        let a0Inverse: Matrix
        do { a0Inverse = try a0.inverse() } catch { throw SEMError.notIdentified(parameters: Identification.weakParameters(model: model, information: a0)) }
        covariance = (1 / Double(n)) * (a0Inverse * b0 * a0Inverse)
        // A₁ = ½Dᵀ(S⁻¹⊗S⁻¹)D over vech(S): the duplicated positions of each pair summed.
        var a1 = Matrix(rows: pairs.count, columns: pairs.count)
        for (x, first) in pairs.enumerated() {
            for (y, second) in pairs.enumerated() {
                var sum = 0.0
                for (r1, c1) in Self.positions(first) { for (r2, c2) in Self.positions(second) { sum += sInverse[r1, r2] * sInverse[c1, c2] } }
                a1[x, y] = 0.5 * sum
            }
        }
        let traceH1 = (try? a1.inverse()).map { (($0 * b1).trace) } ?? .nan
        let traceH0 = (a0Inverse * b0).trace
        let df = Double(model.degreesOfFreedom)
        scalingFactor = df > 0 ? (traceH1 - traceH0) / df : .nan
        // The independence baseline: variances only, A = 1/(2s²), score (d² - s)/(2s²) per variable.
        let s = model.moments.covariance
        var traceBaseline = 0.0
        for j in 0..<p {
            var sum = 0.0
            for r in 0..<n {
                let dj = cases.values[r * p + j] - sampleMeans[j]
                sum += (dj * dj - s[j, j]) * (dj * dj - s[j, j])
            }
            traceBaseline += sum / Double(n) / (2 * s[j, j] * s[j, j])
        }
        let baselineDF = Double(p * (p - 1) / 2)
        baselineScalingFactor = (traceH1 - traceBaseline) / baselineDF
    }

    /// The vec positions (row, column) of a vech pair: one on the diagonal, two off it.
    private static func positions(_ pair: (i: Int, j: Int)) -> [(Int, Int)] {
        pair.i == pair.j ? [(pair.i, pair.i)] : [(pair.i, pair.j), (pair.j, pair.i)]
    }

    /// sᵢₐ for one case: Σ_terms w[(Σ⁻¹u·d)(Σ⁻¹v·d) - uᵀΣ⁻¹v] (+ (Σ⁻¹∂μ)·d with a mean structure).
    static func score(_ derivative: TransformedDerivative, d: [Double], hasMeans: Bool) -> Double {
        var value = 0.0
        for (t, term) in derivative.base.terms.enumerated() {
            let u = dot(derivative.transformedU[t], d), v = dot(derivative.transformedV[t], d)
            value += term.weight * (u * v - term.u.dot(derivative.transformedV[t]))
        }
        if hasMeans, !derivative.transformedMu.isEmpty { value += dot(derivative.transformedMu, d) }
        return value
    }

    /// `fit` with the sandwich covariance: its estimates carry the robust standard errors.
    public func applied(to fit: SEMFit) -> SEMFit { fit.replacingCovariance(covariance) }

    /// `measures` followed by lavaan's scaled and robust fit measures.
    public func measures(_ measures: FitMeasures) -> FitMeasures {
        let m = { (name: String) in measures[name] ?? .nan }
        let chisq = m("chisq"), df = m("df"), n = m("ntotal"), baseline = m("baseline.chisq"), baselineDF = m("baseline.df")
        let c = scalingFactor, cb = baselineScalingFactor
        let scaled = chisq / c, baselineScaled = baseline / cb
        let cfiScaledDenominator = max(scaled - df, baselineScaled - baselineDF, 0)
        let robustDenominator = max(chisq - c * df, baseline - cb * baselineDF, 0)
        // lavaan's scaled interval uses T with df·c degrees of freedom (the trace of UΓ); the robust
        // one the scaled statistic with df, its bounds multiplied by √c.
        let (scaledLower, scaledUpper) = FitMeasures.rmseaInterval(chisq: chisq, df: c * df, n: n)
        let (lower, upper) = FitMeasures.rmseaInterval(chisq: scaled, df: df, n: n)
        return measures.appending([
            ("chisq.scaled", scaled), ("df.scaled", df), ("pvalue.scaled", ChiSquared.survival(scaled, degreesOfFreedom: df)),
            ("chisq.scaling.factor", c), ("baseline.chisq.scaled", baselineScaled), ("baseline.df.scaled", baselineDF),
            ("baseline.pvalue.scaled", ChiSquared.survival(baselineScaled, degreesOfFreedom: baselineDF)), ("baseline.chisq.scaling.factor", cb),
            ("cfi.scaled", cfiScaledDenominator == 0 ? 1 : 1 - max(scaled - df, 0) / cfiScaledDenominator),
            ("tli.scaled", (baselineScaled / baselineDF - scaled / df) / (baselineScaled / baselineDF - 1)),
            ("cfi.robust", robustDenominator == 0 ? 1 : 1 - max(chisq - c * df, 0) / robustDenominator),
            ("tli.robust", 1 - ((chisq - c * df) * baselineDF) / ((baseline - cb * baselineDF) * df)),
            ("rmsea.scaled", (max(0, (scaled - df) / (n * df))).squareRoot()),
            ("rmsea.ci.lower.scaled", scaledLower), ("rmsea.ci.upper.scaled", scaledUpper),
            ("rmsea.robust", (max(0, (chisq - c * df) / (n * df))).squareRoot()),
            ("rmsea.ci.lower.robust", (c * lower * lower).squareRoot()), ("rmsea.ci.upper.robust", (c * upper * upper).squareRoot()),
        ])
    }
}
