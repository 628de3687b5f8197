import Foundation
import Testing
import TrustPathPLS
import TrustPathSurvey

/// What must hold whatever the data: results identical for any number of jobs, and the centroid
/// scheme (which seminr lacks) converging to its own fixed point.
@Suite struct PLSProperties {
    @Test func bootstrapAndPredictionAreIdenticalForAnyNumberOfJobs() throws {
        let c = try PLSAgainstSeminr.load("mobi-path")
        let one = PLSBootstrap(estimate: c.estimate, data: c.data, draws: 24, seed: 11, jobs: 1)
        let two = PLSBootstrap(estimate: c.estimate, data: c.data, draws: 24, seed: 11, jobs: 2)
        #expect(one.paths.map(\.draws) == two.paths.map(\.draws))
        #expect(one.htmt.map(\.draws) == two.htmt.map(\.draws))
        let other = PLSBootstrap(estimate: c.estimate, data: c.data, draws: 24, seed: 12, jobs: 2)
        #expect(one.paths.map(\.draws) != other.paths.map(\.draws))
        let p1 = try PLSPrediction(model: c.estimate.model, data: c.data, weighting: .path, folds: 5, repetitions: 2, seed: 4, jobs: 1)
        let p2 = try PLSPrediction(model: c.estimate.model, data: c.data, weighting: .path, folds: 5, repetitions: 2, seed: 4, jobs: 2)
        #expect(p1.indicators.map(\.plsRMSE) == p2.indicators.map(\.plsRMSE))
    }

    /// BCa: each jackknife value is the estimate without that row, and the interval moves off the percentile one.
    @Test func bcaUsesTheLeaveOneOutEstimates() throws {
        let c = try PLSAgainstSeminr.load("mobi-path")
        let boot = PLSBootstrap(estimate: c.estimate, data: c.data, draws: 200, seed: 5, jobs: 2, jackknife: true)
        let path = boot.paths[0]
        #expect(path.jackknife.count == c.data.count)
        let n = c.data.count
        let without7 = try PLSEstimate(model: c.estimate.model, data: try c.data.resampled((0..<n).filter { $0 != 7 }))
        let first = c.estimate.model.paths[0]
        #expect(abs(path.jackknife[7] - without7.pathCoefficients[first.from, first.to]) < 1e-12)
        let bca = path.interval(), percentile = path.percentile()
        #expect(bca.lower < path.original && path.original < bca.upper)
        #expect(bca.lower != percentile.lower || bca.upper != percentile.upper)
    }

    /// Centroid weighting: one more outer update from the converged scores, with inner weights the
    /// signs of the adjacent constructs' correlations, gives back the weights.
    @Test func centroidWeightsAreAFixedPoint() throws {
        let c = try PLSAgainstSeminr.load("mobi-path")
        let estimate = try PLSEstimate(model: c.estimate.model, data: c.data, weighting: .centroid)
        let model = estimate.model, k = model.constructs.count, n = c.data.count, p = c.data.names.count
        let scores = (0..<k).map { j in (0..<n).map { estimate.scores[$0 * k + j] } }
        func cov(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / Double(n - 1) }
        for (j, construct) in model.constructs.enumerated() {
            let neighbours = model.paths.compactMap { $0.from == j ? $0.to : $0.to == j ? $0.from : nil }
            let proxy = (0..<n).map { r in neighbours.reduce(0.0) { $0 + (cov(scores[j], scores[$1]) > 0 ? 1 : -1) * scores[$1][r] } }
            let columns = construct.indicators.map { name in (0..<n).map { c.data.values[$0 * p + (c.data.names.firstIndex(of: name) ?? 0)] } }
            var w = columns.map { cov($0, proxy) }
            let y = (0..<n).map { r in zip(w, columns).reduce(0.0) { $0 + $1.0 * $1.1[r] } }
            let sd = cov(y, y).squareRoot()
            w = w.map { $0 / sd }
            for (a, b) in zip(w, estimate.weights[j]) { #expect(abs(a - b) < 1e-6, "\(construct.name)") }
        }
        #expect(estimate.pathCoefficients.maxAbsDifference(c.estimate.pathCoefficients) > 1e-4, "centroid differs from path weighting")
    }
}
