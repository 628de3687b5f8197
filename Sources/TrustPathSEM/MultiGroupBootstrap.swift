import TrustPathLinalg

/// Nonparametric bootstrap of a multi-group fit (lavaan's `se = "bootstrap"` with `group =`): each
/// draw resamples every group's complete rows with replacement within the group, so the groups keep
/// their sizes, and refits the model from the estimates; every estimate row (`:=` rows included) is
/// kept. Draw b uses `RandomStream(seed: seed, stream: b)`, the groups one after another, so the
/// result is identical for any number of jobs. Draws that fail to converge are counted and left out.
public struct MultiGroupBootstrap: Sendable {
    public let draws: Int
    public let seed: UInt64
    public let failedDraws: [Int]
    /// For each estimate row (the fit's `estimates` order), its values over the successful draws.
    public let values: [[Double]]
    /// The draws' standard deviation, as ``SEMBootstrap``'s: divisor R for parameters, R - 1 for `:=` rows.
    public let standardErrors: [Double]

    public init(fit: MultiGroupFit, draws: Int, seed: UInt64, jobs: Int = 1, progress: (@Sendable (Int) -> Void)? = nil)
    {
        self.draws = draws
        self.seed = seed
        let model = fit.model
        let rowCount = fit.estimates.count
        let perDraw = ParallelMap.run(count: draws, jobs: jobs, progress: progress) { b -> [Double]? in
            let stream = RandomStream(seed: seed, stream: UInt64(b))
            let moments = model.cases.map { cases in
                cases.moments(of: (0..<cases.count).map { _ in stream.integer(below: cases.count) })
            }
            guard let refit = try? MultiGroupFit(model.with(moments: moments), start: fit.solution.theta),
                refit.estimates.count == rowCount
            else {
                return nil
            }
            return refit.estimates.map(\.estimate)
        }
        var values = [[Double]](repeating: [], count: rowCount)
        var failed: [Int] = []
        for (b, draw) in perDraw.enumerated() {
            guard let draw else {
                failed.append(b)
                continue
            }
            for k in 0..<rowCount { values[k].append(draw[k]) }
        }
        self.values = values
        failedDraws = failed
        standardErrors = zip(fit.estimates, values).map { estimate, t in
            let r = Double(t.count)
            let se = BootstrapInterval.standardError(t)
            return estimate.op != ":=" || r < 2 ? se : se * (r / (r - 1)).squareRoot()
        }
    }

    public var successfulDraws: Int { draws - failedDraws.count }

    /// Bootstrap inference for every estimate row: the bootstrap SE, z = est / SE (as lavaan), the
    /// interval of the chosen type (percentile or bias-corrected) and its matching p-value; fixed
    /// rows keep their normal-theory (zero-width) inference.
    public func inference(for fit: MultiGroupFit, interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        fit.estimates.enumerated().map { k, estimate in
            guard estimate.isFree, !values[k].isEmpty else { return estimate.normalInference(level: level) }
            let se = standardErrors[k]
            let ci = interval.interval(values[k], estimate: estimate.estimate, level: level)
            return Inference(
                standardError: se, zValue: se > 0 ? estimate.estimate / se : .nan,
                pValue: interval.pValue(values[k], estimate: estimate.estimate), lower: ci.lower, upper: ci.upper)
        }
    }
}
