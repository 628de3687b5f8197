import Foundation
import Testing
@testable import TrustPathCLI

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
