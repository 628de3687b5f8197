extension SEMFit {
    /// One element of a residual matrix.
    public struct Residual: Sendable, Equatable {
        /// `raw` (S - Σ̂), `cor.bentler` ((s_ij - σ̂_ij) / √(s_ii s_jj)) or `cor.bollen`, the
        /// correlation residual s_ij/√(s_ii s_jj) - σ̂_ij/√(σ̂_ii σ̂_jj) (lavaan's `lavResiduals` types).
        public let type: String
        public let row: String
        public let column: String
        public let value: Double
    }

    /// Raw, Bentler-standardized and correlation residuals, lower triangle with diagonal, row by row.
    public var residuals: [Residual] {
        let s = model.moments.covariance, sigma = impliedCovariance
        let names = model.moments.variables
        var raw: [Residual] = [], standardized: [Residual] = [], correlation: [Residual] = []
        for i in names.indices {
            for j in 0...i {
                let d = s[i, j] - sigma[i, j]
                raw.append(Residual(type: "raw", row: names[i], column: names[j], value: d))
                standardized.append(Residual(type: "cor.bentler", row: names[i], column: names[j],
                                             value: d / (s[i, i] * s[j, j]).squareRoot()))
                correlation.append(Residual(type: "cor.bollen", row: names[i], column: names[j],
                                            value: s[i, j] / (s[i, i] * s[j, j]).squareRoot() - sigma[i, j] / (sigma[i, i] * sigma[j, j]).squareRoot()))
            }
        }
        return raw + standardized + correlation
    }
}
