import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathStudy

@Suite struct PowerAnalysisTests {
    static let population = "X =~ 0.8*x1 + 0.7*x2 + 0.7*x3\nM =~ 0.8*m1 + 0.7*m2 + 0.7*m3\nY =~ 0.8*y1 + 0.7*y2 + 0.7*y3\nM ~ 0.5*X\nY ~ 0.5*M"
    static let model = "X =~ x1 + x2 + x3\nM =~ m1 + m2 + m3\nY =~ y1 + y2 + y3\nM ~ X\nY ~ M + X"

    static func analysis(_ hypothesis: String, jobs: Int, sizes: [Int] = [40, 200]) throws -> PowerAnalysis {
        let parsed = try Hypothesis.parse(hypothesis).get()
        return try PowerAnalysis(population: PopulationModel(model: population, scaling: .standardizedLatent), model: ParameterTable(model: model),
                                 hypothesis: parsed, sizes: sizes, replications: 40, seed: 5, jobs: jobs)
    }

    @Test func powerGrowsWithNAndIsTheSameOnAnyNumberOfJobs() throws {
        let one = try Self.analysis("H: indirect X -> M -> Y > 0", jobs: 1), two = try Self.analysis("H: indirect X -> M -> Y > 0", jobs: 2)
        #expect(one.points == two.points)
        #expect(one.points[0].power < one.points[1].power)
        #expect(one.points[1].power > 0.95)  // .25 standardized indirect effect, n = 200
        #expect(one.smallestSize(reaching: 0.8) == 200)
        // A true null (the direct path is 0 in the population) is "supported" about 2.5% of the time (one side of a 5% test).
        let null = try Self.analysis("H: Y ~ X > 0", jobs: 2, sizes: [200])
        #expect(null.points[0].power < 0.15)
    }

    @Test func aHypothesisTheModelLacksIsNamed() throws {
        #expect(throws: SimulationError.invalidOption("hypothesis H: the analysis model has no 'Y ~ Z'")) { try Self.analysis("H: Y ~ Z > 0", jobs: 1) }
    }
}
