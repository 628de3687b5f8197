import CGSL

/// Householder QR decomposition of an n x k matrix with n >= k, X = QR (GSL `gsl_linalg_QR_decomp`),
/// for least squares: the solution of min |Xb - y| and (XᵀX)⁻¹ = R⁻¹R⁻ᵀ without forming XᵀX,
/// which keeps the accuracy R's `lm` has (it also uses a QR decomposition).
public struct QRFactor: Sendable {
    private let packed: Matrix
    private let tau: [Double]
    public let rows: Int
    public let columns: Int

    public init(_ matrix: Matrix) throws(GSLError) {
        guard matrix.rows >= matrix.columns, matrix.columns > 0 else {
            throw GSLError(code: Int32(GSL_EBADLEN), operation: "QR decomposition (needs rows >= columns >= 1)")
        }
        GSL.ensureInitialised()
        let k = matrix.columns
        guard let tauVector = gsl_vector_alloc(k) else { throw GSLError(code: Int32(GSL_ENOMEM), operation: "QR decomposition") }
        defer { gsl_vector_free(tauVector) }
        let (_, qr) = try matrix.withGSLMatrix { m throws(GSLError) in
            try GSL.check(gsl_linalg_QR_decomp(m, tauVector), "QR decomposition")
        }
        packed = qr
        tau = (0..<k).map { gsl_vector_get(tauVector, $0) }
        rows = matrix.rows
        columns = k
    }

    /// |R_ii|, whose small values reveal (near) linearly dependent columns.
    public var diagonalMagnitudes: [Double] { (0..<columns).map { abs(packed[$0, $0]) } }

    /// The least-squares solution b of X b ≈ y.
    public func solve(_ y: [Double]) throws(GSLError) -> [Double] {
        guard y.count == rows else { throw GSLError(code: Int32(GSL_EBADLEN), operation: "least squares") }
        GSL.ensureInitialised()
        var qr = packed.elements, tauCopy = tau, rhs = y
        var solution = [Double](repeating: 0, count: columns), residual = [Double](repeating: 0, count: rows)
        let n = rows, k = columns
        let status: Int32 = qr.withUnsafeMutableBufferPointer { q in
            tauCopy.withUnsafeMutableBufferPointer { t in
                rhs.withUnsafeMutableBufferPointer { b in
                    solution.withUnsafeMutableBufferPointer { x in
                        residual.withUnsafeMutableBufferPointer { r in
                            var qView = gsl_matrix_view_array(q.baseAddress, n, k)
                            var tView = gsl_vector_view_array(t.baseAddress, k)
                            var bView = gsl_vector_view_array(b.baseAddress, n)
                            var xView = gsl_vector_view_array(x.baseAddress, k)
                            var rView = gsl_vector_view_array(r.baseAddress, n)
                            return gsl_linalg_QR_lssolve(&qView.matrix, &tView.vector, &bView.vector, &xView.vector, &rView.vector)
                        }
                    }
                }
            }
        }
        try GSL.check(status, "least squares")
        return solution
    }

    /// (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ, with R⁻¹ by back substitution.
    public func inverseCrossProduct() -> Matrix {
        let k = columns
        var rInverse = Matrix(rows: k, columns: k)
        for j in 0..<k {
            rInverse[j, j] = 1 / packed[j, j]
            for i in stride(from: j - 1, through: 0, by: -1) {
                var sum = 0.0
                for l in (i + 1)...j { sum += packed[i, l] * rInverse[l, j] }
                rInverse[i, j] = -sum / packed[i, i]
            }
        }
        return rInverse * rInverse.transposed
    }
}
