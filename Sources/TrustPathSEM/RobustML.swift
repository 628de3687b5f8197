import Foundation
import TrustPathLinalg

/// Robust ML on complete data. MLR, as lavaan's `estimator = "MLR"`: the ML estimates with
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
/// MLM (Satorra-Bentler) is ``init(satorraBentler:cases:)``; both share the scaled and robust measures.
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
        let b0: Matrix, b1: Matrix
        let sInverse: Matrix
        do { sInverse = try model.moments.covariance.inverseSPD() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
        let pairs = Self.vechPairs(p)
        var d = [Double](repeating: 0, count: p), dBar = [Double](repeating: 0, count: p)
        var scores: [Double] = [], h1Scores: [Double] = []
        scores.reserveCapacity(n * q)
        h1Scores.reserveCapacity(n * pairs.count)
        for r in 0..<n {
            for j in 0..<p {
                d[j] = cases.values[r * p + j] - center[j]
                dBar[j] = cases.values[r * p + j] - sampleMeans[j]
            }
            scores += derivatives.map { RobustML.score($0, d: d, hasMeans: hasMeans) }
            // The unrestricted model's score over the covariances: ½[Dᵀ vec(S⁻¹(d̄d̄ᵀ - S)S⁻¹)].
            let w = sInverse * dBar
            h1Scores += pairs.map { pair -> Double in
                let m = w[pair.i] * w[pair.j] - sInverse[pair.i, pair.j]
                return pair.i == pair.j ? 0.5 * m : m
            }
        }
        b0 = Self.meanCrossProduct(scores, rows: n, columns: q)
        b1 = Self.meanCrossProduct(h1Scores, rows: n, columns: pairs.count)
        let a0 = ObservedInformation.matrix(model: model, theta: fit.solution.theta)
        let a0Inverse: Matrix
        do { a0Inverse = try a0.inverse() } catch { throw SEMError.notIdentified(parameters: Identification.weakParameters(model: model, information: a0)) }
        covariance = (1 / Double(n)) * (a0Inverse * b0 * a0Inverse)
        let a1 = Self.normalWeight(sInverse, pairs: pairs)
        let traceH1 = (try? a1.inverseSPD()).map { Self.traceOfProduct($0, b1) } ?? .nan
        let traceH0 = Self.traceOfProduct(a0Inverse, b0)
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

    /// ½Dᵀ(M⊗M)D over vech: the normal-theory weight matrix of the covariances for M = Σ⁻¹ (the
    /// duplicated positions of each pair summed).
    static func normalWeight(_ inverse: Matrix, pairs: [(i: Int, j: Int)]) -> Matrix {
        var weight = Matrix(rows: pairs.count, columns: pairs.count)
        for (x, first) in pairs.enumerated() {
            for (y, second) in pairs.enumerated() where y <= x {
                // Positions (i, j) and, off the diagonal, (j, i) of each pair.
                var sum = inverse[first.i, second.i] * inverse[first.j, second.j]
                if second.i != second.j { sum += inverse[first.i, second.j] * inverse[first.j, second.i] }
                if first.i != first.j {
                    sum += inverse[first.j, second.i] * inverse[first.i, second.j]
                    if second.i != second.j { sum += inverse[first.j, second.j] * inverse[first.i, second.i] }
                }
                weight[x, y] = 0.5 * sum
                weight[y, x] = 0.5 * sum
            }
        }
        return weight
    }

    /// (1/n) XᵀX of a row-major n x k matrix: the mean cross-product of the rows (the scores).
    static func meanCrossProduct(_ values: [Double], rows n: Int, columns k: Int) -> Matrix {
        let x = Matrix(rows: n, columns: k, elements: values)
        return (1 / Double(n)) * (x.transposed * x)
    }

    /// tr(XY) = Σᵢⱼ XᵢⱼYⱼᵢ, without forming the product.
    static func traceOfProduct(_ x: Matrix, _ y: Matrix) -> Double {
        var sum = 0.0
        for i in 0..<x.rows { for j in 0..<x.columns { sum += x[i, j] * y[j, i] } }
        return sum
    }

    /// The lower-triangle pairs (i ≥ j) of p variables, column by column: the vech order.
    static func vechPairs(_ p: Int) -> [(i: Int, j: Int)] { (0..<p).flatMap { j in (j..<p).map { (i: $0, j: j) } } }

    /// MLM on complete data, as lavaan's `estimator = "MLM"` (Satorra & Bentler 1994): with Δ the
    /// Jacobian of vech Σ(θ), W = ½Dᵀ(Σ̂⁻¹⊗Σ̂⁻¹)D, A = ΔᵀWΔ (the expected unit information) and Γ the
    /// sample covariance matrix (divisor N) of vech((xᵢ - x̄)(xᵢ - x̄)ᵀ), the robust covariance is
    /// A⁻¹ΔᵀWΓWΔA⁻¹/N and the scaling factor c = tr(UΓ)/df with U = W - WΔA⁻¹ΔᵀW; the baseline's c
    /// the same with the independence model's Δ (one unit column per variance) at diag(S).
    public init(satorraBentler fit: SEMFit, cases: CompleteCases) throws(SEMError) {
        let model = fit.model
        guard model.table.variables.exogenousObserved.isEmpty, !model.lisrel.hasMeans else {
            throw SEMError.unsupported("MLM with fixed exogenous covariates or a mean structure")
        }
        let n = cases.count, p = model.p, pairs = Self.vechPairs(p)
        let e = fit.evaluation
        let delta = ParameterDerivatives(model: model, evaluation: e).jacobian(over: pairs, p: p)
        // Γ: covariance of the casewise vech(ddᵀ) around vech(S), divisor N.
        let means = model.moments.means, s = model.moments.covariance
        var z: [Double] = [], d = [Double](repeating: 0, count: p)
        z.reserveCapacity(n * pairs.count)
        for r in 0..<n {
            for j in 0..<p { d[j] = cases.values[r * p + j] - means[j] }
            z += pairs.map { d[$0.i] * d[$0.j] - s[$0.i, $0.j] }
        }
        let gamma = Self.meanCrossProduct(z, rows: n, columns: pairs.count)
        let weight = Self.normalWeight(e.sigmaInverse, pairs: pairs)
        let weightDelta = weight * delta
        let information = delta.transposed * weightDelta
        let inverse: Matrix
        do { inverse = try information.inverseSPD() } catch { throw SEMError.notIdentified(parameters: Identification.weakParameters(model: model, information: information)) }
        let meat = weightDelta.transposed * gamma * weightDelta
        covariance = (1 / Double(n)) * (inverse * meat * inverse)
        let u = weight - weightDelta * inverse * weightDelta.transposed
        let df = Double(model.degreesOfFreedom)
        scalingFactor = df > 0 ? Self.traceOfProduct(u, gamma) / df : .nan
        // Independence model: Σ_b = diag(S), Δ_b has a 1 in each variance's row.
        var diagonalInverse = Matrix(rows: p, columns: p)
        for j in 0..<p { diagonalInverse[j, j] = 1 / s[j, j] }
        let weightB = Self.normalWeight(diagonalInverse, pairs: pairs)
        let varianceRows = pairs.indices.filter { pairs[$0].i == pairs[$0].j }
        var deltaB = Matrix(rows: pairs.count, columns: p)
        for (k, x) in varianceRows.enumerated() { deltaB[x, k] = 1 }
        let weightDeltaB = weightB * deltaB
        let informationB = deltaB.transposed * weightDeltaB
        let baselineDF = Double(p * (p - 1) / 2)
        if let inverseB = try? informationB.inverseSPD() {
            baselineScalingFactor = Self.traceOfProduct(weightB - weightDeltaB * inverseB * weightDeltaB.transposed, gamma) / baselineDF
        } else {
            baselineScalingFactor = .nan
        }
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
