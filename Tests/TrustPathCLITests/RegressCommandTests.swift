import Foundation
import Testing
@testable import TrustPathCLI
import TrustPathResampling

@Suite struct RegressCommandTests {
    static let glbwarm = ModelFitCommands.repository.appendingPathComponent("Surveys/reference/process/glbwarm.csv").path

    @Test func olsWithBlocksWritesItsFiles() throws {
        let directory = temporaryDirectory()
        let result = runTrustPath(["regress", "govact ~ negemot + posemot + ideology + age + sex", "--data", Self.glbwarm,
                                   "--blocks", "2,3", "--se", "hc3", "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["blocks.csv", "coefficients.csv", "regress.md", "summary.csv"])
        let coefficients = try readTable(directory + "/coefficients.csv")
        #expect(coefficients.map { $0["term"] ?? "" } == ["(Intercept)", "negemot", "posemot", "ideology", "age", "sex"])
        let negemot = try #require(coefficients.first { $0["term"] == "negemot" })
        #expect(abs((Double(negemot["estimate"] ?? "") ?? 0) - 0.44078071306580341) < 1e-10)
        let blocks = try readTable(directory + "/blocks.csv")
        #expect(abs((Double(blocks[1]["delta.r.squared"] ?? "") ?? 0) - 0.05355942107212619) < 1e-10)
    }

    @Test func scaleScoresCanBeRegressed() throws {
        let directory = temporaryDirectory()
        let result = runTrustPath(["regress", "govact ~ emotion", "--data", Self.glbwarm, "--scale", "emotion=posemot,negemot", "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        #expect(try readTable(directory + "/coefficients.csv").map { $0["term"] ?? "" } == ["(Intercept)", "emotion"])
    }

    @Test func badInputAndUsage() {
        let unknown = runTrustPath(["regress", "govact ~ negemt", "--data", Self.glbwarm, "--out", temporaryDirectory()])
        #expect(unknown.status == 1)
        #expect(unknown.error == "trustpath: error: the formula uses 'negemt', which is not a column of the data; did you mean 'negemot'?\n")
        #expect(runTrustPath(["regress", "govact ~ negemot", "--data", Self.glbwarm, "--se", "hc9"]).status == 2)
        #expect(runTrustPath(["regress", "govact ~ negemot + age", "--data", Self.glbwarm, "--blocks", "1,2"]).status == 2)
        let binary = runTrustPath(["regress", "govact ~ negemot", "--data", Self.glbwarm, "--logistic", "--out", temporaryDirectory()])
        #expect(binary.status == 1)
        #expect(binary.error.hasPrefix("trustpath: error: logistic regression needs a 0/1 outcome, but 'govact' has the values"))
    }
}

@Suite struct ProcessCommandTests {
    static let pmi = ModelFitCommands.repository.appendingPathComponent("Surveys/reference/process/pmi.csv").path

    @Test func modelFourWritesEffectsWithBootstrapIntervals() throws {
        let directory = temporaryDirectory()
        let result = runTrustPath(["process", "--model", "4", "--x", "cond", "--m", "pmi", "--y", "reaction", "--data", Self.pmi,
                                   "--bootstrap", "500", "--seed", "2", "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        let effects = try readTable(directory + "/effects.csv")
        let indirect = try #require(effects.first { $0["effect"] == "indirect via pmi" })
        #expect(abs((Double(indirect["estimate"] ?? "") ?? 0) - 0.24133546431803143) < 1e-10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["coefficients.csv", "effects.csv", "process.md"])
    }

    @Test func modelOneWritesConditionalEffects() throws {
        let directory = temporaryDirectory()
        let result = runTrustPath(["process", "--model", "1", "--x", "negemot", "--w", "age", "--y", "govact", "--covariates", "posemot,ideology,sex",
                                   "--data", RegressCommandTests.glbwarm, "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        #expect(try readTable(directory + "/conditional.csv").map { $0["w"] ?? "" } == ["30.0", "51.0", "67.0"])
        let svg = try String(contentsOfFile: directory + "/johnson-neyman.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<polygon"))  // the confidence band
        #expect(try String(contentsOfFile: directory + "/simple-slopes.svg", encoding: .utf8).components(separatedBy: "<polyline").count == 4)
    }

    @Test func meanAndStandardDeviationProbing() throws {
        let directory = temporaryDirectory()
        let result = runTrustPath(["process", "--model", "1", "--x", "negemot", "--w", "age", "--y", "govact", "--probe", "meansd",
                                   "--data", RegressCommandTests.glbwarm, "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        let w = try readTable(directory + "/conditional.csv").compactMap { Double($0["w"] ?? "") }
        #expect(w.count == 3 && abs((w[2] - w[1]) - (w[1] - w[0])) < 1e-9 && abs(w[1] - 49.5362) < 1e-3)
    }

    @Test func wrongOptionsForTheModelAreUsageErrors() {
        let result = runTrustPath(["process", "--model", "1", "--x", "negemot", "--y", "govact", "--data", RegressCommandTests.glbwarm])
        #expect(result.status == 2)
        #expect(result.error == "trustpath: error: PROCESS model 1 needs a moderator (--w) and no mediator (--m)\n")
        #expect(runTrustPath(["process", "--model", "3", "--x", "a", "--y", "b", "--data", RegressCommandTests.glbwarm]).status == 2)
    }
}
