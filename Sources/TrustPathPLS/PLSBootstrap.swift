import Foundation
import TrustPathLinalg
import TrustPathResampling
import TrustPathSEM

/// Nonparametric bootstrap of a PLS path model (Hair et al. 2022, ch. 5; seminr's
/// `bootstrap_model`): each draw resamples the rows with replacement, standardizes them afresh and
/// re-estimates the model with the same weighting scheme (``Bootstrap``, so the result is identical
/// for any number of jobs). No sign correction is applied to the draws
/// (seminr's and SmartPLS's default: signs are left as estimated). Draws that fail to converge
/// are left out and counted.
public struct PLSBootstrap: Sendable {
    /// One bootstrapped statistic: the original estimate and its draws.
    public struct Statistic: Sendable {
        public let name: String
        public let original: Double
        public let draws: [Double]
        /// Leave-one-out estimates, for the BCa interval's acceleration (empty unless asked for).
        public let jackknife: [Double]

        public init(name: String, original: Double, draws: [Double], jackknife: [Double] = []) {
            self.name = name
            self.original = original
            self.draws = draws
            self.jackknife = jackknife
        }

        /// The interval reported: BCa when jackknife values were computed, percentile otherwise.
        public func interval(level: Double = 0.95) -> (lower: Double, upper: Double) { bca(level: level) }

        /// The BCa interval (Efron 1987): bias correction from the share of draws below the estimate,
        /// acceleration from the jackknife (``BootstrapInterval/bca``); percentile without jackknife values.
        public func bca(level: Double = 0.95) -> (lower: Double, upper: Double) {
            jackknife.isEmpty ? percentile(level: level) : BootstrapInterval.bca.interval(draws, estimate: original, level: level, jackknife: jackknife)
        }

        public var mean: Double { draws.reduce(0, +) / Double(draws.count) }
        /// Standard deviation of the draws, divisor B - 1.
        public var standardError: Double {
            let m = mean
            return (draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(draws.count - 1, 1))).squareRoot()
        }
        public var tValue: Double { original / standardError }
        /// Two-sided p-value of t on B - 1 degrees of freedom.
        public var pValue: Double { 2 * (1 - StudentT.cdf(abs(tValue), degreesOfFreedom: Double(max(draws.count - 1, 1)))) }
        /// Percentile interval: R's quantile type 7 of the draws at (1 ± level)/2.
        public func percentile(level: Double = 0.95) -> (lower: Double, upper: Double) {
            let sorted = draws.sorted()
            return (Self.quantile(sorted, (1 - level) / 2), Self.quantile(sorted, (1 + level) / 2))
        }

