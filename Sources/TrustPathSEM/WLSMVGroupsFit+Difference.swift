import TrustPathLinalg

extension WLSMVGroupsFit {
    /// lavaan's default difference test of two nested WLSMV fits (`lavTestLRT`, method
    /// "satorra.2000" with scaled.shifted = TRUE; Satorra 2000; Asparouhov & Muthén 2006, Mplus's
    /// DIFFTEST), with `free` (m₁) the less restricted model:
    /// - H = Δ₁⁺Δ₀ maps the restricted model's parameters into the free one's (Δ the Jacobians of
    ///   the statistics at each model's estimates, Δ₁⁺ = (Δ₁ᵀΔ₁)⁻¹Δ₁ᵀ); the rows of A span the
    ///   orthogonal complement of H's columns (here A = I - H(HᵀH)⁻¹Hᵀ, whose row space it is);
    /// - with P⁻¹ the free model's inverse unit information, Q = P⁻¹Aᵀ(AP⁻¹Aᵀ)⁺AP⁻¹ and
    ///   U = VΔ₁QΔ₁ᵀV (V = ⊕W_g, Γ = ⊕ f_gΓ_g), the statistic is (T₀ - T₁)a + b on m = df₀ - df₁
    ///   degrees of freedom, a = √(m/tr((UΓ)²)), b = m - a·tr(UΓ).
    /// Returns the statistic and m.
    public static func differenceTest(restricted: WLSMVGroupsFit, free: WLSMVGroupsFit) -> (chisq: Double, df: Double) {
        let m = Double(restricted.degreesOfFreedom - free.degreesOfFreedom)
        guard m > 0 else { return (restricted.chiSquare - free.chiSquare, m) }
        let delta1 = Self.stacked(free.jacobians), delta0 = Self.stacked(restricted.jacobians)
        guard let gram1 = try? (delta1.transposed * delta1).inverseSPD() else { return (.nan, m) }
        let h = gram1 * delta1.transposed * delta0
        guard let gramH = try? (h.transposed * h).inverseSPD() else { return (.nan, m) }
        let q1 = h.rows
        var a = h * gramH * h.transposed
        for x in 0..<q1 { for y in 0..<q1 { a[x, y] = (x == y ? 1 : 0) - a[x, y] } }
        let pInverse = free.informationInverse
        let apa = a * pInverse * a.transposed
        guard let inner = Self.pseudoInverse(apa) else { return (.nan, m) }
        let q = pInverse * a.transposed * inner * a * pInverse
        // U = VΔ₁QΔ₁ᵀV over the stacked statistics; Γ weighted by the group shares.
        let sizes = free.jacobians.map(\.rows), total = sizes.reduce(0, +)
        var v = [Double](repeating: 0, count: total), gamma = Matrix(rows: total, columns: total)
        var offset = 0
        for (g, size) in sizes.enumerated() {
            for x in 0..<size {
                v[offset + x] = free.weights[g][x]
                for y in 0..<size { gamma[offset + x, offset + y] = free.groupShares[g] * free.moments[g].gamma[x, y] }
            }
            offset += size
        }
        let vDelta = WLSMVGroupsFit.scaledRows(delta1, v, by: 1)
        let ug = vDelta * q * vDelta.transposed * gamma
        let trace = (0..<total).reduce(0.0) { $0 + ug[$1, $1] }
        let (scale, shift) = WLSMVFit.scaledShifted(trace: trace, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: m)
        return ((restricted.chiSquare - free.chiSquare) * scale + shift, m)
    }

    /// The groups' Jacobians one above the other.
    static func stacked(_ jacobians: [Matrix]) -> Matrix {
        let columns = jacobians.first?.columns ?? 0
        return Matrix(rows: jacobians.reduce(0) { $0 + $1.rows }, columns: columns, elements: jacobians.flatMap(\.elements))
    }

    /// The Moore-Penrose inverse of a symmetric positive semi-definite matrix, dropping eigenvalues
    /// below 1e-10 of the largest (MASS::ginv's tolerance is of the same order).
    static func pseudoInverse(_ matrix: Matrix) -> Matrix? {
        guard let eigen = try? SymmetricEigen(matrix), let largest = eigen.values.first, largest > 0 else { return nil }
        let n = matrix.rows
        var inverse = Matrix(rows: n, columns: n)
        for (k, value) in eigen.values.enumerated() where value > 1e-10 * largest {
            let vector = eigen.vectors.column(k)
            for x in 0..<n { for y in 0..<n { inverse[x, y] += vector[x] * vector[y] / value } }
        }
        return inverse
    }
}
