import Foundation
import TrustPathLinalg

/// PLS path model estimates by Lohmöller's (1989) iterative algorithm as seminr implements it
/// (Ray, Danks & Calero Valdez, seminr; Hair et al. 2022, *A Primer on PLS-SEM*, ch. 3):
/// 1. outer weights start at 1; construct scores Y = XW, standardized;
/// 2. inner weights E: path weighting, the regression coefficients of a construct on its
///    predecessors and its correlations with its successors; factorial, the correlations with
///    every adjacent construct; centroid, their signs; inner proxies Z = YE;
/// 3. outer weights: mode A w_j = cov(X_j, Z_j), mode B w_j = cor(X_j)⁻¹cor(X_j, Z_j), each scaled
///    so that X_j w_j has unit variance;
/// 4. repeat until Σ|w_new - w_old| < 1e-7 (seminr's stopCriterion 7), at most 300 iterations
///    after the first (seminr's iteration count, which starts at 0).
/// Then the paths are OLS regressions among the standardized scores, the loadings the
/// correlations of indicators with their construct's scores.
public struct PLSEstimate: Sendable {
    public enum Weighting: String, Sendable, CaseIterable {
        case path, factorial, centroid
    }

    public static let tolerance = 1e-7
    public static let maximumIterations = 300

    public let model: PLSModel
    public let weighting: Weighting
    /// Per construct, its indicators' outer weights (standardized data).
    public let weights: [[Double]]
    /// Per construct, its indicators' loadings.
    public let loadings: [[Double]]
    /// Standardized construct scores, row-major n x constructs.
    public let scores: [Double]
    /// Path coefficients: matrix[from, to].
    public let pathCoefficients: Matrix
    /// R² and adjusted R² of each construct (NaN for exogenous ones).
    public let rSquared: [Double]
    public let adjustedRSquared: [Double]
    /// Correlations among the construct scores.
    public let constructCorrelation: Matrix
    public let iterations: Int
    public let count: Int

    /// Estimates `model` on `data`. The algorithm needs the data only through the indicators'
    /// correlation matrix S: with Y_j = X_j w_j, cov(X_i, Y_j) = S_{i,block j} w_j and
    /// cor(Y_i, Y_j) = w_iᵀ S_ij w_j, so each iteration costs O(k²) instead of O(nk) (the scores are
    /// formed once, at the end).
    public init(model: PLSModel, data: StandardizedData, weighting: Weighting = .path) throws(PLSError) {
        let n = data.count, k = model.constructs.count
        let blocks = model.constructs.map { construct in construct.indicators.compactMap { data.names.firstIndex(of: $0) } }
        let s = data.correlation
        // seminr starts from unit weights and counts iterations from 0: the first pass compares
        // its weights with the unit ones, and `iterations` is the index of the pass that converged.
        var weights = blocks.map { [Double](repeating: 1, count: $0.count) }
        var iterations = 0
        while true {
            // Scores of the current weights are standardized: w scaled to unit variance.
            let scaled = try weights.indices.map { j throws(PLSError) in try Self.unitVariance(weights[j], block: blocks[j], correlation: s) }
            let correlations = Self.constructCorrelation(scaled, blocks: blocks, correlation: s)
            let inner = try Self.innerWeights(model: model, correlation: correlations, weighting: weighting)
            var updated: [[Double]] = []
            for (j, construct) in model.constructs.enumerated() {
                let block = blocks[j]
                // cov(X_a, Z_j) = Σ_i E[i, j] cov(X_a, Y_i) = Σ_i E[i, j] S_{a, block i} w_i.
                let c = block.map { a in
                    (0..<k).reduce(0.0) { sum, i in
                        inner[i, j] == 0 ? sum : sum + inner[i, j] * zip(blocks[i], scaled[i]).reduce(0.0) { $0 + s[a, $1.0] * $1.1 }
                    }
                }
                let raw: [Double]
                switch construct.mode {
                case .a:
                    raw = c
                case .b:
                    let r = Matrix(block.map { a in block.map { s[a, $0] } })
                    do { raw = try r.solve(c) } catch { throw .singular(what: "the indicator correlation matrix of the composite '\(construct.name)'") }
                }
                updated.append(try Self.unitVariance(raw, block: block, correlation: s))
            }
            let change = zip(updated, weights).reduce(0.0) { sum, pair in sum + zip(pair.0, pair.1).reduce(0.0) { $0 + abs($1.0 - $1.1) } }
            weights = updated
            if change < Self.tolerance { break }
            iterations += 1
            guard iterations <= Self.maximumIterations else { throw .notConverged(iterations: iterations, change: change) }
        }
        self.model = model
        self.weighting = weighting
        self.weights = weights
        self.iterations = iterations
        self.count = n
        // Loadings cor(X_a, Y_j) = S_{a, block j} w_j (unit-variance scores).
        loadings = blocks.indices.map { j in blocks[j].map { a in zip(blocks[j], weights[j]).reduce(0.0) { $0 + s[a, $1.0] * $1.1 } } }
        let correlations = Self.constructCorrelation(weights, blocks: blocks, correlation: s)
        constructCorrelation = correlations
        (pathCoefficients, rSquared, adjustedRSquared) = try Self.structural(model: model, correlation: correlations, count: n)
        let columns = data.names.count
        var flat = [Double](repeating: 0, count: n * k)
        for r in 0..<n {
            for j in 0..<k { flat[r * k + j] = zip(blocks[j], weights[j]).reduce(0.0) { $0 + data.values[r * columns + $1.0] * $1.1 } }
        }
        scores = flat
    }

