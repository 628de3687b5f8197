import Foundation
import TrustPathLinalg

/// The heterotrait-monotrait ratio of correlations (Henseler, Ringle & Sarstedt 2015), and HTMT2,
/// its geometric-mean form (Roemer, Schuberth & Henseler 2021), as `semTools::htmt` (absolute
/// correlations by default).
///
/// HTMT_ij = mean |r| between the items of i and j / sqrt(mean |r| within i · mean |r| within j),
/// the within-construct means over the off-diagonal pairs; HTMT2 uses geometric means throughout.
/// A construct with one item has no monotrait correlations: its ratios are undefined (NaN).
public struct HeterotraitMonotrait: Sendable, Equatable {
    public let constructs: [String]
    /// Square, symmetric, 1 on the diagonal.
    public let ratios: Matrix

    public enum Mean: Sendable { case arithmetic, geometric }

    public init(blocks: [ConstructBlock], correlation: Matrix, itemIndex: [String: Int], mean: Mean) {
        constructs = blocks.map(\.code)
        let indices = blocks.map { $0.items.compactMap { itemIndex[$0] } }
        func average(_ values: [Double]) -> Double {
            guard !values.isEmpty else { return .nan }
            switch mean {
            case .arithmetic: return values.reduce(0, +) / Double(values.count)
            case .geometric: return exp(values.reduce(0) { $0 + log($1) } / Double(values.count))
            }
        }
        let monotrait = indices.map { block -> Double in
            var values: [Double] = []
            for a in 0..<block.count { for b in 0..<a { values.append(abs(correlation[block[a], block[b]])) } }
            return average(values)
        }
        var ratios = Matrix.identity(blocks.count)
        for i in 0..<blocks.count {
            for j in 0..<i {
                var values: [Double] = []
                for a in indices[i] { for b in indices[j] { values.append(abs(correlation[a, b])) } }
                let ratio = average(values) / (monotrait[i] * monotrait[j]).squareRoot()
                ratios[i, j] = ratio
                ratios[j, i] = ratio
            }
        }
        self.ratios = ratios
    }
}
