import CGSL

/// Thin singular value decomposition `A = U diag(s) Vᵀ` of an m x n matrix with m >= n
/// (GSL `gsl_linalg_SV_decomp`, one-sided Jacobi-free Golub-Reinsch). Singular values descend.
public struct SingularValueDecomposition: Sendable {
    /// m x n matrix with orthonormal columns.
    public let u: Matrix
    /// Singular values, largest first, all >= 0.
    public let singularValues: [Double]
    /// n x n orthogonal matrix.
    public let v: Matrix

    public init(_ matrix: Matrix) throws(GSLError) {
        guard matrix.rows >= matrix.columns, matrix.columns > 0 else {
            throw GSLError(code: Int32(GSL_EBADLEN), operation: "singular value decomposition (needs rows >= columns >= 1)")
        }
        GSL.ensureInitialised()
        let n = matrix.columns
        guard let vMatrix = gsl_matrix_alloc(n, n), let s = gsl_vector_alloc(n), let work = gsl_vector_alloc(n)
        else { throw GSLError(code: Int32(GSL_ENOMEM), operation: "singular value decomposition") }
        defer { gsl_matrix_free(vMatrix); gsl_vector_free(s); gsl_vector_free(work) }
        let (_, uMatrix) = try matrix.withGSLMatrix { a throws(GSLError) in
            try GSL.check(gsl_linalg_SV_decomp(a, vMatrix, s, work), "singular value decomposition")
        }
        u = uMatrix
        singularValues = (0..<n).map { gsl_vector_get(s, $0) }
        var vOut = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { vOut[i, j] = gsl_matrix_get(vMatrix, i, j) } }
        v = vOut
    }

    /// Numerical rank: singular values above `tolerance * largest`.
    public func rank(tolerance: Double = 1e-10) -> Int {
        let largest = singularValues.first ?? 0
        return singularValues.filter { $0 > tolerance * largest }.count
    }

    /// Condition number `s_max / s_min` (infinite when singular).
    public var conditionNumber: Double {
        guard let largest = singularValues.first, let smallest = singularValues.last, smallest > 0 else { return .infinity }
        return largest / smallest
    }
}
