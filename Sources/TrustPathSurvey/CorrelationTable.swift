import Foundation
import TrustPathLinalg

/// Pearson correlations of numeric columns on pairwise-complete rows, with each pair's n and the
/// two-sided p-value of H0: ρ = 0 from t = r √((n-2)/(1-r²)) on n - 2 df — as R's `cor.test` and
/// `psych::corr.test` (unadjusted) report them.
///
/// Pairs are independent, so they are computed in parallel; each result is a pure function of its
/// pair, so the table is identical for any number of threads.
public struct CorrelationTable: Sendable, Equatable {
    /// One pair (i < j).
    public struct Pair: Sendable, Equatable {
        public let first: String
        public let second: String
        public let r: Double
        public let n: Int
        public let pValue: Double
    }

    public let variables: [String]
    /// All pairs i < j, row by row.
    public let pairs: [Pair]
    /// Position of each pair in `pairs`, keyed by both orders of its names.
    private let positions: [String: Int]

    public init(variables: [String], columns: [[Double]]) {
        self.variables = variables
        let p = variables.count
        let indexPairs = (0..<p).flatMap { i in ((i + 1)..<p).map { (i, $0) } }
        let results = ParallelMap.run(count: indexPairs.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { k -> Pair? in
            let (i, j) = indexPairs[k]
            return CorrelationTable.pair(variables[i], columns[i], variables[j], columns[j])
        }
        pairs = results.compactMap { $0 }
        var positions: [String: Int] = [:]
        for (k, pair) in pairs.enumerated() {
            positions[pair.first + "\u{0}" + pair.second] = k
            positions[pair.second + "\u{0}" + pair.first] = k
        }
        self.positions = positions
    }

    /// The correlation of `first` with `second` (1 on the diagonal).
    public func pair(_ first: String, _ second: String) -> Pair? {
        positions[first + "\u{0}" + second].map { pairs[$0] }
    }

    /// r on the rows where both are present, in two passes (means, then centred cross-products) for accuracy.
    static func pair(_ nameX: String, _ x: [Double], _ nameY: String, _ y: [Double]) -> Pair {
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                var n = 0, sumX = 0.0, sumY = 0.0
                for k in 0..<xs.count {
                    let a = xs[k], b = ys[k]
                    if a.isNaN || b.isNaN { continue }
                    n &+= 1; sumX += a; sumY += b
                }
                guard n > 1 else { return Pair(first: nameX, second: nameY, r: .nan, n: n, pValue: .nan) }
                let meanX = sumX / Double(n), meanY = sumY / Double(n)
                var sxx = 0.0, syy = 0.0, sxy = 0.0
                for k in 0..<xs.count {
                    let a = xs[k], b = ys[k]
                    if a.isNaN || b.isNaN { continue }
                    let dx = a - meanX, dy = b - meanY
                    sxx += dx * dx; syy += dy * dy; sxy += dx * dy
                }
                let r = sxy / (sxx * syy).squareRoot()
                return Pair(first: nameX, second: nameY, r: r, n: n, pValue: CorrelationTable.pValue(r: r, n: n))
            }
        }
    }

    /// Two-sided p-value of a Pearson r on n pairs.
    public static func pValue(r: Double, n: Int) -> Double {
        guard n > 2, !r.isNaN else { return .nan }
        let df = Double(n - 2)
        if abs(r) >= 1 { return 0 }
        let t = r * (df / (1 - r * r)).squareRoot()
        return StudentT.twoSidedPValue(t: t, degreesOfFreedom: df)
    }
}
