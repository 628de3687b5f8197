import Foundation
import TrustPathLinalg

/// Kaiser-Meyer-Olkin measure of sampling adequacy and Bartlett's test of sphericity: is a
/// correlation matrix worth factoring? As `psych::KMO` and `psych::cortest.bartlett`.
public struct SamplingAdequacy: Sendable, Equatable {
    public let items: [String]
    /// Overall MSA = Σ r² / (Σ r² + Σ q²) over off-diagonal pairs, q the partial (anti-image)
    /// correlations q_ij = -P_ij / sqrt(P_ii P_jj) with P = R⁻¹ (Kaiser 1970; Kaiser & Rice 1974).
    public let overall: Double
    /// Per-item MSA: the same sums over the item's column.
    public let perItem: [Double]
    /// Bartlett (1951): χ² = -(n - 1 - (2p + 5)/6) ln |R| on p(p-1)/2 degrees of freedom.
    public let bartlettChiSquare: Double
    public let bartlettDF: Int
    public let bartlettPValue: Double

    public init(_ matrix: ItemMatrix) throws(PsychometricsError) {
        let r = matrix.correlation, p = r.rows
        guard let inverse = try? r.inverseSPD(), let logDeterminant = try? r.logDeterminantSPD() else {
            throw .singularCorrelation(items: ExploratoryFactorAnalysis.collinearItems(r, names: matrix.items))
        }
        var rSquares = [Double](repeating: 0, count: p), qSquares = rSquares
        for i in 0..<p {
            for j in 0..<p where i != j {
                rSquares[j] += r[i, j] * r[i, j]
                let q = inverse[i, j] / (inverse[i, i] * inverse[j, j]).squareRoot()
                qSquares[j] += q * q
            }
        }
        items = matrix.items
        let totalR = rSquares.reduce(0, +), totalQ = qSquares.reduce(0, +)
        overall = totalR / (totalR + totalQ)
        perItem = (0..<p).map { rSquares[$0] / (rSquares[$0] + qSquares[$0]) }
        bartlettChiSquare = -(Double(matrix.count) - 1 - Double(2 * p + 5) / 6) * logDeterminant
        bartlettDF = p * (p - 1) / 2
        bartlettPValue = ChiSquared.survival(bartlettChiSquare, degreesOfFreedom: Double(bartlettDF))
    }

    /// Kaiser's (1974) labels for an MSA value.
    public static func label(_ msa: Double) -> String {
        switch msa {
        case 0.9...: return "marvelous"
        case 0.8..<0.9: return "meritorious"
        case 0.7..<0.8: return "middling"
        case 0.6..<0.7: return "mediocre"
        case 0.5..<0.6: return "miserable"
        default: return "unacceptable"
        }
    }
}
