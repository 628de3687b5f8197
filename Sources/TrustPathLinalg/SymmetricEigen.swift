import CGSL

/// Eigen-decomposition `A = V diag(λ) Vᵀ` of a real symmetric matrix (GSL `gsl_eigen_symmv`),
/// eigenvalues in descending order; each eigenvector's sign is fixed so that its largest-magnitude
/// element is positive, which makes results reproducible across platforms.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues, largest first.
    public let values: [Double]
    /// Eigenvectors as columns, in the order of `values`.
    public let vectors: Matrix

    public init(_ matrix: Matrix) throws(GSLError) {
        guard matrix.isSquare else { throw GSLError(code: Int32(GSL_ENOTSQR), operation: "symmetric eigen-decomposition") }
        GSL.ensureInitialised()
        let n = matrix.rows
        guard n > 0 else { values = []; vectors = matrix; return }
        guard let workspace = gsl_eigen_symmv_alloc(n), let eval = gsl_vector_alloc(n),
              let evec = gsl_matrix_alloc(n, n)
        else { throw GSLError(code: Int32(GSL_ENOMEM), operation: "symmetric eigen-decomposition") }
        defer { gsl_eigen_symmv_free(workspace); gsl_vector_free(eval); gsl_matrix_free(evec) }
        _ = try matrix.withGSLMatrix { m throws(GSLError) in
            try GSL.check(gsl_eigen_symmv(m, eval, evec, workspace), "symmetric eigen-decomposition")
            try GSL.check(gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC), "eigenvalue sort")
        }
        values = (0..<n).map { gsl_vector_get(eval, $0) }
        var v = Matrix(rows: n, columns: n)
        for j in 0..<n {
            let column = (0..<n).map { gsl_matrix_get(evec, $0, j) }
            let pivot = column.max { abs($0) < abs($1) } ?? 1
            let sign: Double = pivot < 0 ? -1 : 1
            for i in 0..<n { v[i, j] = sign * column[i] }
        }
        vectors = v
    }
}
