import Foundation
import Testing
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Sample moments of `count` draws from N(0, Σ), from a seeded stream.
func simulatedMoments(_ sigma: Matrix, names: [String], count: Int, seed: UInt64) throws -> SampleMoments {
    let p = sigma.rows
    let lower = try sigma.cholesky().lower
    let stream = RandomStream(seed: seed)
    var sums = [Double](repeating: 0, count: p)
    var crossProducts = Matrix(rows: p, columns: p)
    for _ in 0..<count {
        let x = lower * (0..<p).map { _ in stream.normal() }
        for i in 0..<p {
            sums[i] += x[i]
            for j in 0...i { crossProducts[i, j] += x[i] * x[j] }
        }
    }
    let n = Double(count)
    let means = sums.map { $0 / n }
    var covariance = Matrix(rows: p, columns: p)
    for i in 0..<p {
        for j in 0...i {
            covariance[i, j] = crossProducts[i, j] / n - means[i] * means[j]
            covariance[j, i] = covariance[i, j]
        }
    }
    return SampleMoments(variables: names, means: means, covariance: covariance, count: count)
}

@Suite struct SEMProperties {
    /// A two-factor population with loadings drawn from a seeded stream; the estimates from
    /// n = 20,000 simulated rows recover it within 5 standard errors.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func parametersAreRecoveredFromSimulatedData(_ seed: UInt64) throws {
        let stream = RandomStream(seed: seed, stream: 99)
        let loadings = (0..<6).map { _ in 0.5 + 0.4 * stream.uniform() }
        let correlation = 0.2 + 0.4 * stream.uniform()
        var lambda = Matrix(rows: 6, columns: 2)
        for i in 0..<6 { lambda[i, i < 3 ? 0 : 1] = loadings[i] }
        let phi = Matrix([[1, correlation], [correlation, 1]])
        var sigma = lambda * phi * lambda.transposed
        for i in 0..<6 { sigma[i, i] += 1 - loadings[i] * loadings[i] }
        let names = (1...6).map { "y\($0)" }
        let table = try ParameterTable(model: "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6", options: ModelOptions(standardizedLatents: true))
        let fit = try SEMFit(try SEMModel(table: table, moments: try simulatedMoments(sigma, names: names, count: 20_000, seed: seed)))
        for estimate in fit.estimates where estimate.isFree {
            let truth: Double
            switch (estimate.op, estimate.lhs, estimate.rhs) {
            case ("=~", _, let indicator): truth = loadings[Int(indicator.dropFirst())! - 1]
            case ("~~", "f1", "f2"): truth = correlation
            case ("~~", let v, _): truth = 1 - pow(loadings[Int(v.dropFirst())! - 1], 2)
            default: continue
            }
            #expect(abs(estimate.estimate - truth) < 5 * estimate.standardError, "\(estimate.lhs) \(estimate.op) \(estimate.rhs)")
        }
    }

    /// Writing the statements in another order changes the table's order, never the estimates.
    @Test func statementOrderDoesNotChangeEstimates() throws {
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        func fit(_ model: String) throws -> [String: Double] {
            let table = try ParameterTable(model: model)
            let fit = try SEMFit(try SEMModel(table: table, moments: try SampleMoments(data: data, variables: table.variables.observed)))
            return Dictionary(uniqueKeysWithValues: fit.estimates.map { ("\($0.lhs) \($0.op) \($0.rhs)", $0.estimate) })
        }
        let a = try fit("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9")
        let b = try fit("speed =~ x7 + x8 + x9\nvisual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6")
        for (key, value) in a {
            let other = b[key] ?? b[key.split(separator: " ").reversed().joined(separator: " ")]
            #expect(other.map { abs($0 - value) < 1e-7 } == true, "\(key)")
        }
    }

    /// df = sample moments - free parameters, and Σ̂ is symmetric positive definite, for every reference model.
    @Test(arguments: ["hs-cfa", "poldem-sem", "trust-sem"])
    func degreesOfFreedomAndImpliedCovariance(_ name: String) throws {
        let reference = try LavaanReference(name)
        let data = ["hs-cfa": "holzinger-swineford-1939.csv", "poldem-sem": "political-democracy.csv", "trust-sem": "trust-simulated-400.csv"][name]!
        let fit = try reference.fitted(data: data)
        let p = fit.model.moments.variables.count
        #expect(fit.model.degreesOfFreedom == p * (p + 1) / 2 - fit.model.freeCount)
        let sigma = fit.impliedCovariance
        #expect(sigma.maxAbsDifference(sigma.transposed) == 0)
        #expect(try SymmetricEigen(sigma).values.allSatisfy { $0 > 0 })
    }
}

@Suite struct Diagnostics {
    /// Correlations .8, .8 and .5 imply a first loading of √(.8·.8/.5) > 1 and a negative residual
    /// variance: a Heywood case, estimated and flagged, not an error.
    @Test func heywoodCaseIsEstimatedAndFlagged() throws {
        let s = Matrix([[1, 0.8, 0.8], [0.8, 1, 0.5], [0.8, 0.5, 1]])
        let moments = SampleMoments(variables: ["y1", "y2", "y3"], means: [0, 0, 0], covariance: s, count: 200)
        let table = try ParameterTable(model: "f =~ y1 + y2 + y3")
        let fit = try SEMFit(try SEMModel(table: table, moments: moments))
        let theta = try #require(fit.estimates.first { $0.lhs == "y1" && $0.op == "~~" })
        #expect(abs(theta.estimate - (1 - 0.8 * 0.8 / 0.5)) < 1e-7)
        #expect(fit.diagnostics.contains { if case .negativeVariance("y1", _) = $0 { return true }; return false })
        #expect(fit.diagnostics.contains { if case .standardizedBeyondOne("f =~ y1", _) = $0 { return true }; return false })
    }
}