    /// cor(Y_i, Y_j) = w_iᵀ S_ij w_j for unit-variance weights.
    static func constructCorrelation(_ weights: [[Double]], blocks: [[Int]], correlation s: Matrix) -> Matrix {
        let k = blocks.count
        var r = Matrix.identity(k)
        for i in 0..<k {
            for j in 0..<i {
                var sum = 0.0
                for (a, wa) in zip(blocks[i], weights[i]) { for (b, wb) in zip(blocks[j], weights[j]) { sum += wa * s[a, b] * wb } }
                r[i, j] = sum
                r[j, i] = sum
            }
        }
        return r
    }

    /// `base` with corrected loadings, construct correlations and the paths and R² they imply
    /// (consistent PLS).
    init(correcting base: PLSEstimate, loadings: [[Double]], constructCorrelation: Matrix) throws(PLSError) {
        model = base.model
        weighting = base.weighting
        weights = base.weights
        scores = base.scores
        iterations = base.iterations
        count = base.count
        self.loadings = loadings
        self.constructCorrelation = constructCorrelation
        (pathCoefficients, rSquared, adjustedRSquared) = try Self.structural(model: model, correlation: constructCorrelation, count: base.count)
    }

    /// The path coefficients (matrix[from, to]), R² and adjusted R², 1 - (1 - R²)(n - 1)/(n - p - 1),
    /// of every endogenous construct from the construct correlations.
    static func structural(model: PLSModel, correlation: Matrix, count n: Int) throws(PLSError) -> (Matrix, [Double], [Double]) {
        let k = model.constructs.count
        var paths = Matrix(rows: k, columns: k)
        var r2 = [Double](repeating: .nan, count: k), adjusted = r2
        for j in model.endogenous {
            let predictors = model.predecessors(of: j)
            let (beta, rsq) = try regression(of: j, on: predictors, correlation: correlation, names: model.constructs.map(\.name))
            for (p, b) in zip(predictors, beta) { paths[p, j] = b }
            r2[j] = rsq
            adjusted[j] = 1 - (1 - rsq) * Double(n - 1) / Double(n - predictors.count - 1)
        }
        return (paths, r2, adjusted)
    }

    /// Standardized regression of construct `j` on `predictors` from the correlation matrix:
    /// β = R_pp⁻¹ r_pj, R² = βᵀ r_pj.
    static func regression(of j: Int, on predictors: [Int], correlation r: Matrix, names: [String]) throws(PLSError) -> ([Double], Double) {
        let rpp = Matrix(predictors.map { a in predictors.map { r[a, $0] } })
        let rpj = predictors.map { r[$0, j] }
        guard let beta = try? rpp.solve(rpj) else {
            throw .singular(what: "the regression of '\(names[j])' on " + predictors.map { names[$0] }.joined(separator: ", "))
        }
        return (beta, zip(beta, rpj).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// E[i, j]: the weight of construct i in the inner proxy of j (see the type's description),
    /// from the construct correlations.
    static func innerWeights(model: PLSModel, correlation correlations: Matrix, weighting: Weighting) throws(PLSError) -> Matrix {
        let k = model.constructs.count
        var e = Matrix(rows: k, columns: k)
        for path in model.paths {
            let r = correlations[path.from, path.to]
            let value = weighting == .centroid ? (r > 0 ? 1 : r < 0 ? -1 : 0) : r
            e[path.from, path.to] = value
            e[path.to, path.from] = value
        }
        guard weighting == .path else { return e }
        for j in model.endogenous {
            let predictors = model.predecessors(of: j)
            let (beta, _) = try regression(of: j, on: predictors, correlation: correlations, names: model.constructs.map(\.name))
            for (p, b) in zip(predictors, beta) { e[p, j] = b }
        }
        return e
    }

    /// `w` scaled so that X_block w has variance 1: divided by √(wᵀS w).
    static func unitVariance(_ w: [Double], block: [Int], correlation s: Matrix) throws(PLSError) -> [Double] {
        var variance = 0.0
        for (a, wa) in zip(block, w) { for (b, wb) in zip(block, w) { variance += wa * s[a, b] * wb } }
        let sd = variance.squareRoot()
        guard sd > 0, sd.isFinite else { throw .singular(what: "a construct's weighted sum (its indicators cancel out)") }
        return w.map { $0 / sd }
    }
}

