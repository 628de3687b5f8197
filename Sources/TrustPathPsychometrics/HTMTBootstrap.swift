import TrustPathLinalg
import TrustPathResampling

/// Percentile bootstrap intervals for HTMT and HTMT2 (Henseler, Ringle & Sarstedt 2015, §4.2:
/// discriminant validity is in doubt when an interval's upper bound reaches 1, or the chosen
/// cut-off). Each draw resamples the complete rows with replacement (``Bootstrap``), so the
/// intervals are identical for any number of jobs.
/// Intervals are boot's percentile (`norm.inter`), as lavaan's.
public struct HTMTBootstrap: Sendable {
    public let draws: Int
    public let seed: UInt64
    /// Lower and upper bounds per construct pair, square matrices (diagonal 1).
    public let htmtLower: Matrix, htmtUpper: Matrix
    public let htmt2Lower: Matrix, htmt2Upper: Matrix

    public init(blocks: [ConstructBlock], items: ItemMatrix, draws: Int, seed: UInt64, jobs: Int, level: Double = 0.95) {
        self.draws = draws
        self.seed = seed
        let n = items.count, k = blocks.count
        let index = Dictionary(uniqueKeysWithValues: items.items.enumerated().map { ($1, $0) })
        let bootstrap = Bootstrap.resample(draws: draws, seed: seed, jobs: jobs, scheme: .rows(n), width: 2 * k * k) {
            rows in
            let r = items.correlation(ofRows: rows[0])
            let arithmetic = HeterotraitMonotrait(blocks: blocks, correlation: r, itemIndex: index, mean: .arithmetic).ratios
            let geometric = HeterotraitMonotrait(blocks: blocks, correlation: r, itemIndex: index, mean: .geometric).ratios
            return arithmetic.elements + geometric.elements
        }
        func bounds(_ offset: Int) -> (Matrix, Matrix) {
            var lower = Matrix.identity(k), upper = Matrix.identity(k)
            for i in 0..<k {
                for j in 0..<k where i != j {
                    let values = bootstrap.values[offset + i * k + j].filter { !$0.isNaN }
                    guard values.count > 1 else { lower[i, j] = .nan; upper[i, j] = .nan; continue }
                    let (a, b) = BootstrapInterval.percentile.interval(values, estimate: .nan, level: level)
                    lower[i, j] = a
                    upper[i, j] = b
                }
            }
            return (lower, upper)
        }
        (htmtLower, htmtUpper) = bounds(0)
        (htmt2Lower, htmt2Upper) = bounds(k * k)
    }
}
