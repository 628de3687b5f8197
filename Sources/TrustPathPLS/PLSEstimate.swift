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

    public init(model: PLSModel, data: StandardizedData, weighting: Weighting = .path) throws(PLSError) {
        let n = data.count, k = model.constructs.count
        let blocks = model.constructs.map { construct in construct.indicators.compactMap { data.names.firstIndex(of: $0) } }
        let x = data.values, columns = data.names.count
        func column(_ j: Int) -> [Double] { (0..<n).map { x[$0 * columns + j] } }
        let indicatorColumns = (0..<columns).map(column)
        // seminr starts from unit weights and counts iterations from 0: the first pass compares
        // its weights with the unit ones, and `iterations` is the index of the pass that converged.
        var weights = blocks.map { [Double](repeating: 1, count: $0.count) }
        var iterations = 0
        var scores = Self.scores(weights, blocks: blocks, columns: indicatorColumns, n: n)
        while true {
            let inner = try Self.innerWeights(model: model, scores: scores, n: n, weighting: weighting)
            // Inner proxies Z_j = Σ_i Y_i E[i, j].
            let proxies = (0..<k).map { j -> [Double] in
                var z = [Double](repeating: 0, count: n)
                for i in 0..<k where inner[i, j] != 0 { for r in 0..<n { z[r] += scores[i][r] * inner[i, j] } }
                return z
            }
            var updated: [[Double]] = []
            for (j, construct) in model.constructs.enumerated() {
                let block = blocks[j]
                let raw: [Double]
                switch construct.mode {
                case .a:
                    raw = block.map { covariance(indicatorColumns[$0], proxies[j]) }
                case .b:
                    var r = Matrix(rows: block.count, columns: block.count)
                    for (a, i) in block.enumerated() { for (b, l) in block.enumerated() { r[a, b] = covariance(indicatorColumns[i], indicatorColumns[l]) } }
                    let c = block.map { covariance(indicatorColumns[$0], proxies[j]) }
                    do { raw = try r.solve(c) } catch { throw .singular(what: "the indicator correlation matrix of the composite '\(construct.name)'") }
                }
                updated.append(try Self.unitVariance(raw, block: block, columns: indicatorColumns, n: n))
            }
            let change = zip(updated, weights).reduce(0.0) { sum, pair in sum + zip(pair.0, pair.1).reduce(0.0) { $0 + abs($1.0 - $1.1) } }
            weights = updated
            scores = Self.scores(weights, blocks: blocks, columns: indicatorColumns, n: n)
            if change < Self.tolerance { break }
            iterations += 1
            guard iterations <= Self.maximumIterations else { throw .notConverged(iterations: iterations, change: change) }
        }
        self.model = model
        self.weighting = weighting
        self.weights = weights
        self.iterations = iterations
        self.count = n
        loadings = blocks.indices.map { j in blocks[j].map { correlation(indicatorColumns[$0], scores[j]) } }
        var correlations = Matrix.identity(k)
        for i in 0..<k { for j in 0..<i { let r = correlation(scores[i], scores[j]); correlations[i, j] = r; correlations[j, i] = r } }
        constructCorrelation = correlations
        (pathCoefficients, rSquared, adjustedRSquared) = try Self.structural(model: model, correlation: correlations, count: n)
        var flat = [Double](repeating: 0, count: n * k)
        for j in 0..<k { for r in 0..<n { flat[r * k + j] = scores[j][r] } }
        self.scores = flat
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

    /// E[i, j]: the weight of construct i in the inner proxy of j (see the type's description).
    static func innerWeights(model: PLSModel, scores: [[Double]], n: Int, weighting: Weighting) throws(PLSError) -> Matrix {
        let k = model.constructs.count
        var e = Matrix(rows: k, columns: k)
        for path in model.paths {
            let r = correlation(scores[path.from], scores[path.to])
            let value = weighting == .centroid ? (r > 0 ? 1 : r < 0 ? -1 : 0) : r
            e[path.from, path.to] = value
            e[path.to, path.from] = value
        }
        guard weighting == .path else { return e }
        var correlations = Matrix.identity(k)
        for i in 0..<k { for j in 0..<i { let r = correlation(scores[i], scores[j]); correlations[i, j] = r; correlations[j, i] = r } }
        for j in model.endogenous {
            let predictors = model.predecessors(of: j)
            let (beta, _) = try regression(of: j, on: predictors, correlation: correlations, names: model.constructs.map(\.name))
            for (p, b) in zip(predictors, beta) { e[p, j] = b }
        }
        return e
    }

    /// Standardized scores Y_j = X_j w_j, one array per construct.
    static func scores(_ weights: [[Double]], blocks: [[Int]], columns: [[Double]], n: Int) -> [[Double]] {
        blocks.indices.map { j in
            var y = [Double](repeating: 0, count: n)
            for (w, i) in zip(weights[j], blocks[j]) { for r in 0..<n { y[r] += w * columns[i][r] } }
            let sd = standardDeviation(y)
            return y.map { $0 / sd }
        }
    }

    /// `w` scaled so that X_block w has variance 1.
    static func unitVariance(_ w: [Double], block: [Int], columns: [[Double]], n: Int) throws(PLSError) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        for (weight, i) in zip(w, block) { for r in 0..<n { y[r] += weight * columns[i][r] } }
        let sd = standardDeviation(y)
        guard sd > 0, sd.isFinite else { throw .singular(what: "a construct's weighted sum (its indicators cancel out)") }
        return w.map { $0 / sd }
    }
}

/// Sample covariance (divisor n - 1) of two equally long arrays.
func covariance(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sum = 0.0
    for i in a.indices { sum += (a[i] - ma) * (b[i] - mb) }
    return sum / (n - 1)
}

func standardDeviation(_ a: [Double]) -> Double { covariance(a, a).squareRoot() }

func correlation(_ a: [Double], _ b: [Double]) -> Double { covariance(a, b) / (standardDeviation(a) * standardDeviation(b)) }
