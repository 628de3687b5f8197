import TrustPathLinalg

/// Starting values in the spirit of lavaan's `start = "simple"`, with loadings from the data:
/// residual variances half the sample variance; a factor's variance the mean of
/// cov(marker, x_j) / λ_j over its other indicators (0.05 when that is not positive, as lavaan);
/// regressions and
/// covariances 0; intercepts the sample means; free loadings the ratio of the indicator's and the
/// marker's covariance with the factor's other indicators (a one-step FABIN-like estimate), else 1;
/// user `start()` values override.
enum StartValues {
    static func vector(for model: SEMModel) -> [Double] {
        let s = model.moments.covariance
        let index = Dictionary(uniqueKeysWithValues: model.moments.variables.enumerated().map { ($1, $0) })
        var theta = [Double](repeating: 0, count: model.rowsOfTheta.count)
        for (a, rowIndices) in model.rowsOfTheta.enumerated() {
            let row = model.rows[rowIndices[0]]
            if let start = row.start { theta[a] = start; continue }
            switch row.op {
            case "~~" where row.lhs == row.rhs:
                if let i = index[row.lhs], case .theta = model.lisrel.slots[rowIndices[0]] {
                    theta[a] = 0.5 * s[i, i]
                } else if let i = index[row.lhs] {
                    theta[a] = 0.5 * s[i, i]  // a dummy latent: half the observed variance
                } else {
                    theta[a] = model.table.options.standardizedLatents ? 1 : latentVarianceStart(row.lhs, model: model, index: index)
                }
            case "~1":
                theta[a] = index[row.lhs].map { model.moments.means[$0] } ?? 0
            case "=~":
                theta[a] = loadingStart(row.lhs, row.rhs, model: model, index: index)
            default:
                theta[a] = 0
            }
        }
        return model.constraints.coordinateThetas.map { theta[$0] }
    }

    /// Mean of cov(marker, x_j) / λ_j over the factor's other indicators, from the loading starts.
    private static func latentVarianceStart(_ factor: String, model: SEMModel, index: [String: Int]) -> Double {
        let s = model.moments.covariance
        let loadings = model.rows.filter { $0.op == "=~" && $0.lhs == factor }
        guard let markerRow = loadings.first(where: { !$0.isFree && $0.fixedValue == 1 }), let marker = index[markerRow.rhs] else { return 0.05 }
        let ratios = loadings.compactMap { row -> Double? in
            guard let j = index[row.rhs], j != marker else { return nil }
            let lambda = row.isFree ? loadingStart(factor, row.rhs, model: model, index: index) : (row.fixedValue ?? 0)
            return abs(lambda) > 1e-8 ? s[marker, j] / lambda : nil
        }
        let mean = ratios.isEmpty ? 0 : ratios.reduce(0, +) / Double(ratios.count)
        return mean > 0 ? mean : 0.05
    }

    /// cov(x, others) / cov(marker, others), or sqrt(s_xx / 2) under std.lv; 1 when undefined.
    private static func loadingStart(_ factor: String, _ indicator: String, model: SEMModel, index: [String: Int]) -> Double {
        let s = model.moments.covariance
        let loadings = model.rows.filter { $0.op == "=~" && $0.lhs == factor }
        guard let x = index[indicator] else { return 1 }
        if model.table.options.standardizedLatents { return (0.5 * s[x, x]).squareRoot() }
        guard let markerRow = loadings.first(where: { !$0.isFree && $0.fixedValue == 1 }), let marker = index[markerRow.rhs] else { return 1 }
        let others = loadings.compactMap { index[$0.rhs] }.filter { $0 != x && $0 != marker }
        let numerator = others.reduce(0) { $0 + s[x, $1] }, denominator = others.reduce(0) { $0 + s[marker, $1] }
        if !others.isEmpty, abs(denominator) > 1e-8 { return numerator / denominator }
        return abs(s[marker, marker]) > 1e-12 ? s[x, marker] / s[marker, marker] : 1
    }
}
