import Foundation
import Testing
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Population moments against lavaan's simulateData (tools/make-simulation-fixtures.R), and the
/// properties of the draws that R's random numbers cannot pin down.
@Suite struct PopulationModelTests {
    static func model(_ name: String) throws -> String {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return try String(contentsOfFile: base.appendingPathComponent("Fixtures/simulation/\(name).lav").path, encoding: .utf8)
    }

    static func reference(_ name: String) throws -> [[String: String]] {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return try LavaanReference.table(base.appendingPathComponent("Fixtures/simulation/population.csv").path).filter { $0["case"] == name }
    }

    @Test(arguments: [("trust-raw", PopulationModel.Scaling.raw, 1), ("trust-standardized", .standardized, 1),
                      ("two-groups-raw", .raw, 2), ("two-groups-standardized", .standardized, 2)])
    func impliedMomentsMatchSimulateData(name: String, scaling: PopulationModel.Scaling, groups: Int) throws {
        let population = try PopulationModel(model: Self.model(name), groupCount: groups, scaling: scaling)
        let rows = try Self.reference(name)
        #expect(rows.count == groups * population.variables.count * (population.variables.count + 1))
        for row in rows {
            let g = try #require(row["group"].flatMap(Int.init)) - 1
            let value = try #require(row["value"].flatMap(Double.init))
            let i = try #require(population.variables.firstIndex(of: row["row"] ?? ""))
            if row["kind"] == "mean" {
                #expect(abs(population.groups[g].means[i] - value) < 1e-12, "\(name) mean \(row["row"] ?? "")")
            } else {
                let j = try #require(population.variables.firstIndex(of: row["column"] ?? ""))
                #expect(abs(population.groups[g].covariance[i, j] - value) < 1e-12, "\(name) cov \(row["row"] ?? "") \(row["column"] ?? "")")
            }
        }
    }

    /// Surveys/cross-border-trust/population.lav with --standardized-latent gives the population that
    /// tools/make-sem-fixtures.R wrote out with every residual variance computed by hand.
    @Test func standardizedLatentMatchesTheHandComputedPopulation() throws {
        let population = try PopulationModel(model: Self.model("cross-border-standardized-latent"), scaling: .standardizedLatent)
        for row in try Self.reference("cross-border-explicit") where row["kind"] == "cov" {
            let i = try #require(population.variables.firstIndex(of: row["row"] ?? "")), j = try #require(population.variables.firstIndex(of: row["column"] ?? ""))
            #expect(abs(population.groups[0].covariance[i, j] - (Double(row["value"] ?? "") ?? .nan)) < 1e-12, "\(row["row"] ?? "") \(row["column"] ?? "")")
        }
    }

    @Test func standardizedLatentMakesEveryVarianceOne() throws {
        let model = "HA =~ 0.8*h1 + 0.7*h2 + 0.6*h3\nPT =~ 0.8*p1 + 0.7*p2 + 0.6*p3\nPI =~ 0.9*y1 + 0.7*y2 + 0.8*y3\nPT ~ 0.4*HA\nPI ~ 0.5*PT + 0.2*HA"
        let population = try PopulationModel(model: model, scaling: .standardizedLatent)
        let sigma = population.groups[0].covariance
        for i in 0..<sigma.rows { #expect(abs(sigma[i, i] - 1) < 1e-12) }
        let index = { (name: String) in population.variables.firstIndex(of: name) ?? -1 }
        // Cor(h1, p1) = .8 × Cor(HA, PT) × .8 with Cor(HA, PT) = .4; Cor(HA, PI) = .5 × .4 + .2 = .4.
        #expect(abs(sigma[index("h1"), index("p1")] - 0.8 * 0.4 * 0.8) < 1e-12)
        #expect(abs(sigma[index("h1"), index("y1")] - 0.8 * 0.4 * 0.9) < 1e-12)
        let residual = population.groups[0].rows.first { $0.row.isVariance && $0.row.lhs == "PI" }
        #expect(abs((residual?.value ?? 0) - (1 - (0.25 + 0.04 + 2 * 0.5 * 0.2 * 0.4))) < 1e-12)
    }

    @Test func badPopulationModelsAreNamed() throws {
        let tooLarge = #expect(throws: SimulationError.self) { try PopulationModel(model: "f =~ 1.1*x1 + 0.5*x2 + 0.5*x3", scaling: .standardized) }
        #expect(tooLarge?.message(file: "m.lav") == "m.lav: with standardized values, the model explains 1.21 of the variance of 'x1', more than 1; make its loadings or paths smaller")
        let groups = #expect(throws: SimulationError.self) { try PopulationModel(model: "f =~ x1 + c(0.5, 0.6, 0.7)*x2 + x3", groupCount: 2) }
        #expect(groups?.message(file: "m.lav") == "m.lav:1:28: c(...) for 'f =~ x2' gives 3 values, but there are 2 groups; give one value per group")
        #expect(throws: SimulationError.constraint(text: "a == b")) { try PopulationModel(model: "f =~ a*x1 + b*x2 + x3\na == b") }
        #expect(throws: SimulationError.self) { try LikertCut(categories: 5, thresholds: [-1, 0, 1]) }
        #expect(throws: SimulationError.self) { try LikertCut(categories: 4, thresholds: [0, -1, 1]) }
    }
}

@Suite struct SimulatedSampleTests {
    static let model = "HA =~ 0.8*h1 + 0.7*h2 + 0.6*h3\nPT =~ 0.8*p1 + 0.7*p2 + 0.6*p3\nPT ~ 0.4*HA\nPT ~ c(0, 0.5)*1"

