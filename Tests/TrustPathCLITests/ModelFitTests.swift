import Foundation
import Testing
@testable import TrustPathCLI

/// A model file written to a temporary folder for one test.
func modelFile(_ text: String) throws -> String {
    let path = temporaryDirectory() + ".lav"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite struct ModelFitCommands {
    static let repository = BundledData.repository
    static let holzinger = repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path

    @Test func cfaWritesLavaanShapedFilesAndASummary() throws {
        let directory = temporaryDirectory()
        let model = Self.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        let result = runTrustPath(["cfa", model, "--data", Self.holzinger, "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.out.contains("chi-square 85.306, df 24"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["estimates.csv", "fit.csv", "modindices.csv", "report.md", "residuals.csv", "standardized.csv"])
        let estimates = try String(contentsOfFile: directory + "/estimates.csv", encoding: .utf8).split(separator: "\n")
        #expect(estimates.first == "lhs,op,rhs,group,label,est,se,z,pvalue,ci.lower,ci.upper,std.lv,std.all")
        #expect(estimates.count == 25)
        #expect(estimates[1].hasPrefix("visual,=~,x1,1,,1.0,,,,1.0,1.0,"))
        let fit = try readTable(directory + "/fit.csv")
        let chisq = try #require(fit.first { $0["measure"] == "chisq" }?["value"].flatMap(Double.init))
        #expect(abs(chisq - 85.305521769794652) < 1e-6)
        let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(report.contains("| CFI | 0.931 | >= 0.95 | no |"))
        #expect(report.contains("Hu & Bentler 1999"))
    }

    @Test func stdLvFreesEveryLoading() throws {
        let directory = temporaryDirectory()
        let model = Self.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        #expect(runTrustPath(["cfa", model, "--data", Self.holzinger, "--std-lv", "--out", directory]).status == 0)
        let rows = try readTable(directory + "/estimates.csv")
        #expect(rows.filter { $0["op"] == "=~" }.allSatisfy { !($0["se"] ?? "").isEmpty })
        #expect(rows.first { $0["lhs"] == "visual" && $0["rhs"] == "visual" }?["est"] == "1.0")
    }

    /// The method notes say which information the standard errors came from, and only that.
    @Test func firstOrderInformationIsWhatTheReportSays() throws {
        let directory = temporaryDirectory()
        let model = Self.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        let run = runTrustPath(["cfa", model, "--data", Self.holzinger, "--information", "first.order", "--out", directory])
        #expect(run.status == 0, "\(run.error)")
        let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(report.contains("Standard errors from the first-order information"))
        #expect(!report.contains("expected information"))
    }

    static let badModels: [(model: String, status: Int32, message: String)] = [
        ("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x10\n", 1,
         "MODEL: the model uses 'x10', which is neither a column of the data nor a latent variable (=~); did you mean 'x1'?"),
        ("f =~ NA*x1 + x2 + x3\n", 1,
         "MODEL: the latent variable 'f' has no scale: its first loading is freed (NA*) and its variance is free; "
            + "fix one loading (1*x) or its variance (f ~~ 1*f), or use --std-lv"),
        ("f =~ x1 + x2\n", 1,
         "MODEL: the model has 4 free parameters but the data give only 3 sample moments (negative degrees of freedom); fix or remove parameters"),
        ("f =~ x1 + x2 + school\n", 1,
         "MODEL: the model variable 'school' is not numeric in the data; declare it numeric or map its labels (--likert-map)"),
        ("f =~ x1 + x2 x3\n", 1, "MODEL:1:14: unexpected text after the end of the statement\n    f =~ x1 + x2 x3\n                 ^"),
        ("f1 =~ x1 + x2\nf2 =~ x3 + x4\nf1 ~~ 0*f2\n", 3,
         "MODEL: the model is not identified: no unique estimate for f1 =~ x2, f2 =~ x4, x1 ~~ x1, x2 ~~ x2, x3 ~~ x3, f1 ~~ f1, f2 ~~ f2; "
            + "fix or constrain these parameters"),
        ("f =~ x1 + x2 + x3\nx1 < 2\n", 1,
         "MODEL:2:1: inequality constraints (< and >) are not supported yet; only == constraints are estimated"),
        ("ind := a*b\nf =~ x1 + x2 + x3\n", 1, "MODEL:1:1: 'a' is not the label of any parameter in the model"),
    ]

    @Test(arguments: badModels.indices)
    func badModelGivesItsMessageAndExitStatusAndNoFiles(_ index: Int) throws {
        let (text, status, message) = Self.badModels[index]
        let model = try modelFile(text)
        let directory = temporaryDirectory()
        let result = runTrustPath(["cfa", model, "--data", Self.holzinger, "--out", directory])
        #expect(result.status == status)
        #expect(result.error == "trustpath: error: " + message.replacingOccurrences(of: "MODEL", with: model) + "\n")
        #expect(result.out == "")
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func collinearDataNamesTheVariables() throws {
        let data = temporaryDirectory() + ".csv"
        let rows = (1...50).map { i in "\(i),\(Double(i % 7)),\(Double(i % 5) * 0.5),\(2 * Double(i % 7) + 1),\(Double(i % 3))" }
        try (["id,a,b,c,d"] + rows).joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let model = try modelFile("f =~ a + b + c + d\n")
        let result = runTrustPath(["cfa", model, "--data", data, "--text", "id", "--out", temporaryDirectory()])
        #expect(result.status == 1)
        #expect(result.error == "trustpath: error: \(model): the sample covariance matrix of the model variables is not positive definite "
            + "(linearly dependent: a, c); drop or combine those variables\n")
    }

    @Test func helpHasAnExample() {
        for verb in ["cfa", "sem"] {
            let result = runTrustPath([verb, "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Example:"))
            #expect(result.out.contains("--std-lv"))
        }
    }
}

@Suite struct BootstrapCommand {
    /// The same seed gives byte-identical estimates for 1 and 2 jobs, and a different seed does not.
    @Test func sameSeedSameFilesForAnyJobs() throws {
        let model = ModelFitCommands.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        func run(jobs: Int, seed: Int) throws -> String {
            let directory = temporaryDirectory()
            let result = runTrustPath(["cfa", model, "--data", ModelFitCommands.holzinger, "--bootstrap", "40", "--seed", "\(seed)",
                                       "--jobs", "\(jobs)", "--ci", "bc", "--out", directory])
            #expect(result.status == 0, "\(result.error)")
            return try String(contentsOfFile: directory + "/estimates.csv", encoding: .utf8)
        }
        let one = try run(jobs: 1, seed: 5), two = try run(jobs: 2, seed: 5)
        #expect(one == two)
        #expect(one != (try run(jobs: 1, seed: 6)))
        #expect(one.contains("visual,=~,x2,1,,0.5535"))
    }

    /// Across groups report.md shows the bootstrap standard errors of estimates.csv, not the
    /// normal-theory ones, and says where they come from.
    @Test func groupsReportShowsTheBootstrapErrors() throws {
        let model = ModelFitCommands.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        let directory = temporaryDirectory()
        let result = runTrustPath(["cfa", model, "--data", ModelFitCommands.holzinger, "--group", "school",
                                   "--bootstrap", "30", "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        let row = try #require(
            try readTable(directory + "/estimates.csv").first { $0["lhs"] == "visual" && $0["rhs"] == "x2" && $0["group"] == "2" })
        let se = try #require(row["se"].flatMap(Double.init))
        let report = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        let line = try #require(report.split(separator: "\n").filter { $0.hasPrefix("| visual =~ x2") }.last)
        #expect(line.contains(String(format: "%.3f", se)), "\(line) vs se \(se)")
        #expect(report.contains("bootstrap draws"))
    }

    @Test func badBootstrapOptionsAreUsageErrors() {
        let model = ModelFitCommands.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        #expect(runTrustPath(["cfa", model, "--data", ModelFitCommands.holzinger, "--bootstrap", "10", "--ci", "student"]).status == 2)
        #expect(runTrustPath(["cfa", model, "--data", ModelFitCommands.holzinger, "--bootstrap", "-1"]).status == 2)
        #expect(runTrustPath(["cfa", model, "--data", ModelFitCommands.holzinger, "--jobs", "0"]).status == 2)
    }
}

@Suite struct EffectsCommand {
    @Test func effectsAreWrittenForAMediationModelAndCanBeTurnedOff() throws {
        let repository = ModelFitCommands.repository
        let model = repository.appendingPathComponent("Surveys/reference/trust.lav").path
        let data = repository.appendingPathComponent("Surveys/reference/trust-simulated-400.csv").path
        let on = temporaryDirectory(), off = temporaryDirectory()
        #expect(runTrustPath(["sem", model, "--data", data, "--bootstrap", "30", "--jobs", "2", "--out", on]).status == 0)
        let rows = try readTable(on + "/effects.csv")
        let indirect = try #require(rows.first { $0["kind"] == "indirect" && $0["from"] == "HA" && $0["to"] == "PI" })
        #expect(abs((Double(indirect["est"] ?? "") ?? 0) - 0.13295056) < 1e-6)
        #expect(Double(indirect["ci.lower"] ?? "") ?? 0 > 0)
        #expect(runTrustPath(["sem", model, "--data", data, "--no-effects", "--out", off]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: off + "/effects.csv"))
    }
}

@Suite struct BollenStineCommand {
    @Test func bollenStineAddsItsPValueAndNeedsDraws() throws {
        let repository = ModelFitCommands.repository
        let model = repository.appendingPathComponent("Surveys/reference/political-democracy.lav").path
        let data = repository.appendingPathComponent("Surveys/reference/political-democracy.csv").path
        let directory = temporaryDirectory()
        #expect(runTrustPath(["sem", model, "--data", data, "--bootstrap", "50", "--bollen-stine", "--out", directory]).status == 0)
        let fit = try readTable(directory + "/fit.csv")
        let p = try #require(fit.first { $0["measure"] == "bollen.stine.pvalue" }?["value"].flatMap(Double.init))
        #expect((0...1).contains(p))
        #expect(runTrustPath(["sem", model, "--data", data, "--bollen-stine"]).status == 2)
    }
}

@Suite struct StandardizedOutput {
    /// standardized.csv matches lavaan's standardizedSolution(): every est.std and se, fixed loadings included.
    @Test func standardizedFileMatchesLavaan() throws {
        let repository = ModelFitCommands.repository
        let directory = temporaryDirectory()
        #expect(runTrustPath(["cfa", repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path,
                              "--data", ModelFitCommands.holzinger, "--out", directory]).status == 0)
        let ours = try readTable(directory + "/standardized.csv")
        let lavaan = try readTable(repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/hs-cfa/standardized.csv").path)
        #expect(ours.count == lavaan.count)
        for (row, reference) in zip(ours, lavaan) {
            #expect(row["lhs"] == reference["lhs"] && row["op"] == reference["op"] && row["rhs"] == reference["rhs"])
            for column in ["est.std", "se"] {
                let a = Double(row[column] ?? "") ?? .nan, b = Double(reference[column] ?? "") ?? .nan
                #expect(abs(a - b) < 1e-5 * max(1, abs(b)), "\(row["lhs"] ?? "") \(row["op"] ?? "") \(row["rhs"] ?? "") \(column): \(a) vs \(b)")
            }
        }
    }
}
