import TrustPathLinalg

/// What lavaan's difference test of two nested fits with a scaled-shifted test needs from each, and
/// the test (`lavTestLRT`, method "satorra.2000" with scaled.shifted = TRUE; Satorra 2000;
/// Asparouhov & Muthén 2006, Mplus's DIFFTEST): the Jacobian Δ of the statistics at the estimates
/// (the groups' stacked), the weight V (⊕W_g: WLSMV's and ULSMV's diagonal one, ML's normal-theory
/// one), Γ (⊕f_gΓ_g), the inverse unit information P⁻¹ and the unscaled X² with its degrees of
/// freedom. One group is G = 1 with f = 1. Used for ordered items (WLSMV, ULSMV) and for MLMV,
/// MLMVS and the continuous WLSMV and ULSMV.
public struct Satorra2000Test: Sendable {
    let jacobian: Matrix
    let weight: Matrix
    let gamma: Matrix
    let informationInverse: Matrix
    let chiSquare: Double
    let degreesOfFreedom: Int

    /// The test of `restricted` (m₀) against `free` (m₁, the less restricted model):
    /// - H = Δ₁⁺Δ₀ maps the restricted model's parameters into the free one's (Δ₁⁺ = (Δ₁ᵀΔ₁)⁻¹Δ₁ᵀ);
    ///   the rows of A span the orthogonal complement of H's columns (here A = I - H(HᵀH)⁻¹Hᵀ,
    ///   whose row space it is);
    /// - Q = P⁻¹Aᵀ(AP⁻¹Aᵀ)⁺AP⁻¹ and U = VΔ₁QΔ₁ᵀV; the statistic is (T₀ - T₁)a + b on
    ///   m = df₀ - df₁ degrees of freedom, a = √(m/tr((UΓ)²)), b = m - a·tr(UΓ).
    /// Returns the statistic and m.
    public static func statistic(restricted: Satorra2000Test, free: Satorra2000Test) -> (chisq: Double, df: Double) {
        let m = Double(restricted.degreesOfFreedom - free.degreesOfFreedom)
        guard m > 0 else { return (restricted.chiSquare - free.chiSquare, m) }
        let delta1 = free.jacobian, delta0 = restricted.jacobian
        guard delta1.rows == delta0.rows, let gram1 = try? (delta1.transposed * delta1).inverseSPD() else {
            return (.nan, m)
        }
        let h = gram1 * delta1.transposed * delta0
        guard let gramH = try? (h.transposed * h).inverseSPD() else { return (.nan, m) }
        let q1 = h.rows
        var a = h * gramH * h.transposed
        for x in 0..<q1 { for y in 0..<q1 { a[x, y] = (x == y ? 1 : 0) - a[x, y] } }
        let pInverse = free.informationInverse
        let apa = a * pInverse * a.transposed
        guard let inner = Self.pseudoInverse(apa) else { return (.nan, m) }
        let q = pInverse * a.transposed * inner * a * pInverse
        let vDelta = free.weight * delta1
        let ug = vDelta * q * vDelta.transposed * free.gamma
        let trace = (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }
        let (scale, shift) = WLSMVFit.scaledShifted(trace: trace, traceOfSquare: RobustML.traceOfProduct(ug, ug), df: m)
        return ((restricted.chiSquare - free.chiSquare) * scale + shift, m)
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

extension WLSMVGroupsFit {
    /// The pieces of lavaan's DIFFTEST over the groups: Jacobians stacked, V = ⊕W_g, Γ = ⊕f_gΓ_g.
    public var differenceTest: Satorra2000Test {
        let total = jacobians.reduce(0) { $0 + $1.rows }
        var gamma = Matrix(rows: total, columns: total), offset = 0
        for (g, jacobian) in jacobians.enumerated() {
            for x in 0..<jacobian.rows {
                for y in 0..<jacobian.rows { gamma[offset + x, offset + y] = groupShares[g] * moments[g].gamma[x, y] }
            }
            offset += jacobian.rows
        }
        let columns = jacobians.first?.columns ?? 0
        return Satorra2000Test(
            jacobian: Matrix(rows: total, columns: columns, elements: jacobians.flatMap(\.elements)),
            weight: Matrix.diagonal(weights.flatMap { $0 }), gamma: gamma, informationInverse: informationInverse,
            chiSquare: chiSquare, degreesOfFreedom: degreesOfFreedom)
    }

    /// lavaan's DIFFTEST of two nested multi-group WLSMV fits (``Satorra2000Test``).
    public static func differenceTest(restricted: WLSMVGroupsFit, free: WLSMVGroupsFit) -> (chisq: Double, df: Double) {
        Satorra2000Test.statistic(restricted: restricted.differenceTest, free: free.differenceTest)
    }
}
