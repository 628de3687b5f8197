extension SEMFit {
    /// One element of a residual matrix.
    public struct Residual: Sendable, Equatable {
        /// `raw` (S - Σ̂) or `cor.bentler` ((s_ij - σ̂_ij) / √(s_ii s_jj), lavaan's `lavResiduals` type).
        public let type: String
        public let row: String
        public let column: String
        public let value: Double
    }

    /// Raw and Bentler-standardized covariance residuals, lower triangle with diagonal, row by row.
    public var residuals: [Residual] {
        let s = model.moments.covariance, sigma = impliedCovariance
        let names = model.moments.variables
        var raw: [Residual] = [], standardized: [Residual] = []
        for i in names.indices {
            for j in 0...i {
                let d = s[i, j] - sigma[i, j]
                raw.append(Residual(type: "raw", row: names[i], column: names[j], value: d))
                standardized.append(Residual(type: "cor.bentler", row: names[i], column: names[j],
                                             value: d / (s[i, i] * s[j, j]).squareRoot()))
            }
        }
        return raw + standardized
    }
}
