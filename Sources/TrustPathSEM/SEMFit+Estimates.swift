import TrustPathLinalg
import TrustPathModelSpec

extension SEMFit {
    /// Every parameter and defined parameter, in the table's order (lavaan's parameterEstimates).
    func computeEstimates() -> [ParameterEstimate] {
        let standardized = Standardization(fit: self)
        var rows: [ParameterEstimate] = []
        for (r, row) in model.rows.enumerated() {
            let se = row.isFree ? standardError(row: r) : 0
            rows.append(ParameterEstimate(
                lhs: row.lhs, op: row.op, rhs: row.rhs, group: row.group, label: row.label,
                estimate: rowValues[r], standardError: se, isFree: row.isFree,
                stdLV: standardized.latent[r], stdAll: standardized.all[r]))
        }
        let definitions = model.table.rows.filter { $0.op == ":=" }
        guard !definitions.isEmpty else { return rows }
        let values = definedValues(rowValues)
        let valuesLV = definedValues(standardized.latent)
        let valuesAll = definedValues(standardized.all)
        let gradients = definedGradients()
        for (k, row) in definitions.enumerated() {
            let g = gradients[k]
            let variance = (0..<g.count).reduce(0.0) { sum, a in
                sum + (0..<g.count).reduce(0.0) { $0 + g[a] * covariance[a, $1] * g[$1] }
            }
            rows.append(ParameterEstimate(
                lhs: row.lhs, op: ":=", rhs: row.rhs, group: 1, label: row.label,
                estimate: values[k], standardError: variance.squareRoot(), isFree: true,
                stdLV: valuesLV[k], stdAll: valuesAll[k]))
        }
        return rows
    }

    /// The `:=` values with each label standing for the value of its row in `values`
    /// (earlier definitions may be used by later ones).
    func definedValues(_ values: [Double]) -> [Double] {
        var byLabel: [String: Double] = [:]
        for (r, row) in model.rows.enumerated() where !row.label.isEmpty && byLabel[row.label] == nil {
            byLabel[row.label] = values[r]
        }
        var result: [Double] = []
        for row in model.table.rows where row.op == ":=" {
            let value = row.expression?.evaluate(byLabel) ?? .nan
            byLabel[row.lhs] = value
            result.append(value)
        }
        return result
    }

    /// Standard errors of std.all for every estimate row (parameters, then defined parameters), by
    /// the delta method (lavaan's `standardizedSolution()` se, which uses the analytic Jacobian).
    /// Fixed rows that stay fixed after standardization get 0.
    public func standardizedStandardErrors() -> [Double] {
        deltaMethodStandardErrors { point in
            guard let e = try? ModelEvaluation(model: model, theta: point) else { return nil }
            let all = Standardization(model: model, rowValues: model.rowValues(point), evaluation: e).all
            return all + definedValues(all)
        }
    }

    /// √(gᵀVg) for each output of `f`, with g its gradient in the free coordinates (the delta method).
    func deltaMethodStandardErrors(_ f: ([Double]) -> [Double]?) -> [Double] {
        guard let jacobian = jacobian(f) else { return [] }
        return jacobian.map { g in max(0, dot(g, covariance * g)).squareRoot() }
    }

    /// The Jacobian of `f` at the solution, one row per output, by central differences with step
    /// 10⁻⁶·max(1, |φ|); nil when `f` fails near the solution.
    func jacobian(_ f: ([Double]) -> [Double]?) -> [[Double]]? {
        let phi = solution.theta
        guard let center = f(phi) else { return nil }
        var result = [[Double]](repeating: [Double](repeating: 0, count: phi.count), count: center.count)
        for a in phi.indices {
            let h = 1e-6 * max(1, abs(phi[a]))
            var plus = phi, minus = phi
            plus[a] += h
            minus[a] -= h
            guard let up = f(plus), let down = f(minus), up.count == center.count, down.count == center.count else { return nil }
            for k in center.indices { result[k][a] = (up[k] - down[k]) / (2 * h) }
        }
        return result
    }