    @Test func largeSamplesReproduceThePopulation() throws {
        let population = try PopulationModel(model: Self.model, groupCount: 2, scaling: .standardizedLatent)
        let sample = try SimulatedSample(population: population, sizes: [20_000, 20_000], seed: 7)
        let p = population.variables.count
        for g in 0..<2 {
            let rows = (0..<sample.count).filter { sample.groupOfRow[$0] == g }
            let cases = CompleteCases(variables: sample.variables, values: rows.flatMap { r in sample.values[(r * p)..<((r + 1) * p)] },
                                      count: rows.count, droppedRows: 0)
            let moments = SampleMoments(cases)
            // Standard error of a covariance near 1 with n = 20,000 is about .01; of a mean .007.
            #expect(moments.covariance.maxAbsDifference(population.groups[g].covariance) < 0.05)
            for i in 0..<p { #expect(abs(moments.means[i] - population.groups[g].means[i]) < 0.04) }
        }
    }

    /// Cuts use the first group's scale, so a latent mean difference shows in the answers.
    @Test func likertCutsKeepGroupDifferences() throws {
        let population = try PopulationModel(model: Self.model, groupCount: 2, scaling: .standardizedLatent)
        let sample = try SimulatedSample(population: population, sizes: [4000, 4000], seed: 2, likert: LikertCut(categories: 7))
        let p = sample.variables.count, item = try #require(sample.variables.firstIndex(of: "p1"))
        func mean(_ g: Int) -> Double {
            let rows = (0..<sample.count).filter { sample.groupOfRow[$0] == g }
            return rows.reduce(0) { $0 + sample.values[$1 * p + item] } / Double(rows.count)
        }
        // PT's mean is 0.5 SD higher in group 2; p1 loads .8, so its answers sit clearly higher.
        #expect(mean(1) - mean(0) > 0.3)
    }

    @Test func likertAndGapsAreSeededAndLeaveTheDrawsAlone() throws {
        let population = try PopulationModel(model: "HA =~ 0.8*h1 + 0.7*h2 + 0.6*h3\nPT =~ 0.8*p1 + 0.7*p2 + 0.6*p3\nPT ~ 0.4*HA", scaling: .standardized)
        let cut = try LikertCut(categories: 7)
        let a = try SimulatedSample(population: population, sizes: [500], seed: 11, likert: cut)
        let b = try SimulatedSample(population: population, sizes: [500], seed: 11, likert: cut, missingRate: 0.1)
        #expect(a.values == (try SimulatedSample(population: population, sizes: [500], seed: 11, likert: cut)).values)
        #expect(Set(a.values) == Set((1...7).map(Double.init)))
        let missing = b.values.filter(\.isNaN).count
        #expect(missing > 200 && missing < 400)  // 3,000 cells at 10%: 300 ± 16 (SD)
        #expect(zip(a.values, b.values).allSatisfy { $0 == $1 || $1.isNaN })
        #expect(try b.completeCases().count + b.completeCases().droppedRows == 500)
        let other = try SimulatedSample(population: population, sizes: [500], seed: 11, likert: cut, replication: 1)
        #expect(other.values != a.values)
    }
}

@Suite struct SimulationRoundTripTests {
    /// A model fitted to a large sample drawn from a standardized-latent population gives back the
    /// population's standardized paths (sampling error of a path with n = 5,000 is about .015).
    @Test func fittingTheDrawsRecoversThePopulationPaths() throws {
        let population = "HA =~ 0.8*h1 + 0.7*h2 + 0.75*h3\nPT =~ 0.8*p1 + 0.7*p2 + 0.75*p3\nPI =~ 0.85*y1 + 0.8*y2 + 0.7*y3\nPT ~ 0.45*HA\nPI ~ 0.5*PT + 0.15*HA"
        let sample = try SimulatedSample(population: PopulationModel(model: population, scaling: .standardizedLatent), sizes: [5000], seed: 3)
        let analysis = "PI =~ y1 + y2 + y3\nHA =~ h1 + h2 + h3\nPT =~ p1 + p2 + p3\nPT ~ HA\nPI ~ PT + HA"
        let table = try ParameterTable(model: analysis)
        let cases = try sample.completeCases(of: table.variables.observed)
        let fit = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)))
        let paths = Dictionary(uniqueKeysWithValues: fit.estimates.filter { $0.op == "~" || $0.op == "=~" }.map { ("\($0.lhs) \($0.op) \($0.rhs)", $0.stdAll) })
        for (path, value) in ["PT ~ HA": 0.45, "PI ~ PT": 0.5, "PI ~ HA": 0.15, "PT =~ p1": 0.8, "PI =~ y3": 0.7] {
            #expect(abs((paths[path] ?? 0) - value) < 0.05, "\(path): \(paths[path] ?? .nan)")
        }
    }
}
