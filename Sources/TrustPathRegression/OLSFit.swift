import TrustPathLinalg

/// Ordinary least squares by QR decomposition, with R's `summary.lm` statistics and
/// heteroskedasticity-consistent standard errors (White 1980; MacKinnon & White 1985;
/// Long & Ervin 2000):
/// HC0 = (XᵀX)⁻¹ Xᵀ diag(eᵢ²) X (XᵀX)⁻¹, HC1 = HC0 · n/(n-k), HC2 with eᵢ²/(1-hᵢ),
/// HC3 with eᵢ²/(1-hᵢ)², where hᵢ is the leverage xᵢᵀ(XᵀX)⁻¹xᵢ.
public struct OLSFit: Sendable {
    /// Which standard errors.
    public enum StandardErrors: String, Sendable, CaseIterable {
        case classical, hc0, hc1, hc2, hc3
    }

    public let design: DesignMatrix
    public let coefficients: [Double]
    public let residuals: [Double]
    /// (XᵀX)⁻¹
    public let unscaledCovariance: Matrix
    public let leverages: [Double]

    public init(_ design: DesignMatrix) throws(RegressionError) {
        let qr: QRFactor
        do { qr = try QRFactor(design.x) } catch { throw .tooFewRows(rows: design.count, parameters: design.x.columns) }
        let largest = qr.diagonalMagnitudes.max() ?? 0
        let dependent = qr.diagonalMagnitudes.indices.filter { qr.diagonalMagnitudes[$0] <= 1e-10 * largest }
        guard dependent.isEmpty else { throw .collinear(terms: dependent.map { design.termNames[$0] }) }
        guard let b = try? qr.solve(design.y) else { throw .collinear(terms: design.termNames) }
        let fitted = design.x * b
        let xtxi = qr.inverseCrossProduct()
        self.design = design
        coefficients = b
        residuals = zip(design.y, fitted).map(-)
        unscaledCovariance = xtxi
        let xv = design.x * xtxi
        leverages = (0..<design.count).map { i in (0..<design.x.columns).reduce(0.0) { $0 + xv[i, $1] * design.x[i, $1] } }
    }

    public var n: Int { design.count }
    /// Coefficients including the intercept.
    public var k: Int { coefficients.count }
    public var residualDF: Int { n - k }
    public var residualSumOfSquares: Double { residuals.reduce(0) { $0 + $1 * $1 } }
    public var sigma: Double { (residualSumOfSquares / Double(residualDF)).squareRoot() }

    public var totalSumOfSquares: Double {
        let mean = design.y.reduce(0, +) / Double(n)
        return design.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    }

    public var rSquared: Double { 1 - residualSumOfSquares / totalSumOfSquares }
    public var adjustedRSquared: Double { 1 - (1 - rSquared) * Double(n - 1) / Double(residualDF) }

    /// Overall F test of all slopes: (R²/(k-1)) / ((1-R²)/(n-k)).
    public var fStatistic: (value: Double, df1: Int, df2: Int, pValue: Double) {
        let df1 = k - 1
        let f = (rSquared / Double(df1)) / ((1 - rSquared) / Double(residualDF))
        return (f, df1, residualDF, FisherF.survival(f, numeratorDF: Double(df1), denominatorDF: Double(residualDF)))
    }

    /// Standard errors of the coefficients.
    public func standardErrors(_ type: StandardErrors = .classical) -> [Double] {
        if type == .classical { return unscaledCovariance.diagonal.map { ($0 * sigma * sigma).squareRoot() } }
        let weights: [Double] = residuals.indices.map { i in
            let e2 = residuals[i] * residuals[i], h = leverages[i]
            switch type {
            case .hc0, .hc1: return e2
            case .hc2: return e2 / (1 - h)
            case .hc3, .classical: return e2 / ((1 - h) * (1 - h))
            }
        }
        var meat = Matrix(rows: k, columns: k)
        for i in 0..<n {
            let w = weights[i]
            for a in 0..<k { for b in 0...a { meat[a, b] += w * design.x[i, a] * design.x[i, b] } }
        }
        for a in 0..<k { for b in 0..<a { meat[b, a] = meat[a, b] } }
        let sandwich = unscaledCovariance * meat * unscaledCovariance
        let scale = type == .hc1 ? Double(n) / Double(residualDF) : 1
        return sandwich.diagonal.map { ($0 * scale).squareRoot() }
    }

    /// t = b / se, two-sided p on n - k df, and the 95% interval b ± t_{.975} se.
    public func tests(_ type: StandardErrors = .classical, level: Double = 0.95)
        -> [(t: Double, pValue: Double, lower: Double, upper: Double)] {
        let se = standardErrors(type)
        let df = Double(residualDF)
        let critical = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: df)
        return zip(coefficients, se).map { b, s in
            (b / s, StudentT.twoSidedPValue(t: b / s, degreesOfFreedom: df), b - critical * s, b + critical * s)
        }
    }

    /// Standardized slopes b·sd(x)/sd(y) over the model-matrix columns (NaN for the intercept).
    public var standardizedCoefficients: [Double] {
        let sy = OLSFit.sd(design.y)
        return coefficients.indices.map { j in j == 0 ? .nan : coefficients[j] * OLSFit.sd(design.x.column(j)) / sy }
    }

    /// Variance inflation factors 1/(1-R²ⱼ): the diagonal of the inverse correlation matrix of the
    /// predictors (NaN for the intercept; 1 with a single predictor).
    public var varianceInflationFactors: [Double] {
        let columns = (1..<k).map { design.x.column($0) }
        guard columns.count > 1 else { return [.nan] + columns.map { _ in 1 } }
        let sds = columns.map(OLSFit.sd), means = columns.map { $0.reduce(0, +) / Double(n) }
        var correlation = Matrix(rows: columns.count, columns: columns.count)
        for a in columns.indices {
            for b in 0...a {
                var sum = 0.0
                for i in 0..<n { sum += (columns[a][i] - means[a]) * (columns[b][i] - means[b]) }
                correlation[a, b] = sum / Double(n - 1) / (sds[a] * sds[b])
                correlation[b, a] = correlation[a, b]
            }
        }
        guard let inverse = try? correlation.inverseSPD() else { return [.nan] + columns.map { _ in .infinity } }
        return [.nan] + inverse.diagonal
    }

    /// The change from `reduced` (nested, same rows) to this model: ΔR² and
    /// F = ((RSS_r - RSS_f)/(df_r - df_f)) / (RSS_f/df_f) (R's `anova(reduced, full)`).
    public func change(from reduced: OLSFit) -> (deltaRSquared: Double, f: Double, df1: Int, df2: Int, pValue: Double) {
        let df1 = reduced.residualDF - residualDF
        let f = ((reduced.residualSumOfSquares - residualSumOfSquares) / Double(df1)) / (residualSumOfSquares / Double(residualDF))
        return (rSquared - reduced.rSquared, f, df1, residualDF,
                FisherF.survival(f, numeratorDF: Double(df1), denominatorDF: Double(residualDF)))
    }

    static func sd(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
