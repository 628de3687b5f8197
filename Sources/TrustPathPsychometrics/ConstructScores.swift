import TrustPathLinalg

/// Construct scores as the mean of each construct's items, and what is read off them:
/// cross-loadings (the correlation of every item with every construct score; an item should
/// correlate most with its own construct, Chin 1998) and full-collinearity VIFs (Kock 2015: the VIF
/// of each construct score regressed on all the others, VIF_j = [R⁻¹]_jj of the scores' correlation
/// matrix; above 3.3 suggests common method bias).
public struct ConstructScores: Sendable {
    public let blocks: [ConstructBlock]
    /// Per construct, one score per complete row.
    public let scores: [[Double]]
    /// items x constructs.
    public let crossLoadings: Matrix
    /// One per construct; NaN when the scores are collinear.
    public let fullCollinearityVIF: [Double]

    public init(blocks: [ConstructBlock], items: ItemMatrix) {
        self.blocks = blocks
        let n = items.count, p = items.items.count
        let scores = blocks.map { block -> [Double] in
            let indices = items.indices(of: block.items)
            return (0..<n).map { row in indices.reduce(0.0) { $0 + items.values[row * p + $1] } / Double(indices.count) }
        }
        self.scores = scores
        var loadings = Matrix(rows: p, columns: blocks.count)
        for j in 0..<p {
            let item = items.column(j)
            for (c, score) in scores.enumerated() { loadings[j, c] = Self.correlation(item, score) }
        }
        crossLoadings = loadings
        var r = Matrix.identity(blocks.count)
        for a in 0..<blocks.count { for b in 0..<a { r[a, b] = Self.correlation(scores[a], scores[b]); r[b, a] = r[a, b] } }
        if blocks.count > 1, let inverse = try? r.inverseSPD() {
            fullCollinearityVIF = inverse.diagonal
        } else {
            fullCollinearityVIF = [Double](repeating: .nan, count: blocks.count)
        }
    }

    /// Pearson's r.
    public static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
