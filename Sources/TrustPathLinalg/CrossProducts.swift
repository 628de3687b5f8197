/// Means and the centred cross-product matrix Σᵢ (xᵢ - x̄)(xᵢ - x̄)ᵀ / divisor over chosen rows of a
/// row-major matrix: the sample covariance behind ML's moments (divisor N) and R's `cov`
/// (divisor N - 1). Rows may repeat (a bootstrap sample). Two passes (means, then centred
/// products) keep the rounding error of the one-pass formula out.
public enum CrossProducts {
    public static func centred(_ values: [Double], rows: [Int], columns p: Int, divisor: Double) -> (means: [Double], matrix: Matrix) {
        let m = Double(rows.count)
        var means = [Double](repeating: 0, count: p)
        var sums = [Double](repeating: 0, count: p * p)
        values.withUnsafeBufferPointer { x in
            for row in rows { for j in 0..<p { means[j] += x[row &* p &+ j] } }
            for j in 0..<p { means[j] /= m }
            var centred = [Double](repeating: 0, count: p)
            for row in rows {
                for j in 0..<p { centred[j] = x[row &* p &+ j] - means[j] }
                for i in 0..<p {
                    let ci = centred[i]
                    for j in 0...i { sums[i &* p &+ j] += ci * centred[j] }
                }
            }
        }
        for i in 0..<p {
            for j in 0...i {
                sums[i * p + j] /= divisor
                sums[j * p + i] = sums[i * p + j]
            }
        }
        return (means, Matrix(rows: p, columns: p, elements: sums))
    }
}
