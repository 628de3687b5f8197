import TrustPathLinalg

/// Mardia's (1970) multivariate skewness and kurtosis, as `psych::mardia`: with centred rows x_i
/// and S their covariance (divisor n - 1), d_ij = x_iᵀ S⁻¹ x_j;
/// b1p = Σ_ij d_ij³ / n², b2p = Σ_i d_ii² / n; skew = n b1p / 6 ~ χ² on p(p+1)(p+2)/6 df (and the
/// small-sample form with k = (p+1)(n+1)(n+3) / (n((n+1)(p+1) - 6))); kurtosis z = (b2p - p(p+2)) √(n / (8p(p+2))).
public struct MardiaNormality: Sendable, Equatable {
    public let count: Int
    public let variables: Int
    public let b1p: Double, b2p: Double
    public let skew: Double, smallSampleSkew: Double, skewPValue: Double, smallSampleSkewPValue: Double
    public let kurtosis: Double, kurtosisPValue: Double

    /// `rows`: complete rows, row-major with `p` columns. Nil when the covariance matrix is singular.
    public init?(rows values: [Double], p: Int) {
        let n = values.count / p
        guard n > p else { return nil }
        var means = [Double](repeating: 0, count: p)
        for i in 0..<n { for j in 0..<p { means[j] += values[i * p + j] } }
        for j in 0..<p { means[j] /= Double(n) }
        var centred = values
        for i in 0..<n { for j in 0..<p { centred[i * p + j] -= means[j] } }
        let x = Matrix(rows: n, columns: p, elements: centred)
        let s = (1 / Double(n - 1)) * (x.transposed * x)
        guard let inverse = try? s.inverseSPD() else { return nil }
        let d = x * inverse * x.transposed
        var sumCubes = 0.0, sumDiagonalSquares = 0.0
        for i in 0..<n {
            for j in 0..<n { let v = d[i, j]; sumCubes += v * v * v }
            sumDiagonalSquares += d[i, i] * d[i, i]
        }
        let nn = Double(n), pp = Double(p)
        count = n
        variables = p
        b1p = sumCubes / (nn * nn)
        b2p = sumDiagonalSquares / nn
        let df = pp * (pp + 1) * (pp + 2) / 6
        let k = (pp + 1) * (nn + 1) * (nn + 3) / (nn * ((nn + 1) * (pp + 1) - 6))
        skew = nn * b1p / 6
        smallSampleSkew = nn * k * b1p / 6
        skewPValue = ChiSquared.survival(skew, degreesOfFreedom: df)
        smallSampleSkewPValue = ChiSquared.survival(smallSampleSkew, degreesOfFreedom: df)
        kurtosis = (b2p - pp * (pp + 2)) * (nn / (8 * pp * (pp + 2))).squareRoot()
        kurtosisPValue = Normal.twoSidedPValue(z: kurtosis)
    }
}
