import Foundation
import TrustPathLinalg
import TrustPathSurvey

/// The model variables' rows grouped by which values are present (missing-data patterns), with
/// each pattern's size, mean and covariance (divisor n) of its observed variables: what casewise
/// (full-information) ML needs, since the likelihood of a row depends on its observed values only
/// through these (Arbuckle 1996; lavaan's `missing = "ml"`). Rows with no value at all carry no
/// information and are left out; so are rows missing a fixed exogenous covariate (lavaan's rule
/// with `fixed.x = TRUE`).
public struct MissingPatterns: Sendable {
    public struct Pattern: Sendable {
        /// Indices of the observed variables.
        public let observed: [Int]
        public let count: Int
        public let means: [Double]
        /// Divisor n, observed x observed.
        public let covariance: Matrix
        /// The rows' observed values, row by row (count x observed.count), for casewise scores.
        public let values: [Double]

        /// The pattern of the rows `values` (row by row over `observed`), with their mean and covariance.
        init(observed: [Int], values: [Double]) {
            let width = observed.count, count = values.count / max(1, width)
            let (means, covariance) = CrossProducts.centred(
                values, rows: Array(0..<count), columns: width, divisor: Double(count))
            self.observed = observed
            self.count = count
            self.means = means
            self.covariance = covariance
            self.values = values
        }
    }

    public let variables: [String]
    public let patterns: [Pattern]
    /// Rows used.
    public let count: Int
    public let rowsWithNothing: Int
    public let rowsMissingCovariates: Int

    public init(data: SurveyData, variables: [String], exogenous: [String] = []) throws(SEMError) {
        let columns = try CompleteCases.completeRows(data, variables).columns
        let covariateIndices = exogenous.compactMap { variables.firstIndex(of: $0) }
        var byPattern: [[Bool]: [Int]] = [:], order: [[Bool]] = []
        var nothing = 0, missingCovariate = 0
        for row in 0..<data.rowCount {
            let present = columns.map { !$0[row].isNaN }
            if !present.contains(true) { nothing += 1; continue }
            if covariateIndices.contains(where: { !present[$0] }) { missingCovariate += 1; continue }
            if byPattern[present] == nil { order.append(present) }
            byPattern[present, default: []].append(row)
        }
        let patterns = order.map { present in
            let observed = present.indices.filter { present[$0] }
            return Pattern(observed: observed, values: (byPattern[present] ?? []).flatMap { row in observed.map { columns[$0][row] } })
        }
        let used = patterns.reduce(0) { $0 + $1.count }
        guard used > variables.count else { throw SEMError.tooFewRows(rows: used, variables: variables.count) }
        self.init(variables: variables, patterns: patterns, rowsWithNothing: nothing, rowsMissingCovariates: missingCovariate)
    }

    private init(variables: [String], patterns: [Pattern], rowsWithNothing: Int, rowsMissingCovariates: Int) {
        self.variables = variables
        self.patterns = patterns
        count = patterns.reduce(0) { $0 + $1.count }
        self.rowsWithNothing = rowsWithNothing
        self.rowsMissingCovariates = rowsMissingCovariates
    }

    /// The patterns of a bootstrap draw: `rows` (repeats allowed) index the rows used, numbered
    /// pattern by pattern in this sample's order; each drawn row keeps its observed values.
    public func resampled(_ rows: [Int]) -> MissingPatterns {
        var start = [Int](), offset = 0
        for pattern in patterns {
            start.append(offset)
            offset += pattern.count
        }
        var drawn = [[Double]](repeating: [], count: patterns.count)
        for row in rows {
            var k = 0
            while k + 1 < patterns.count && start[k + 1] <= row { k += 1 }
            let width = patterns[k].observed.count, local = row - start[k]
            drawn[k].append(contentsOf: patterns[k].values[local * width..<(local + 1) * width])
        }
        let kept = patterns.indices.filter { !drawn[$0].isEmpty }
        return MissingPatterns(
            variables: variables, patterns: kept.map { Pattern(observed: patterns[$0].observed, values: drawn[$0]) },
            rowsWithNothing: rowsWithNothing, rowsMissingCovariates: rowsMissingCovariates)
    }

    /// -2 log L / N at (μ, Σ) without the 2π term: (1/N) Σ_pattern n [log|Σ_o| + tr(Σ_o⁻¹(S + ddᵀ))],
    /// d = m - μ_o; nil when some Σ_o is not positive definite.
    public func discrepancy(means mu: [Double], covariance sigma: Matrix) -> Double? {
        var total = 0.0
        for pattern in patterns {
            guard let (inverse, logDet) = Self.inverse(sigma, pattern.observed) else { return nil }
            let d = zip(pattern.means, pattern.observed.map { mu[$0] }).map(-)
            var trace = 0.0
            for a in pattern.observed.indices {
                for b in pattern.observed.indices { trace += inverse[a, b] * (pattern.covariance[b, a] + d[b] * d[a]) }
            }
            total += Double(pattern.count) * (logDet + trace)
        }
        return total / Double(count)
    }

    /// The log-likelihood of the rows at (μ, Σ).
    public func logLikelihood(means: [Double], covariance: Matrix) -> Double {
        let observedValues = patterns.reduce(0.0) { $0 + Double($1.count * $1.observed.count) }
        return -0.5 * (Double(count) * (discrepancy(means: means, covariance: covariance) ?? .nan) + observedValues * log(2 * Double.pi))
    }

    /// Σ_o⁻¹ and log|Σ_o| of the observed block.
    static func inverse(_ sigma: Matrix, _ observed: [Int]) -> (Matrix, Double)? {
        let block = Matrix(observed.map { i in observed.map { sigma[i, $0] } })
        guard let factor = try? block.cholesky(), let inverse = try? factor.inverse() else { return nil }
        return (inverse, factor.logDeterminant)
    }

