import TrustPathLinalg

/// One group's share of the MLR sandwich and of the Yuan-Bentler (Mplus) trace, on complete data:
/// - B₀ = (1/N) Σᵢ sᵢsᵢᵀ, the mean cross-product of the casewise scores
///   sᵢₐ = ½ tr(Σ⁻¹(dᵢdᵢᵀ - Σ)Σ⁻¹ ∂Σ/∂θₐ) + ∂μᵀ/∂θₐ Σ⁻¹dᵢ over the group's own free coordinates;
/// - tr(A₁⁻¹B₁) of the unrestricted model at the sample moments (lavaan's "unstructured" h1
///   information), with A₁ = ½Dᵀ(S⁻¹⊗S⁻¹)D and B₁ the cross-product of the unrestricted scores
///   sᵢ = ½Dᵀvec(Mᵢ), Mᵢ = S⁻¹(d̄ᵢd̄ᵢᵀ - S)S⁻¹. Since D(Dᵀ(S⁻¹⊗S⁻¹)D)⁻¹Dᵀ acts on symmetric
///   matrices as S⊗S, sᵢᵀA₁⁻¹sᵢ = ½tr((S⁻¹d̄ᵢd̄ᵢᵀ - I)²) = ½(qᵢ² - 2qᵢ + p) with qᵢ = d̄ᵢᵀS⁻¹d̄ᵢ,
///   so the trace is a mean over the rows (Mardia's kurtosis in disguise) and no p(p+1)/2 matrix
///   is formed; with a mean structure the means add exactly p (A₁ is block diagonal and its mean
///   block S⁻¹ equals B₁'s);
/// - tr(A_b⁻¹B_b) of the independence baseline (variances, and means when modelled: 1 each).
/// With fixed exogenous covariates (fixed.x) their own moments are not modelled: lavaan drops them
/// from the unrestricted information (its zero diagonal), so the trace is formed explicitly over
/// the remaining covariances, and the baseline frees only the other variables' variances (and means).
struct RobustGroup {
    let scoreCrossProduct: Matrix
    let traceH1: Double
    /// The unrestricted model's moments that the trace runs over (lavaan's h1.ndat): the means with
    /// a mean structure, and the covariances, less the fixed covariates' own.
    let momentCount: Int
    let baselineTrace: Double

    init(model: SEMModel, evaluation e: ModelEvaluation, cases: CompleteCases) throws(SEMError) {
        let n = cases.count, p = model.p, q = model.freeCount
        let derivatives = ParameterDerivatives(model: model, evaluation: e).parameters.map { TransformedDerivative($0, sigmaInverse: e.sigmaInverse) }
        let hasMeans = model.lisrel.hasMeans
        let sampleMeans = model.moments.means
        let center = hasMeans ? e.mu : sampleMeans
        let sInverse: Matrix
        do { sInverse = try model.moments.covariance.inverseSPD() } catch { throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: []) }
        var d = [Double](repeating: 0, count: p), dBar = [Double](repeating: 0, count: p)
        var scores: [Double] = [], kurtosisTerms = 0.0
        scores.reserveCapacity(n * q)
        for r in 0..<n {
            for j in 0..<p {
                d[j] = cases.values[r * p + j] - center[j]
                dBar[j] = cases.values[r * p + j] - sampleMeans[j]
            }
            scores += derivatives.map { RobustML.score($0, d: d, hasMeans: hasMeans) }
            let distance = dot(dBar, sInverse * dBar)
            kurtosisTerms += distance * distance - 2 * distance + Double(p)
        }
        scoreCrossProduct = RobustML.meanCrossProduct(scores, rows: n, columns: q)
        let fixed = Set(model.table.variables.exogenousObserved.compactMap { model.moments.variables.firstIndex(of: $0) })
        let meanTrace = hasMeans ? Double(p - fixed.count) : 0
        momentCount = Int(meanTrace) + p * (p + 1) / 2 - fixed.count * (fixed.count + 1) / 2
        if fixed.isEmpty {
            traceH1 = meanTrace + 0.5 * kurtosisTerms / Double(n)
        } else {
            let pairs = RobustML.vechPairs(p).filter { !(fixed.contains($0.i) && fixed.contains($0.j)) }
            var h1Scores: [Double] = []
            h1Scores.reserveCapacity(n * pairs.count)
            for r in 0..<n {
                for j in 0..<p { dBar[j] = cases.values[r * p + j] - sampleMeans[j] }
                let w = sInverse * dBar
                h1Scores += pairs.map { pair in
                    let m = w[pair.i] * w[pair.j] - sInverse[pair.i, pair.j]
                    return pair.i == pair.j ? 0.5 * m : m
                }
            }
            let b1 = RobustML.meanCrossProduct(h1Scores, rows: n, columns: pairs.count)
            traceH1 = meanTrace + ((try? RobustML.normalWeight(sInverse, pairs: pairs).inverseSPD()).map { RobustML.traceOfProduct($0, b1) } ?? .nan)
        }
        // The independence baseline: A = 1/(2s²) and score (d² - s)/(2s²) per variance.
        let s = model.moments.covariance
        var trace = meanTrace
        for j in 0..<p where !fixed.contains(j) {
            var sum = 0.0
            for r in 0..<n {
                let dj = cases.values[r * p + j] - sampleMeans[j]
                sum += (dj * dj - s[j, j]) * (dj * dj - s[j, j])
            }
            trace += sum / Double(n) / (2 * s[j, j] * s[j, j])
        }
        baselineTrace = trace
    }
}
