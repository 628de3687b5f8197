import TrustPathLinalg

/// The one bootstrap loop of TrustPath (Efron & Tibshirani 1993, ch. 6): SEM (every estimator,
/// groups, Bollen-Stine), PLS, PROCESS and HTMT all resample through it.
///
/// Draw b gets its own random stream, `RandomStream(seed: seed, stream: b)`, and writes only its
/// own slot, so the draws are identical for any number of jobs (``ParallelMap``). A draw whose
/// statistic cannot be computed (a refit that does not converge) returns nil; it is counted in
/// ``BootstrapDraws/failedDraws`` and left out of every distribution.
public enum Bootstrap {
    /// How a draw picks its rows.
    public enum Scheme: Sendable, Equatable {
        /// The ordinary (nonparametric) bootstrap: n rows drawn with replacement from n.
        case rows(Int)
        /// The stratified bootstrap: each stratum (group) resampled within itself, keeping its
        /// size, the strata one after another from the draw's stream (lavaan's bootstrap with groups).
        case strata([Int])

        /// The rows of one draw, per stratum (one stratum for ``rows(_:)``).
        func draw(from stream: RandomStream) -> [[Int]] {
            switch self {
            case .rows(let n): return [(0..<n).map { _ in stream.integer(below: n) }]
            case .strata(let sizes): return sizes.map { n in (0..<n).map { _ in stream.integer(below: n) } }
            }
        }
    }

    /// `draws` draws of a statistic vector of length `width`: each draw resamples rows by
    /// `scheme` and hands them (per stratum) to `statistic`.
    public static func resample(
        draws: Int, seed: UInt64, jobs: Int, scheme: Scheme, width: Int,
        progress: (@Sendable (Int) -> Void)? = nil,
        statistic: @Sendable ([[Int]]) -> [Double]?
    ) -> BootstrapDraws {
        simulate(draws: draws, seed: seed, jobs: jobs, width: width, progress: progress) { stream in
            statistic(scheme.draw(from: stream))
        }
    }

    /// `draws` draws of a statistic vector of length `width`, each computed from the draw's own
    /// random stream: the general form behind ``resample(draws:seed:jobs:scheme:width:progress:statistic:)``,
    /// and the parametric bootstrap when `statistic` simulates data from a fitted model.
    public static func simulate(
        draws: Int, seed: UInt64, jobs: Int, width: Int,
        progress: (@Sendable (Int) -> Void)? = nil,
        statistic: @Sendable (RandomStream) -> [Double]?
    ) -> BootstrapDraws {
        let perDraw = ParallelMap.run(count: draws, jobs: jobs, progress: progress) { b -> [Double]? in
            statistic(RandomStream(seed: seed, stream: UInt64(b)))
        }
        var values = [[Double]](repeating: [], count: width)
        var failed: [Int] = []
        for (b, result) in perDraw.enumerated() {
            guard let result, result.count == width else {
                failed.append(b)
                continue
            }
            for k in 0..<width { values[k].append(result[k]) }
        }
        return BootstrapDraws(draws: draws, seed: seed, failedDraws: failed, values: values)
    }

    /// The leave-one-out values of a statistic vector of length `width` over `count` rows (the
    /// jackknife behind the BCa interval's acceleration): `statistic` gets every row but one.
    /// Rows whose statistic fails are left out. Per statistic, the values in row order.
    public static func jackknife(
        count: Int, jobs: Int, width: Int, statistic: @Sendable ([Int]) -> [Double]?
    ) -> [[Double]] {
        let perRow = ParallelMap.run(count: count, jobs: jobs) { i -> [Double]? in
            statistic((0..<count).filter { $0 != i })
        }
        var columns = [[Double]](repeating: [], count: width)
        for case let values? in perRow where values.count == width {
            for k in 0..<width { columns[k].append(values[k]) }
        }
        return columns
    }
}
