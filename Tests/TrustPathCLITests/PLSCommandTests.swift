import Foundation
import Testing

/// `trustpath pls` through the command line, and what it refuses.
@Suite struct PLSCommand {
    static let repository = BundledData.repository.path
    static let model = repository + "/Surveys/reference/trust-pls.lav"
    static let data = repository + "/Surveys/reference/trust-simulated-400.csv"

    @Test func plsWritesSeminrsEstimatesAndTheTables() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["pls", Self.model, "--data", Self.data, "--bootstrap", "100", "--ci", "bca", "--folds", "5", "--repetitions", "1", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let fixture = Self.repository + "/Tests/TrustPathPLSTests/Fixtures/trust-path"
        let estimates = try readTable(out + "/estimates.csv")
        for path in try readTable(fixture + "/paths.csv") {
            let row = try #require(estimates.first { $0["op"] == "~" && $0["lhs"] == path["to"] && $0["rhs"] == path["from"] })
            #expect(abs((Double(row["est"] ?? "") ?? 0) - (Double(path["value"] ?? "") ?? .nan)) < 1e-6)
            #expect(!(row["se"] ?? "").isEmpty && !(row["f2"] ?? "").isEmpty)
        }
        let quality = try readTable(out + "/quality.csv")
        for reference in try readTable(fixture + "/reliability.csv") {
            let row = try #require(quality.first { $0["construct"] == reference["construct"] })
            #expect(abs((Double(row["rhoA"] ?? "") ?? 0) - (Double(reference["rhoA"] ?? "") ?? .nan)) < 1e-6)
        }
        #expect(FileManager.default.fileExists(atPath: out + "/predict.csv"))
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("## Structural model") && report.contains("95% BCa (bias-corrected and accelerated, jackknife acceleration) intervals from 100 bootstrap draws (seed 1)"))
        #expect(try readTable(out + "/scores.csv").count == 400)
    }

    @Test(arguments: [
        ("PT ~~ PI\n", 1, "a covariance (~~) has no meaning in PLS path modelling"),
        ("PI ~ age\n", 1, "'age' is not a construct; PLS paths connect constructs"),
        ("HA ~ PI\n", 1, "the paths form a cycle (HA -> PT -> PI -> HA)"),
        ("X =~ HA9\nX ~ PI\n", 1, "the indicator 'HA9' is not a column of the data; did you mean 'HA1'?"),
        ("Y =~ HA1\nY ~ PT\n", 1, "the indicator 'HA1' belongs to HA and Y"),
    ])
    func badModelsAreRefused(_ extra: String, _ status: Int32, _ message: String) throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try (try String(contentsOfFile: Self.model, encoding: .utf8) + extra).write(toFile: directory + "/model.lav", atomically: true, encoding: .utf8)
        let run = runTrustPath(["pls", directory + "/model.lav", "--data", Self.data, "--bootstrap", "0", "--out", directory + "/out"])
        #expect(run.status == status, "\(run.error)")
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }
}