        static func quantile(_ sorted: [Double], _ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let h = Double(sorted.count - 1) * p
            let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
            return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
        }
    }

    public let draws: Int
    public let seed: UInt64
    public let failed: Int
    public let paths: [Statistic]
    public let loadings: [Statistic]
    public let weights: [Statistic]
    public let totalEffects: [Statistic]
    public let indirectEffects: [Statistic]
    public let htmt: [Statistic]

    /// The statistics of one estimate, in a fixed order (see ``labels(_:)``).
    static func statistics(_ estimate: PLSEstimate, htmt: Matrix) -> [[Double]] {
        let model = estimate.model
        let effects = PLSEffects(estimate)
        return [
            model.paths.map { estimate.pathCoefficients[$0.from, $0.to] },
            estimate.loadings.flatMap { $0 },
            estimate.weights.flatMap { $0 },
            effects.pairs.map { effects.total[$0.from, $0.to] },
            effects.pairs.map { effects.indirect[$0.from, $0.to] },
            (0..<model.constructs.count).flatMap { i in (0..<i).map { htmt[i, $0] } },
        ]
    }

    static func labels(_ model: PLSModel) -> [[String]] {
        let names = model.constructs.map(\.name)
        let effects = PLSEffects.pairs(model)
        return [
            model.paths.map { "\(names[$0.from]) -> \(names[$0.to])" },
            model.constructs.flatMap { c in c.indicators.map { "\(c.name) =~ \($0)" } },
            model.constructs.flatMap { c in c.indicators.map { "\(c.name) <- \($0)" } },
            effects.map { "\(names[$0.from]) -> \(names[$0.to])" },
            effects.map { "\(names[$0.from]) -> \(names[$0.to])" },
            names.indices.flatMap { i in (0..<i).map { "\(names[i]) ~ \(names[$0])" } },
        ]
    }

    /// `consistent`: bootstrap the PLSc estimates (``ConsistentPLS``) instead of the plain ones;
    /// `jackknife`: also re-estimate without each row in turn, for BCa intervals.
    public init(estimate: PLSEstimate, data: StandardizedData, draws: Int, seed: UInt64, jobs: Int, progress: (@Sendable (Int) -> Void)? = nil,
                consistent: Bool = false, jackknife: Bool = false) {
        let model = estimate.model, weighting = estimate.weighting, n = data.count
        let blocks = model.constructs.map { $0.indicators.compactMap { data.names.firstIndex(of: $0) } }
        @Sendable func statistics(_ fit: PLSEstimate, _ sample: StandardizedData) -> [[Double]]? {
            let correlation = sample.correlation
            let reported = consistent ? (try? ConsistentPLS(fit, correlation: correlation, names: sample.names))?.estimate : fit
            return reported.map { Self.statistics($0, htmt: PLSQuality.htmt(blocks: blocks, correlation: correlation)) }
        }
        let original = statistics(estimate, data) ?? Self.statistics(estimate, htmt: Matrix(rows: 0, columns: 0))
        let width = original.reduce(0) { $0 + $1.count }
        @Sendable func flatStatistics(_ rows: [Int]) -> [Double]? {
            guard let sample = try? data.resampled(rows),
                let fit = try? PLSEstimate(model: model, data: sample, weighting: weighting)
            else { return nil }
            return statistics(fit, sample)?.flatMap { $0 }
        }
        let bootstrap = Bootstrap.resample(
            draws: draws, seed: seed, jobs: jobs, scheme: .rows(n), width: width, progress: progress
        ) { rows in flatStatistics(rows[0]) }
        let leaveOneOut = jackknife ? Bootstrap.jackknife(count: n, jobs: jobs, width: width, statistic: flatStatistics) : []
        let labels = Self.labels(model)
        var offset = 0
        let groups = original.indices.map { g -> [Statistic] in
            defer { offset += original[g].count }
            return original[g].indices.map { s in
                Statistic(name: labels[g][s], original: original[g][s], draws: bootstrap.values[offset + s],
                          jackknife: leaveOneOut.isEmpty ? [] : leaveOneOut[offset + s])
            }
        }
        self.draws = draws
        self.seed = seed
        failed = bootstrap.failedDraws.count
        paths = groups[0]
        loadings = groups[1]
        weights = groups[2]
        totalEffects = groups[3]
        indirectEffects = groups[4]
        htmt = groups[5]
    }
}

/// Total and indirect effects among constructs: T = B + B² + ... = (I - B)⁻¹ - I for the path
/// matrix B[from, to], indirect = T - B (Hair et al. 2022, ch. 7).
public struct PLSEffects: Sendable {
    public let total: Matrix
    public let indirect: Matrix
    /// The (from, to) pairs with a total effect: to is reachable from `from`.
    public let pairs: [(from: Int, to: Int)]
    /// For each pair, whether a route through another construct connects them.
    public let hasIndirectRoute: [Bool]

    public init(_ estimate: PLSEstimate) {
        let b = estimate.pathCoefficients, k = b.rows
        var total = Matrix(rows: k, columns: k), power = b
        for _ in 0..<k {
            total = total + power
            power = power * b
        }
        self.total = total
        indirect = total - b
        let model = estimate.model
        pairs = Self.pairs(model)
        let reachable = Set(pairs.map { [$0.from, $0.to] })
        hasIndirectRoute = pairs.map { pair in model.predecessors(of: pair.to).contains { $0 != pair.from && reachable.contains([pair.from, $0]) } }
    }

    /// Pairs connected by a directed route, in construct order.
    public static func pairs(_ model: PLSModel) -> [(from: Int, to: Int)] {
        let k = model.constructs.count
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: k), count: k)
        for path in model.paths { reach[path.from][path.to] = true }
        for m in 0..<k { for i in 0..<k where reach[i][m] { for j in 0..<k where reach[m][j] { reach[i][j] = true } } }
        return (0..<k).flatMap { i in (0..<k).filter { reach[i][$0] }.map { (from: i, to: $0) } }
    }
}