    /// The saturated model's ML estimates (unrestricted μ and Σ) by the EM algorithm (Dempster,
    /// Laird & Rubin 1977; Little & Rubin 2002, §11.2), from pairwise-available starting moments,
    /// until the log-likelihood changes by less than 1e-12 relatively (at most 10,000 steps).
    public func saturated() -> (means: [Double], covariance: Matrix) {
        let p = variables.count
        var mu = [Double](repeating: 0, count: p), counts = [Double](repeating: 0, count: p)
        var sigma = Matrix(rows: p, columns: p)
        for pattern in patterns {
            for (a, j) in pattern.observed.enumerated() { mu[j] += Double(pattern.count) * pattern.means[a]; counts[j] += Double(pattern.count) }
        }
        for j in 0..<p { mu[j] /= max(1, counts[j]) }
        for pattern in patterns {
            for (a, j) in pattern.observed.enumerated() {
                let d = pattern.means[a] - mu[j]
                sigma[j, j] += Double(pattern.count) * (pattern.covariance[a, a] + d * d)
            }
        }
        for j in 0..<p { sigma[j, j] /= max(1, counts[j]) }
        var previous = discrepancy(means: mu, covariance: sigma) ?? .infinity
        for _ in 0..<10_000 {
            var t1 = [Double](repeating: 0, count: p)
            var t2 = Matrix(rows: p, columns: p)
            for pattern in patterns {
                let o = pattern.observed, m = (0..<p).filter { !o.contains($0) }
                let n = Double(pattern.count)
                // E[x_m | x_o] = μ_m + B(x_o - μ_o), B = Σ_mo Σ_oo⁻¹; Var = Σ_mm - B Σ_om.
                guard let (inverse, _) = Self.inverse(sigma, o) else { return (mu, sigma) }
                let sigmaMO: Matrix? = m.isEmpty ? nil : Matrix(m.map { i in o.map { sigma[i, $0] } })
                let b = sigmaMO.map { $0 * inverse }
                // Pattern sums in the full space: x̂ = (x_o, μ_m + B(x_o - μ_o)).
                var meanHat = [Double](repeating: 0, count: p)
                for (a, j) in o.enumerated() { meanHat[j] = pattern.means[a] }
                if let b {
                    for (r, i) in m.enumerated() {
                        var value = mu[i]
                        for (a, j) in o.enumerated() { value += b[r, a] * (pattern.means[a] - mu[j]) }
                        meanHat[i] = value
                    }
                }
                // Within-pattern scatter of x̂: S_oo on the observed block, B S_oo (Bᵀ) beside it, plus Var(x_m | x_o).
                var scatter = Matrix(rows: p, columns: p)
                for (a, j) in o.enumerated() { for (c, k) in o.enumerated() { scatter[j, k] = pattern.covariance[a, c] } }
                if let b, let sigmaMO {
                    let bs = b * pattern.covariance
                    for (r, i) in m.enumerated() {
                        for (c, k) in o.enumerated() { scatter[i, k] = bs[r, c]; scatter[k, i] = bs[r, c] }
                    }
                    let bsb = bs * b.transposed
                    let conditional = Matrix(m.map { i in m.map { sigma[i, $0] } }) - sigmaMO * inverse * sigmaMO.transposed
                    for (r, i) in m.enumerated() { for (c, k) in m.enumerated() { scatter[i, k] = bsb[r, c] + conditional[r, c] } }
                }
                for j in 0..<p {
                    t1[j] += n * meanHat[j]
                    for k in 0..<p { t2[j, k] += n * (scatter[j, k] + meanHat[j] * meanHat[k]) }
                }
            }
            let total = Double(count)
            mu = t1.map { $0 / total }
            for j in 0..<p { for k in 0..<p { sigma[j, k] = t2[j, k] / total - mu[j] * mu[k] } }
            let current = discrepancy(means: mu, covariance: sigma) ?? .infinity
            if abs(previous - current) < 1e-12 * max(1, abs(current)) { break }
            previous = current
        }
        return (mu, sigma)
    }

    /// Each variable's available-case mean and variance (divisor n_j): the independence model's
    /// FIML estimates.
    public func availableCaseMoments() -> (means: [Double], variances: [Double]) {
        let p = variables.count
        var n = [Double](repeating: 0, count: p), sum = [Double](repeating: 0, count: p)
        for pattern in patterns { for (a, j) in pattern.observed.enumerated() { n[j] += Double(pattern.count); sum[j] += Double(pattern.count) * pattern.means[a] } }
        let mean = (0..<p).map { sum[$0] / n[$0] }
        var squares = [Double](repeating: 0, count: p)
        for pattern in patterns {
            for (a, j) in pattern.observed.enumerated() {
                let d = pattern.means[a] - mean[j]
                squares[j] += Double(pattern.count) * (pattern.covariance[a, a] + d * d)
            }
        }
        return (mean, (0..<p).map { squares[$0] / n[$0] })
    }

    /// The independence model's log-likelihood: each variable normal with its available-case mean
    /// and variance, the baseline of lavaan's FIML fit measures.
    public func independenceLogLikelihood() -> Double {
        let variances = availableCaseMoments().variances
        var present = [Double](repeating: 0, count: variables.count)
        for pattern in patterns { for j in pattern.observed { present[j] += Double(pattern.count) } }
        return variables.indices.reduce(0.0) { total, j in total - 0.5 * present[j] * (log(2 * Double.pi) + log(variances[j]) + 1) }
    }
}