    /// ∂(defined parameter)/∂φ (the delta method, lavaan's default for `:=`).
    func definedGradients() -> [[Double]] {
        jacobian { definedValues(model.rowValues($0)) } ?? []
    }

    /// R² of every endogenous variable: 1 - residual variance / implied total variance.
    public var rSquared: [(variable: String, value: Double)] {
        let standardized = Standardization(fit: self)
        let endogenous = Set(model.rows.filter { $0.op == "~" }.map(\.lhs) + model.rows.filter { $0.op == "=~" }.map(\.rhs))
        var result: [(String, Double)] = []
        for (r, row) in model.rows.enumerated() where row.isVariance && endogenous.contains(row.lhs) {
            result.append((row.lhs, 1 - standardized.all[r]))
        }
        return result
    }
}

/// std.lv and std.all for every parameter row (lavaan's `standardizedSolution` rules), using
/// model-implied variances: Var(η) = AΨAᵀ, Var(y) = Σ. Loadings λ·sd(η)/sd(y); regressions
/// β·sd(x)/sd(y); variances as a share of the implied total; covariances as correlations of the
/// residuals they are (ψ_ij / √(ψ_ii ψ_jj)); std.lv scales the latent side only.
struct Standardization {
    let latent: [Double]
    let all: [Double]

    init(fit: SEMFit) {
        self.init(model: fit.model, rowValues: fit.rowValues, evaluation: fit.evaluation)
    }

    init(model: SEMModel, rowValues: [Double], evaluation: ModelEvaluation) {
        let lisrel = model.lisrel
        let etaIndex = Dictionary(uniqueKeysWithValues: lisrel.eta.enumerated().map { ($1, $0) })
        let obsIndex = Dictionary(uniqueKeysWithValues: lisrel.observed.enumerated().map { ($1, $0) })
        let latentSet = Set(model.table.variables.latent)
        let m = evaluation.latentCovariance, sigma = evaluation.sigma
        let matrices = evaluation.matrices
        func sd(_ name: String) -> Double {
            if let j = etaIndex[name] { return m[j, j].squareRoot() }
            if let i = obsIndex[name] { return sigma[i, i].squareRoot() }
            return .nan
        }
        func latentSD(_ name: String) -> Double { latentSet.contains(name) ? sd(name) : 1 }
        /// The residual variance of a variable: its ψ or θ diagonal.
        func residualVariance(_ name: String) -> Double {
            if let j = etaIndex[name] { return matrices.psi[j, j] }
            if let i = obsIndex[name] { return matrices.theta[i, i] }
            return .nan
        }
        var latent: [Double] = [], all: [Double] = []
        for (r, row) in model.rows.enumerated() {
            let value = rowValues[r]
            switch row.op {
            case "=~":
                all.append(value * sd(row.lhs) / sd(row.rhs))
                latent.append(value * latentSD(row.lhs) / latentSD(row.rhs))
            case "~":
                all.append(value * sd(row.rhs) / sd(row.lhs))
                latent.append(value * latentSD(row.rhs) / latentSD(row.lhs))
            case "~~" where row.lhs == row.rhs:
                all.append(value / (sd(row.lhs) * sd(row.lhs)))
                latent.append(latentSet.contains(row.lhs) ? value / (sd(row.lhs) * sd(row.lhs)) : value)
            case "~~":
                let correlation = value / (residualVariance(row.lhs) * residualVariance(row.rhs)).squareRoot()
                all.append(correlation)
                latent.append(latentSet.contains(row.lhs) || latentSet.contains(row.rhs) ? correlation : value)
            case "~1":
                all.append(value / sd(row.lhs))
                latent.append(value / latentSD(row.lhs))
            default:
                all.append(.nan)
                latent.append(.nan)
            }
        }
        self.latent = latent
        self.all = all
    }
}
