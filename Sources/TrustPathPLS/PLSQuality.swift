import Foundation
import TrustPathLinalg

/// Reliability and validity the PLS way, as seminr's `summary()` reports them (Hair et al. 2022,
/// *A Primer on PLS-SEM*, ch. 4 and 6):
/// - Cronbach's alpha of the standardized indicators, k/(k-1)·(1 - k/1ᵀR1);
/// - ρ_C = (Σλ)² / ((Σλ)² + Σ(1 - λ²)) (Dillon & Goldstein 1987; Jöreskog 1971);
/// - AVE = Σλ²/k (Fornell & Larcker 1981);
/// - ρ_A = (wᵀw)² wᵀ(S - diag S)w / wᵀ(wwᵀ - diag(wwᵀ))w with the outer weights w (wᵀSw = 1) and S
///   the indicators' correlation matrix (Dijkstra & Henseler 2015); 1 for composites (mode B);
/// - all four are 1 for a single-indicator construct;
/// - the Fornell-Larcker matrix (√AVE on the diagonal, construct correlations off it);
/// - HTMT (Henseler, Ringle & Sarstedt 2015): the mean absolute heterotrait correlation over the
///   geometric mean of the two mean absolute monotrait correlations (1 for a single indicator);
/// - f² = (R²_included - R²_excluded)/(1 - R²_included) per path (Cohen 1988), R²_excluded from the
///   model re-estimated without the path, as seminr's `fSquared` (a construct left without paths
///   drops out of that model);
/// - VIF of each path's predictor among the target's predictors (from the construct correlations)
///   and of each indicator among its construct's indicators.
public struct PLSQuality: Sendable {
    public let alpha: [Double]
    public let rhoC: [Double]
    public let averageVarianceExtracted: [Double]
    public let rhoA: [Double]
    /// √AVE on the diagonal, construct correlations off it.
    public let fornellLarcker: Matrix
    public let htmt: Matrix
    /// f² per path, matrix[from, to] (NaN where no path).
    public let fSquared: Matrix
    /// VIF per path, matrix[from, to] (NaN where no path; 1 for a single predictor).
    public let innerVIF: Matrix
    /// VIF per indicator, per construct.
    public let outerVIF: [[Double]]

    /// The quality of `estimate`; with `consistent`, of its PLSc correction: ρ_C, AVE and f² then
    /// use the consistent loadings and R² (refits corrected too), the VIFs and the Fornell-Larcker
    /// correlations the scores, as seminr does.
    public init(estimate: PLSEstimate, consistent: Bool = false, data: StandardizedData) {
        let model = estimate.model, k = model.constructs.count
        let reported = consistent ? ((try? ConsistentPLS(estimate, correlation: data.correlation, names: data.names))?.estimate ?? estimate) : estimate
        let s = data.correlation
        let blocks = model.constructs.map { $0.indicators.compactMap { data.names.firstIndex(of: $0) } }
        alpha = blocks.map { block in
            guard block.count > 1 else { return 1 }
            let m = Double(block.count)
            var total = 0.0
            for a in block { for b in block { total += s[a, b] } }
            return m / (m - 1) * (1 - m / total)
        }
        rhoC = reported.loadings.map { l in
            guard l.count > 1 else { return 1 }
            let sum = l.reduce(0, +), error = l.reduce(0) { $0 + 1 - $1 * $1 }
            return sum * sum / (sum * sum + error)
        }
        let ave = reported.loadings.map { l in l.count > 1 ? l.reduce(0) { $0 + $1 * $1 } / Double(l.count) : 1 }
        averageVarianceExtracted = ave
        rhoA = model.constructs.indices.map { j in
            model.constructs[j].mode == .b ? 1 : Self.rhoA(weights: estimate.weights[j], block: blocks[j], correlation: s)
        }
        var fl = estimate.constructCorrelation
        for j in 0..<k { fl[j, j] = ave[j].squareRoot() }
        fornellLarcker = fl
        htmt = Self.htmt(blocks: blocks, correlation: s)
        var f2 = Matrix(rows: k, columns: k, repeating: .nan), vif = f2
        let r = estimate.constructCorrelation
        let constructNames = model.constructs.map(\.name)
        for j in model.endogenous {
            let predictors = model.predecessors(of: j)
            let full = reported.rSquared[j]
            for p in predictors {
                let others = predictors.filter { $0 != p }
                f2[p, j] = (full - Self.rSquaredWithout(path: (p, j), estimate: estimate, consistent: consistent, data: data)) / (1 - full)
                let shared = others.isEmpty ? 0 : ((try? PLSEstimate.regression(of: p, on: others, correlation: r, names: constructNames))?.1 ?? .nan)
                vif[p, j] = 1 / (1 - shared)
            }
        }
        fSquared = f2
        innerVIF = vif
        outerVIF = blocks.map { block in
            block.map { i in
                let others = block.filter { $0 != i }
                guard !others.isEmpty else { return 1 }
                let rpp = Matrix(others.map { a in others.map { s[a, $0] } })
                guard let beta = try? rpp.solve(others.map { s[$0, i] }) else { return .infinity }
                return 1 / (1 - zip(beta, others).reduce(0) { $0 + $1.0 * s[$1.1, i] })
            }
        }
    }

