import TrustPathLinalg
import TrustPathResampling

/// Nonparametric bootstrap of a multi-group fit (lavaan's `se = "bootstrap"` with `group =`): each
/// draw resamples every group's rows with replacement within the group (``Bootstrap``'s stratified
/// scheme), so the groups keep their sizes, and refits the model from the estimates, by ML on the
/// complete rows or by FIML on the rows used (missing answers and all); every estimate row (`:=`
/// rows included) is kept. Draws that fail to converge are counted and left out.
public struct MultiGroupBootstrap: Sendable {
    public let draws: Int
    public let seed: UInt64
    public let failedDraws: [Int]
    /// For each estimate row (the fit's `estimates` order), its values over the successful draws.
    public let values: [[Double]]
    /// The draws' standard deviation, as ``SEMBootstrap``'s: divisor R for parameters, R - 1 for `:=` rows.
    public let standardErrors: [Double]
    /// Per estimate row, lavaan's bias for the normal interval (see ``SEMBootstrap/bias``).
    public let bias: [Double]
    /// Leave-one-out estimates of each row (for BCa; each row of each group left out in turn);
    /// empty unless asked for.
    public let jackknife: [[Double]]

    public init(
        fit: MultiGroupFit, draws: Int, seed: UInt64, jobs: Int = 1, jackknife: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) {
        self.draws = draws
        self.seed = seed
        let model = fit.model
        let rowCount = fit.estimates.count
        let fullInformation = !model.patterns.isEmpty
        let sizes = fullInformation ? model.patterns.map(\.count) : model.cases.map(\.count)
        @Sendable func estimates(_ rows: [[Int]]) -> [Double]? {
            let drawn =
                fullInformation
                ? model.with(patterns: zip(model.patterns, rows).map { $0.resampled($1) })
                : model.with(moments: zip(model.cases, rows).map { $0.moments(of: $1) })
            let solution =
                fullInformation
                ? (try? GroupsDiscrepancy(fullInformation: drawn)).flatMap {
                    try? MLEstimator.minimize($0, start: fit.solution.theta, curvature: nil)
                }
                : (try? MultiGroupDiscrepancy(model: drawn)).flatMap {
                    try? MLEstimator.minimize($0, start: fit.solution.theta, curvature: nil)
                }
            guard let theta = solution?.theta else { return nil }
            let rowValues = drawn.groups.indices.map { drawn.groups[$0].rowValues(drawn.local(theta, group: $0)) }
            return rowValues.flatMap { $0 } + fit.definedValues(rowValues)
        }
        let bootstrap = Bootstrap.resample(
            draws: draws, seed: seed, jobs: jobs, scheme: .strata(sizes), width: rowCount, progress: progress,
            statistic: estimates)
        // The jackknife leaves out one row of one group: row i of the groups stacked in order.
        let offsets = sizes.indices.map { sizes[..<$0].reduce(0, +) }
        self.jackknife =
            jackknife
            ? Bootstrap.jackknife(count: sizes.reduce(0, +), jobs: jobs, width: rowCount) { kept in
                estimates(sizes.indices.map { g in kept.filter { (offsets[g]..<offsets[g] + sizes[g]).contains($0) }
                    .map { $0 - offsets[g] } })
            } : []
        values = bootstrap.values
        failedDraws = bootstrap.failedDraws
        standardErrors = zip(fit.estimates, values).map { estimate, t in
            let r = Double(t.count)
            let se = BootstrapInterval.standardError(t)
            return estimate.op != ":=" || r < 2 ? se : se * (r / (r - 1)).squareRoot()
        }
        let means = values.map { $0.isEmpty ? Double.nan : $0.reduce(0, +) / Double($0.count) }
        var groupMeans: [[Double]] = []
        var start = 0
        for group in model.groups {
            groupMeans.append(Array(means[start..<start + group.rows.count]))
            start += group.rows.count
        }
        bias = zip(groupMeans.flatMap { $0 } + fit.definedValues(groupMeans), fit.estimates).map { $0 - $1.estimate }
    }

    public var successfulDraws: Int { draws - failedDraws.count }

    /// Bootstrap inference for every estimate row: the bootstrap SE, z = est / SE (as lavaan), the
    /// interval of the chosen type and its matching p-value; fixed rows keep their normal-theory
    /// (zero-width) inference.
    public func inference(for fit: MultiGroupFit, interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        fit.estimates.enumerated().map { k, estimate in
            guard estimate.isFree, !values[k].isEmpty else { return estimate.normalInference(level: level) }
            let se = standardErrors[k]
            let jack = jackknife.isEmpty ? [] : jackknife[k]
            let ci = interval.interval(
                values[k], estimate: estimate.estimate, level: level, jackknife: jack, standardError: se, bias: bias[k])
            let p = interval.pValue(
                values[k], estimate: estimate.estimate, jackknife: jack, standardError: se, bias: bias[k])
            return Inference(
                standardError: se, zValue: se > 0 ? estimate.estimate / se : .nan, pValue: p, lower: ci.lower,
                upper: ci.upper)
        }
    }
}
