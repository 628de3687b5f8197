import TrustPathLinalg

/// Cronbach's alpha and its item statistics, as `psych::alpha`.
///
/// For k items with covariance matrix C (divisor n - 1) and correlation matrix R (Cronbach 1951):
/// - raw alpha = k/(k-1) · (1 - tr C / 1'C1);
/// - standardized alpha = k r̄ / (1 + (k-1) r̄), r̄ the mean off-diagonal correlation;
/// - alpha if item deleted: raw alpha of the other k - 1 items;
/// - corrected item-total correlation (psych's `r.drop`): the correlation of an item with the sum
///   of the other items, cov(x_i, T - x_i) / sqrt(var x_i · var(T - x_i));
/// - the 95% interval of Feldt, Woodruff & Salih (1987):
///   1 - (1 - alpha) F_{1-p/2}(n-1, (n-1)(k-1)) to 1 - (1 - alpha) F_{p/2}(n-1, (n-1)(k-1)).
public struct CronbachAlpha: Sendable, Equatable {
    public let items: [String]
    public let alpha: Double
    public let standardizedAlpha: Double
    public let feldtLower: Double
    public let feldtUpper: Double
    /// Raw alpha without each item (NaN when only one item would remain).
    public let alphaIfDeleted: [Double]
    /// Correlation of each item with the sum of the others.
    public let correctedItemTotal: [Double]

    /// Alpha of `items` (at least two) of `matrix`.
    public init(items: [String], of matrix: ItemMatrix, level: Double = 0.95) {
        let indices = matrix.indices(of: items)
        let c = matrix.covariance.submatrix(indices), r = matrix.correlation.submatrix(indices)
        let k = indices.count
        self.items = items
        alpha = Self.rawAlpha(c)
        let meanR = (r.elementSum - Double(k)) / Double(k * (k - 1))
        standardizedAlpha = Double(k) * meanR / (1 + Double(k - 1) * meanR)
        let n = Double(matrix.count), df1 = n - 1, df2 = (n - 1) * Double(k - 1), p = 1 - level
        feldtLower = 1 - (1 - alpha) * FisherF.quantile(1 - p / 2, numeratorDF: df1, denominatorDF: df2)
        feldtUpper = 1 - (1 - alpha) * FisherF.quantile(p / 2, numeratorDF: df1, denominatorDF: df2)
        alphaIfDeleted = (0..<k).map { i in
            k > 2 ? Self.rawAlpha(c.submatrix((0..<k).filter { $0 != i })) : .nan
        }
        let total = c.elementSum
        correctedItemTotal = (0..<k).map { i in
            let rowSum = (0..<k).reduce(0.0) { $0 + c[i, $1] }
            let covarianceWithRest = rowSum - c[i, i]
            let restVariance = total - 2 * rowSum + c[i, i]
            return covarianceWithRest / (c[i, i] * restVariance).squareRoot()
        }
    }

    /// k/(k-1) (1 - tr C / 1'C1).
    static func rawAlpha(_ c: Matrix) -> Double {
        let k = Double(c.rows)
        return k / (k - 1) * (1 - c.trace / c.elementSum)
    }
}
