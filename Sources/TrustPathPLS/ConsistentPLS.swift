import Foundation
import TrustPathLinalg

/// Consistent PLS (PLSc; Dijkstra & Henseler 2015, "Consistent partial least squares path
/// modeling", MIS Quarterly 39(2)): reflective constructs' scores are corrected for measurement
/// error. With w a block's weights scaled so that wᵀSw = 1 and
/// c² = wᵀ(S - diag S)w / wᵀ(wwᵀ - diag(wwᵀ))w,
/// - the consistent loadings are c·w;
/// - ρ_A = c²(wᵀw)² is the construct's reliability, and the construct correlations are
///   disattenuated, r*_ij = r_ij/√(ρ_A,i ρ_A,j) (ρ_A = 1 for composites and single items);
/// - paths and R² are the regressions on those correlations.
public struct ConsistentPLS: Sendable {
    public let estimate: PLSEstimate
    public let reliability: [Double]

    public init(_ base: PLSEstimate, correlation s: Matrix, names: [String]) throws(PLSError) {
        let model = base.model, k = model.constructs.count
        var loadings = base.loadings, reliability = [Double](repeating: 1, count: k)
        for (j, construct) in model.constructs.enumerated() where construct.mode == .a && construct.indicators.count > 1 {
            let block = construct.indicators.compactMap { names.firstIndex(of: $0) }
            let correction = Self.correction(weights: base.weights[j], block: block, correlation: s)
            loadings[j] = correction.weights.map { correction.c * $0 }
            reliability[j] = correction.rhoA
        }
        var r = base.constructCorrelation
        for i in 0..<k { for j in 0..<k where i != j { r[i, j] = base.constructCorrelation[i, j] / (reliability[i] * reliability[j]).squareRoot() } }
        estimate = try PLSEstimate(correcting: base, loadings: loadings, constructCorrelation: r)
        self.reliability = reliability
    }

    /// A block's weights scaled to wᵀSw = 1, the correction factor c (c² = wᵀ(S - diag S)w /
    /// wᵀ(wwᵀ - diag(wwᵀ))w) and ρ_A = c²(wᵀw)², for a block of at least two indicators.
    static func correction(weights w: [Double], block: [Int], correlation s: Matrix) -> (weights: [Double], c: Double, rhoA: Double) {
        var wSw = 0.0
        for (a, i) in block.enumerated() { for (b, l) in block.enumerated() { wSw += w[a] * s[i, l] * w[b] } }
        let scaled = w.map { $0 / wSw.squareRoot() }
        var numerator = 0.0, denominator = 0.0
        for (a, i) in block.enumerated() {
            for (b, l) in block.enumerated() where a != b {
                numerator += scaled[a] * s[i, l] * scaled[b]
                denominator += scaled[a] * scaled[a] * scaled[b] * scaled[b]
            }
        }
        let c = (numerator / denominator).squareRoot()
        let ww = scaled.reduce(0) { $0 + $1 * $1 }
        return (scaled, c, c * c * ww * ww)
    }
}
