import CGSL

/// The Cholesky factor `L` of a symmetric positive-definite matrix `A = L Lᵀ`
/// (GSL `gsl_linalg_cholesky_decomp1`).
public struct CholeskyFactor: Sendable {
    /// The lower-triangular factor (upper triangle zero).
    public let lower: Matrix

    /// Factors `matrix`; throws when it is not symmetric positive definite.
    public init(_ matrix: Matrix) throws(GSLError) {
        guard matrix.isSquare else { throw GSLError(code: Int32(GSL_ENOTSQR), operation: "Cholesky decomposition") }
        GSL.ensureInitialised()
        let (_, factored) = try matrix.withGSLMatrix { m throws(GSLError) in
            try GSL.check(gsl_linalg_cholesky_decomp1(m), "Cholesky decomposition")
        }
        var lower = factored
        for i in 0..<lower.rows { for j in (i + 1)..<max(lower.columns, i + 1) { lower[i, j] = 0 } }
        self.lower = lower
    }

    /// `log |A| = 2 Σ log L_ii`.
    public var logDeterminant: Double {
        2 * lower.diagonal.reduce(0) { $0 + log($1) }
    }

    /// Solves `A x = b` by forward and back substitution.
    public func solve(_ b: [Double]) -> [Double] {
        let n = lower.rows
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i, k] * y[k] }
            y[i] = s / lower[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(n, i + 1) { s -= lower[k, i] * y[k] }
            y[i] = s / lower[i, i]
        }
        return y
    }

    /// `A⁻¹` (GSL `gsl_linalg_cholesky_invert`).
    public func inverse() throws(GSLError) -> Matrix {
        var packed = lower
        for i in 0..<packed.rows { for j in (i + 1)..<max(packed.columns, i + 1) { packed[i, j] = packed[j, i] } }
        return try packed.withGSLMatrix { m throws(GSLError) in
            try GSL.check(gsl_linalg_cholesky_invert(m), "Cholesky inverse")
        }.matrix
    }
}

extension Matrix {
    /// The Cholesky factor of this symmetric positive-definite matrix.
    public func cholesky() throws(GSLError) -> CholeskyFactor { try CholeskyFactor(self) }

    /// `log |A|` of a symmetric positive-definite matrix, via its Cholesky factor.
    public func logDeterminantSPD() throws(GSLError) -> Double { try cholesky().logDeterminant }

    /// Inverse of a symmetric positive-definite matrix, via its Cholesky factor.
    public func inverseSPD() throws(GSLError) -> Matrix { try cholesky().inverse() }
}
