import CGSL

/// LU decomposition with partial pivoting of a square matrix, `P A = L U` (GSL `gsl_linalg_LU_decomp`);
/// for general (not necessarily symmetric) systems.
public struct LUFactor: Sendable {
    private let packed: Matrix
    private let permutation: [Int]
    private let sign: Int32

    /// Factors `matrix`; throws when it is not square. A singular matrix factors, and throws on `solve`.
    public init(_ matrix: Matrix) throws(GSLError) {
        guard matrix.isSquare else { throw GSLError(code: Int32(GSL_ENOTSQR), operation: "LU decomposition") }
        GSL.ensureInitialised()
        let n = matrix.rows
        guard let p = gsl_permutation_alloc(n) else { throw GSLError(code: Int32(GSL_ENOMEM), operation: "LU decomposition") }
        defer { gsl_permutation_free(p) }
        var signum: Int32 = 0
        let (_, lu) = try matrix.withGSLMatrix { m throws(GSLError) in
            try GSL.check(gsl_linalg_LU_decomp(m, p, &signum), "LU decomposition")
        }
        packed = lu
        permutation = (0..<n).map { gsl_permutation_get(p, $0) }
        sign = signum
    }

    /// `|A| = sign(P) Π U_ii`.
    public var determinant: Double {
        packed.diagonal.reduce(Double(sign), *)
    }

    /// Solves `A x = b`; throws `GSL_EDOM` for a singular matrix.
    public func solve(_ b: [Double]) throws(GSLError) -> [Double] {
        let n = packed.rows
        guard packed.diagonal.allSatisfy({ $0 != 0 }) else {
            throw GSLError(code: Int32(GSL_ESING), operation: "linear solve")
        }
        // Apply the permutation, then forward (unit L) and back (U) substitution.
        var y = permutation.map { b[$0] }
        for i in 0..<n { for k in 0..<i { y[i] -= packed[i, k] * y[k] } }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { y[i] -= packed[i, k] * y[k] }
            y[i] /= packed[i, i]
        }
        return y
    }
}

extension Matrix {
    /// Solves `self x = b` for a square, non-singular matrix.
    public func solve(_ b: [Double]) throws(GSLError) -> [Double] { try LUFactor(self).solve(b) }

    /// Determinant of a square matrix.
    public func determinant() throws(GSLError) -> Double { try LUFactor(self).determinant }
}
