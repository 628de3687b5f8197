import TrustPathLinalg
import TrustPathResampling

extension MultiGroupFit {
    /// The index in ``estimates`` of the row `lhs op rhs` of group g (1-based); nil when that group
    /// has no such row.
    public func estimateIndex(lhs: String, op: String, rhs: String, group g: Int) -> Int? {
        guard model.groups.indices.contains(g - 1),
            let r = model.groups[g - 1].rows.firstIndex(where: { $0.lhs == lhs && $0.op == op && $0.rhs == rhs })
        else { return nil }
        return model.groups[..<(g - 1)].reduce(0) { $0 + $1.rows.count } + r
    }

    /// Delta-method inference for a smooth function h of the estimate rows (`statistic` reads the
    /// row values in ``estimates`` order; `rows` are the indices it depends on):
    /// Var(h) = ∇hᵀ C ∇h with C the covariance of the shared coordinates, ∇h = Σᵣ (∂h/∂rowᵣ) wᵣ,
    /// wᵣ each row's weights on the coordinates and ∂h/∂rowᵣ by central differences (step 1e-6
    /// relative); z, its normal p and the normal interval, as lavaan's `:=` rows.
    public func deltaInference(
        of statistic: ([Double]) -> Double, rows: [Int], level: Double = 0.95
    ) -> (estimate: Double, inference: Inference) {
        let values = estimates.map(\.estimate)
        let estimate = statistic(values)
        var gradient = [Double](repeating: 0, count: model.freeCount)
        for k in rows {
            guard let (g, r) = groupRow(ofEstimate: k) else { continue }
            let step = 1e-6 * max(1, abs(values[k]))
            var up = values
            var down = values
            up[k] += step
            down[k] -= step
            let slope = (statistic(up) - statistic(down)) / (2 * step)
            for (c, w) in model.groups[g].rowWeights(r).enumerated() where w != 0 {
                gradient[model.globalCoordinates[g][c]] += slope * w
            }
        }
        let se = max(0, dot(gradient, covariance * gradient)).squareRoot()
        let z = se > 0 ? estimate / se : .nan
        let q = Normal.quantile(0.5 + level / 2)
        return (
            estimate,
            Inference(
                standardError: se, zValue: z, pValue: z.isNaN ? .nan : Normal.twoSidedPValue(z: z),
                lower: estimate - q * se, upper: estimate + q * se)
        )
    }

    /// The group (0-based) and row within it of estimate row k; nil for a `:=` row.
    func groupRow(ofEstimate k: Int) -> (group: Int, row: Int)? {
        var start = 0
        for (g, group) in model.groups.enumerated() {
            if k < start + group.rows.count { return (g, k - start) }
            start += group.rows.count
        }
        return nil
    }
}

extension MultiGroupBootstrap {
    /// Bootstrap inference for a function h of the estimate rows (`statistic` reads the row values
    /// in the fit's ``MultiGroupFit/estimates`` order): h in every successful draw, its standard
    /// deviation (divisor R - 1, as for `:=` rows), the interval of `interval`'s type (BCa without a
    /// jackknife of h reduces to BC) and the p-value that agrees with it; z = estimate / SE.
    public func inference(
        of statistic: ([Double]) -> Double, estimate: Double, interval: BootstrapInterval, level: Double = 0.95
    ) -> Inference {
        let count = values.first?.count ?? 0
        let t = (0..<count).map { b in statistic(values.map { $0[b] }) }
        let r = Double(t.count)
        let se = r > 1 ? BootstrapInterval.standardError(t) * (r / (r - 1)).squareRoot() : .nan
        let ci = interval.interval(t, estimate: estimate, level: level, standardError: se)
        let p = interval.pValue(t, estimate: estimate, standardError: se)
        return Inference(
            standardError: se, zValue: se > 0 ? estimate / se : .nan, pValue: p, lower: ci.lower, upper: ci.upper)
    }
}