    /// R² of the path's target when the model is re-estimated without the path; a construct left
    /// without paths drops out of the reduced model, as seminr builds it from the remaining paths.
    static func rSquaredWithout(path: (from: Int, to: Int), estimate: PLSEstimate, consistent: Bool, data: StandardizedData) -> Double {
        let model = estimate.model
        let remaining = model.paths.filter { !($0.from == path.from && $0.to == path.to) }
        guard remaining.contains(where: { $0.to == path.to }) else { return 0 }
        let kept = model.constructs.indices.filter { j in remaining.contains { $0.from == j || $0.to == j } }
        let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        let reduced = PLSModel(constructs: kept.map { model.constructs[$0] },
                               paths: remaining.compactMap { p in position[p.from].flatMap { f in position[p.to].map { (from: f, to: $0) } } })
        guard let target = position[path.to], let refit = try? PLSEstimate(model: reduced, data: data, weighting: estimate.weighting) else { return .nan }
        guard consistent else { return refit.rSquared[target] }
        return (try? ConsistentPLS(refit, correlation: data.correlation, names: data.names))?.estimate.rSquared[target] ?? .nan
    }

    /// seminr's HTMT: mean |r| across the two blocks over √(mean |r| within each), the within mean
    /// over the off-diagonal pairs and 1 for a single indicator.
    static func htmt(blocks: [[Int]], correlation s: Matrix) -> Matrix {
        let monotrait = blocks.map { block -> Double in
            guard block.count > 1 else { return 1 }
            var sum = 0.0
            for a in 0..<block.count { for b in 0..<a { sum += abs(s[block[a], block[b]]) } }
            return sum / Double(block.count * (block.count - 1) / 2)
        }
        var ratios = Matrix.identity(blocks.count)
        for i in blocks.indices {
            for j in 0..<i {
                var sum = 0.0
                for a in blocks[i] { for b in blocks[j] { sum += abs(s[a, b]) } }
                let ratio = sum / Double(blocks[i].count * blocks[j].count) / (monotrait[i] * monotrait[j]).squareRoot()
                ratios[i, j] = ratio
                ratios[j, i] = ratio
            }
        }
        return ratios
    }

    /// Dijkstra-Henseler ρ_A of one block (1 for a single indicator; ``ConsistentPLS/correction(weights:block:correlation:)``).
    static func rhoA(weights w: [Double], block: [Int], correlation s: Matrix) -> Double {
        block.count > 1 ? ConsistentPLS.correction(weights: w, block: block, correlation: s).rhoA : 1
    }
}
