import Foundation
import Testing
@testable import TrustPathCLI

@Suite struct SimulateCommand {
    static let model = "HA =~ 0.8*h1 + 0.7*h2 + 0.6*h3\nPT =~ 0.8*p1 + c(0.7, 0.6)*p2 + 0.6*p3\nPT ~ c(0.5, 0.2)*HA\nPT ~ c(0, 0.4)*1\n"

    static func modelFile(_ text: String = model) throws -> String {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/population.lav"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func writesTheSameSurveyFileForTheSameSeed() throws {
        let model = try Self.modelFile(), out = temporaryDirectory()
        let arguments = ["simulate", model, "--groups", "live:120,short:80", "--group-column", "variant", "--standardized-latent",
                         "--likert", "5", "--missing-mcar", "0.05", "--survey-columns", "--seed", "9"]
        let first = runTrustPath(arguments + ["--out", out + "/a.csv"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.out.hasPrefix("Simulated 200 respondents in 2 groups (live 120, short 80) x 6 variables"))
        #expect(runTrustPath(arguments + ["--out", out + "/b.csv"]).status == 0)
        let a = try String(contentsOfFile: out + "/a.csv", encoding: .utf8)
        #expect(a == (try String(contentsOfFile: out + "/b.csv", encoding: .utf8)))
        let rows = try readTable(out + "/a.csv")
        #expect(a.hasPrefix("respondent_id,consent,duration_s,variant,h1,h2,h3,p1,p2,p3\n"))
        #expect(rows.count == 200)
        #expect(rows.filter { $0["variant"] == "live" }.count == 120)
        let answers = rows.flatMap { row in ["h1", "h2", "h3", "p1", "p2", "p3"].compactMap { row[$0] } }
        #expect(Set(answers) == ["", "1", "2", "3", "4", "5"])
        #expect(rows.allSatisfy { $0["consent"] == "yes" && Int($0["duration_s"] ?? "") != nil })
        let other = runTrustPath(arguments.dropLast(2) + ["--seed", "10", "--out", out + "/c.csv"])
        #expect(other.status == 0)
        #expect(try String(contentsOfFile: out + "/c.csv", encoding: .utf8) != a)
    }

    @Test func badRequestsAreRefusedWithoutOutput() throws {
        let model = try Self.modelFile(), out = temporaryDirectory()
        let both = runTrustPath(["simulate", model, "--n", "10", "--groups", "a:5,b:5", "--out", out + "/x.csv"])
        #expect(both.status == 2)
        #expect(both.error.contains("give either --n (one group) or --groups label:n,... (several)"))
        let oneGroup = runTrustPath(["simulate", model, "--n", "10", "--out", out + "/x.csv"])
        #expect(oneGroup.status == 1)
        #expect(oneGroup.error == "trustpath: error: \(model):2:28: c(...) for 'PT =~ p2' gives 2 values, but the data have one group; give one value per group\n")
        let thresholds = runTrustPath(["simulate", model, "--groups", "a:5,b:5", "--likert", "4", "--thresholds=-1,1", "--out", out + "/x.csv"])
        #expect(thresholds.status == 1)
        #expect(thresholds.error == "trustpath: error: 4 categories need 3 thresholds, got 2\n")
        let badGroups = runTrustPath(["simulate", model, "--groups", "a:5,b", "--out", out + "/x.csv"])
        #expect(badGroups.status == 2)
        #expect(badGroups.error.contains("--groups expects label:n pairs such as live:225,short:225; 'b' is not one"))
        let missing = runTrustPath(["simulate", model + ".none", "--n", "10", "--out", out + "/x.csv"])
        #expect(missing.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
