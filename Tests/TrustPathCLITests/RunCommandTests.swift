import Foundation
import Testing
@testable import TrustPathCLI
import TrustPathStudy
import TrustPathSurvey

@Suite struct RunCommand {
    static let study = BundledData.repository.appendingPathComponent("Surveys/cross-border-trust")

    /// A copy of the bundled analysis with `replacements` applied, beside the study's files.
    static func analysis(_ replacements: [(String, String)], study: URL = study, data: ((String) -> String)? = nil) throws -> String {
        var text = try String(contentsOf: study.appendingPathComponent("analysis.yaml"), encoding: .utf8)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        text = text.replacingOccurrences(of: "hofstede: ../reference", with: "hofstede: " + BundledData.repository.appendingPathComponent("Surveys/reference").path)
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["instrument.yaml", "responses.csv", "model.lav"] where FileManager.default.fileExists(atPath: study.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(atPath: study.appendingPathComponent(name).path, toPath: directory + "/" + name)
        }
        if let data {
            let path = directory + "/responses.csv"
            try data(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }
        try text.write(toFile: directory + "/analysis.yaml", atomically: true, encoding: .utf8)
        return directory + "/analysis.yaml"
    }

    @Test func theBundledStudyGivesEveryTableTheSeparateCommandsAgreeAndNoPersonalValue() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try Self.analysis([("draws: 2000", "draws: 100")]), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        #expect(files == ["flow.csv", "screening.csv", "descriptives.csv", "reliability.csv", "validity.csv", "htmt.csv", "estimates.csv",
                          "fit.csv", "effects.csv", "hypotheses.csv", "path-diagram.svg", "report.md", "manifest.json",
                          "pls-estimates.csv", "pls-quality.csv", "pls-htmt.csv", "pls-predict.csv", "cbsem-vs-pls.csv"])
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        let sections = ["## Sample and screening", "## Descriptives", "## Measurement model", "## Structural model", "## Mediation",
                        "## PLS-SEM beside CB-SEM", "## Hypotheses", "## Method notes"]
        let positions = sections.compactMap { report.range(of: $0)?.lowerBound }
        #expect(positions.count == sections.count && positions == positions.sorted())
        #expect(report.contains("![Path diagram](path-diagram.svg)"))
        let hypotheses = try readTable(out + "/hypotheses.csv")
        #expect(hypotheses.map { $0["id"] ?? "" } == ["H1", "H2", "H3", "H4", "H5", "H6"])
        #expect(hypotheses.allSatisfy { $0["verdict"] == "supported" })

        // The same numbers as `screen` then `sem` on the screened data.
        let screenOut = temporaryDirectory(), semOut = temporaryDirectory()
        #expect(runTrustPath(["screen", "--data", Self.study.appendingPathComponent("responses.csv").path,
                              "--instrument", Self.study.appendingPathComponent("instrument.yaml").path, "--out", screenOut]).status == 0)
        let screened = screenOut + "/screened.csv"
        // screened.csv holds answers as given: recode the two reverse-keyed items as the study does.
        var text = try String(contentsOfFile: screened, encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let reversed = ["RR4", "PI4"].compactMap { header.firstIndex(of: $0) }
        text = ([header] + rows.dropFirst().map { row in
            row.enumerated().map { k, cell in reversed.contains(k) ? String(8 - (Int(cell) ?? 0)) : cell }
        }).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: screened, atomically: true, encoding: .utf8)
        #expect(runTrustPath(["sem", Self.study.appendingPathComponent("model.lav").path, "--data", screened, "--out", semOut]).status == 0)
        let fromRun = try readTable(out + "/estimates.csv"), fromSem = try readTable(semOut + "/estimates.csv")
        #expect(fromRun.map { $0["est"] ?? "" } == fromSem.map { $0["est"] ?? "" })
        #expect(try readTable(out + "/fit.csv") == (try readTable(semOut + "/fit.csv")))

        // method: both: the PLS side equals `trustpath pls` on the same screened rows.
        let plsModel = screenOut + "/pls.lav", plsOut = temporaryDirectory()
        let syntax = try String(contentsOfFile: Self.study.appendingPathComponent("model.lav").path, encoding: .utf8)
            .split(separator: "\n").filter { !$0.contains(":=") }.joined(separator: "\n")
        try syntax.write(toFile: plsModel, atomically: true, encoding: .utf8)
        #expect(runTrustPath(["pls", plsModel, "--data", screened, "--bootstrap", "100", "--seed", "20261125", "--out", plsOut]).status == 0)
        #expect(try readTable(out + "/pls-estimates.csv") == (try readTable(plsOut + "/estimates.csv")))
        #expect(try readTable(out + "/pls-quality.csv") == (try readTable(plsOut + "/quality.csv")))

        let personal = try ScreenCommand.personalValues()
        for name in files {
            let content = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(!personal.contains { content.contains($0) }, "\(name)")
        }
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"kept_after_screening\" : 400"))
    }

    @Test(arguments: [
        ([("bootstrap:", "bootstrapp:")], "unknown key 'bootstrapp' in the analysis; did you mean 'bootstrap'?"),
        ([("H5: PI ~ PT > 0", "H5: PI ~ SC > 0")], "hypothesis H5: the model has no 'PI ~ SC'"),
        ([("H6: indirect HA -> PT -> PI > 0", "H6: indirect HA -> SC -> PI > 0")], "hypothesis H6: the model has no 'indirect HA -> SC -> PI'"),
        ([("H1: PT ~ HA > 0", "H1: PT ~ HA")], "the effect must end with '> 0' or '< 0'"),
        ([("estimator: ml", "estimator: wlsm")],
         "estimator 'wlsm' is not one of ml, mlr, mlm, mlmv, mlmvs, gls, uls, dwls, wls, wlsmv, ulsmv"),
        ([("method: both", "method: plss")], "method 'plss' is not one of cbsem, pls or both; did you mean 'pls'?"),
        ([("method: both", "method: pls")], "method pls judges hypotheses by bootstrap intervals; set bootstrap draws above 0"),
    ])
    func badAnalysisFilesSayWhatIsWrong(_ replacements: [(String, String)], _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try Self.analysis(replacements + [("draws: 2000", "draws: 0")]), "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

@Suite struct PLSStudy {
    /// `method: pls` judges the hypotheses by the PLS bootstrap; its tables agree with each other and
    /// with the CB-SEM estimates beside them.
    @Test func plsJudgesTheHypothesesAndSitsBesideCBSEM() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("method: both", "method: pls"), ("draws: 2000", "draws: 200")]), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let pls = try readTable(out + "/pls-estimates.csv"), cbsem = try readTable(out + "/estimates.csv")
        let hypotheses = try readTable(out + "/hypotheses.csv")
        let h1 = try #require(hypotheses.first { $0["id"] == "H1" })
        let path = try #require(pls.first { $0["op"] == "~" && $0["lhs"] == "PT" && $0["rhs"] == "HA" })
        #expect(h1["est"] == path["est"])
        #expect(h1["ci.lower"] == path["ci.lower"] && h1["ci.upper"] == path["ci.upper"])
        for row in try readTable(out + "/cbsem-vs-pls.csv") {
            let p = try #require(pls.first { $0["op"] == "~" && $0["lhs"] == row["outcome"] && $0["rhs"] == row["predictor"] })
            let c = try #require(cbsem.first { $0["op"] == "~" && $0["lhs"] == row["outcome"] && $0["rhs"] == row["predictor"] })
            #expect(row["pls"] == p["est"] && row["cbsem.std"] == c["std.all"])
        }
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("The hypotheses below are judged by PLS-SEM"))
    }
}

@Suite struct RobustStudy {
    /// `estimator: mlr` in a study adds lavaan's scaled and robust statistics, equal to `sem --estimator mlr`.
    @Test func mlrInAStudyMatchesTheCommand() throws {
        let study = BundledData.repository.appendingPathComponent("Surveys/classic")
        let out = temporaryDirectory(), semOut = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("estimator: ml", "estimator: mlr"), ("draws: 1000", "draws: 0"),
                                                                ("data: ../reference/holzinger-swineford-1939.csv", "data: " + BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path)],
                                                               study: study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let sem = runTrustPath(["cfa", study.appendingPathComponent("model.lav").path, "--data", BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path,
                                "--estimator", "mlr", "--out", semOut])
        #expect(sem.status == 0, "\(sem.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(semOut + "/fit.csv")))
        #expect(try readTable(out + "/estimates.csv").map { $0["se"] ?? "" } == (try readTable(semOut + "/estimates.csv")).map { $0["se"] ?? "" })
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("Robust statistics: scaled χ²(24) = 87.132"))
    }
}

@Suite struct CommittedStudyReport {
    /// Reports/<study> is what `make run` writes; a rerun must reproduce it byte for byte
    /// (deterministic bootstrap streams, no timestamps), so a change that moves a number shows here.
    @Test(arguments: ["cross-border-trust", "culture", "classic", "campaign-ab"])
    func rerunningABundledStudyReproducesItsCommittedReport(study: String) throws {
        let committed = BundledData.repository.appendingPathComponent("Reports/\(study)").path
        let out = temporaryDirectory()
        let analysis = BundledData.repository.appendingPathComponent("Surveys/\(study)/analysis.yaml").path
        let run = runTrustPath(["run", analysis, "--jobs", "2", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let names = try FileManager.default.contentsOfDirectory(atPath: committed).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: out).sorted()))
        for name in names {
            let expected = try String(contentsOfFile: committed + "/" + name, encoding: .utf8)
            let actual = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(actual == expected, "\(name) differs from the committed report: run `make reports` and review the change")
        }
    }
}

@Suite struct CultureStudy {
    static let study = BundledData.repository.appendingPathComponent("Surveys/culture")

    /// H7's product term equals `screen` then `regress --scales --hofstede-by country --center` on the screened rows.
    @Test func moderationMatchesTheSeparateCommands() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("draws: 1000", "draws: 0")], study: Self.study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let moderation = try readTable(out + "/moderation.csv")
        #expect(moderation.map { $0["term"] ?? "" } == ["(Intercept)", "PT", "uai", "PT:uai", "HA", "(Intercept)", "SC", "idv", "SC:idv", "HA", "ID", "RR"])
        let slopes = try readTable(out + "/simple-slopes.csv")
        #expect(slopes.filter { $0["id"] == "H7" }.map { $0["group"] ?? "" } == ["CN", "GB", "ID", "DE", "KR", "FR"])
        let verdicts = try readTable(out + "/hypotheses.csv")
        #expect(verdicts.map { $0["verdict"] ?? "" } == Array(repeating: "supported", count: 8))

        let screenOut = temporaryDirectory(), regressOut = temporaryDirectory()
        let instrument = Self.study.appendingPathComponent("instrument.yaml").path
        #expect(runTrustPath(["screen", "--data", Self.study.appendingPathComponent("responses.csv").path, "--instrument", instrument, "--out", screenOut]).status == 0)
        let regress = runTrustPath(["regress", "PI ~ PT + uai + PT:uai + HA", "--data", screenOut + "/screened.csv", "--scales", instrument, "--center",
                                    "--hofstede-by", "country", "--hofstede-dir", BundledData.repository.appendingPathComponent("Surveys/reference").path,
                                    "--out", regressOut])
        #expect(regress.status == 0, "\(regress.error)")
        let coefficients = try readTable(regressOut + "/coefficients.csv")
        let h7 = moderation.filter { $0["id"] == "H7" }
        #expect(h7.map { $0["estimate"] ?? "" } == coefficients.map { $0["estimate"] ?? "" })
        #expect(h7.map { $0["beta"] ?? "" } == coefficients.map { $0["beta"] ?? "" })
        #expect(h7.map { $0["se"] ?? "" } == coefficients.map { $0["se"] ?? "" })
    }

    @Test(arguments: [
        ([("H7: PI ~ PT x uai > 0", "H7: PI ~ PT x uia > 0")], "hypothesis H7: the moderator 'uia' is neither a construct, a column of the data nor a Hofstede dimension"),
        ([("H7: PI ~ PT x uai > 0", "H7: PI ~ SC x uai > 0")], "hypothesis H7: the model has no 'PI ~ SC'"),
        ([("hofstede: ../reference\n", "")], "hypothesis H7 names the Hofstede dimension 'uai'; add 'hofstede: DIR'"),
        ([("H7: PI ~ PT x uai > 0", "H7: PI ~ PT x uai x idv > 0")], "write a moderation as 'Y ~ X x W'"),
    ])
    func badModerationsSayWhatIsWrong(_ replacements: [(String, String)], _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis(replacements + [("draws: 1000", "draws: 0")], study: Self.study), "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aCountryWithoutHofstedeScoresIsReportedWithItsLines() throws {
        let out = temporaryDirectory()
        let analysis = try RunCommand.analysis([("draws: 1000", "draws: 0")], study: Self.study) { text in
            text.replacingOccurrences(of: "S00002,yes,983,CN,", with: "S00002,yes,983,Atlantis,")
        }
        let run = runTrustPath(["run", analysis, "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains("column 'country': no Hofstede scores for 'Atlantis' (line 3)"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

@Suite struct ClassicStudy {
    /// The classic study is lavaan's Holzinger-Swineford CFA: every estimate and fit measure as in
    /// the lavaan fixture (tools/make-sem-fixtures.R), on all 301 children.
    @Test func runsLavaansTutorialModelEndToEnd() throws {
        let out = temporaryDirectory()
        let analysis = BundledData.repository.appendingPathComponent("Surveys/classic/analysis.yaml").path
        let run = runTrustPath(["run", analysis, "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let fixture = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/hs-cfa").path
        let lavaan = try readTable(fixture + "/estimates.csv"), ours = try readTable(out + "/estimates.csv")
        #expect(lavaan.count == ours.count)
        // The labelled covariances are user rows here, so they come earlier than in lavaan's unlabelled table.
        let byKey = Dictionary(uniqueKeysWithValues: ours.map { ("\($0["lhs"] ?? "") \($0["op"] ?? "") \($0["rhs"] ?? "")", $0) })
        for a in lavaan {
            let b = try #require(byKey["\(a["lhs"] ?? "") \(a["op"] ?? "") \(a["rhs"] ?? "")"])
            #expect(abs((Double(a["est"] ?? "") ?? .nan) - (Double(b["est"] ?? "") ?? .nan)) < 1e-6, "\(a["lhs"] ?? "") \(a["op"] ?? "") \(a["rhs"] ?? "")")
            #expect(abs((Double(a["std.all"] ?? "") ?? .nan) - (Double(b["std.all"] ?? "") ?? .nan)) < 1e-6)
        }
        let fit = Dictionary(uniqueKeysWithValues: try readTable(out + "/fit.csv").map { ($0["measure"] ?? "", Double($0["value"] ?? "") ?? .nan) })
        for row in try readTable(fixture + "/fit.csv") where ["chisq", "df", "cfi", "tli", "rmsea", "srmr"].contains(row["measure"] ?? "") {
            #expect(abs((fit[row["measure"] ?? ""] ?? .nan) - (Double(row["value"] ?? "") ?? .nan)) < 1e-6, "\(row["measure"] ?? "")")
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("| visual ↔ textual | 0.408 |"))
        #expect(try String(contentsOfFile: out + "/path-diagram.svg", encoding: .utf8).contains("Factor correlations;"))
    }
}

@Suite struct CampaignStudy {
    static let study = BundledData.repository.appendingPathComponent("Surveys/campaign-ab")

    /// The run's invariance table and group paths equal `invariance` and `sem --group` on the screened rows.
    @Test func groupComparisonMatchesTheSeparateCommands() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("draws: 1000", "draws: 0")], study: Self.study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let screenOut = temporaryDirectory(), invarianceOut = temporaryDirectory(), semOut = temporaryDirectory()
        let instrument = Self.study.appendingPathComponent("instrument.yaml").path
        #expect(runTrustPath(["screen", "--data", Self.study.appendingPathComponent("responses.csv").path, "--instrument", instrument, "--out", screenOut]).status == 0)
        let measurement = screenOut + "/measurement.lav"
        try "HA =~ HA1 + HA2 + HA3 + HA4\nID =~ ID1 + ID2 + ID3 + ID4\nPT =~ PT1 + PT2 + PT3 + PT4\nPI =~ PI1 + PI2 + PI3 + PI4\n"
            .write(toFile: measurement, atomically: true, encoding: .utf8)
        #expect(runTrustPath(["invariance", measurement, "--data", screenOut + "/screened.csv", "--group", "variant", "--out", invarianceOut]).status == 0)
        #expect(try readTable(out + "/invariance.csv") == (try readTable(invarianceOut + "/invariance.csv")))
        let sem = runTrustPath(["sem", Self.study.appendingPathComponent("model.lav").path, "--data", screenOut + "/screened.csv", "--group", "variant",
                                "--group-equal", "loadings", "--out", semOut])
        #expect(sem.status == 0, "\(sem.error)")
        let paths = try readTable(out + "/group-paths.csv"), estimates = try readTable(semOut + "/estimates.csv").filter { $0["op"] == "~" }
        #expect(Set(paths.map { "\($0["lhs"] ?? "")~\($0["rhs"] ?? "") \($0["group"] ?? "") \($0["est"] ?? "")" })
                == Set(estimates.map { "\($0["lhs"] ?? "")~\($0["rhs"] ?? "") \($0["group"] ?? "") \($0["est"] ?? "")" }))
        let verdicts = try readTable(out + "/hypotheses.csv")
        #expect(verdicts.map { $0["verdict"] ?? "" }
                == ["supported", "supported", "supported", "supported", "not supported", "supported", "not supported"])
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("In plain words: the questionnaire measures the constructs comparably across live and short (strict invariance)."))
    }

    /// A chain compared between groups (the live minus the short indirect effect of HA on PI via
    /// PT) is lavaan's := difference of the per-group products on the same rows
    /// (engine-two-market-defined): estimate 1e-6 and delta-method SE 1e-4; with the study's
    /// bootstrap, each path difference's interval is the bootstrap's and brackets the estimate.
    @Test func chainDifferencesBetweenGroupsMatchLavaan() throws {
        let data = try SurveyReader.read(Self.study.appendingPathComponent("responses.csv").path)
        let measurement = "HA =~ HA1 + HA2 + HA3 + HA4\nID =~ ID1 + ID2 + ID3 + ID4\nPT =~ PT1 + PT2 + PT3 + PT4\nPI =~ PI1 + PI2 + PI3 + PI4\n"
        let structural = try String(contentsOf: Self.study.appendingPathComponent("model.lav"), encoding: .utf8)
        let comparison = try GroupComparison(
            measurementModel: measurement, structuralModel: structural, data: data, groupColumn: "variant",
            constructs: ["HA", "ID", "PT", "PI"])
        let lavaanRows = try readTable(BundledData.repository.appendingPathComponent(
            "Tests/TrustPathSEMTests/Fixtures/engine-two-market-defined/estimates.csv").path)
        let lavaan = try #require(lavaanRows.first { $0["lhs"] == "indirect_difference" })
        let chain = try #require(comparison.resolve(.chain(["HA", "PT", "PI"]), first: "live", second: "short"))
        #expect(abs(chain.estimate - (Double(lavaan["est"] ?? "") ?? .nan)) < 1e-6)
        #expect(abs(chain.inference.standardError - (Double(lavaan["se"] ?? "") ?? .nan)) < 1e-4)
        let bootstrapped = try GroupComparison(
            measurementModel: measurement, structuralModel: structural, data: data, groupColumn: "variant",
            constructs: ["HA", "ID", "PT", "PI"], bootstrap: .init(draws: 200, seed: 3))
        let draws = try #require(bootstrapped.structuralBootstrap)
        #expect(draws.successfulDraws == 200)
        for path in bootstrapped.paths {
            let difference = try #require(path.differences.first)
            #expect(difference.inference.lower < difference.estimate && difference.estimate < difference.inference.upper)
            let wald = try #require(comparison.paths.first { $0.outcome == path.outcome && $0.predictor == path.predictor })
            #expect(difference.inference.standardError != wald.differences.first?.inference.standardError)
        }
    }

    /// A model with per-group labels and := parameters over them (engine-two-market-defined's): the
    /// comparison's multi-group fit gives lavaan's := rows (estimate 1e-5, delta-method SE 1e-4); in a
    /// study the pooled fit leaves the labels out (its estimates are the plain model's), and a
    /// hypothesis on the := difference equals the chain hypothesis C4, interval and all.
    @Test func definedParametersAcrossGroupsInAStudy() throws {
        let model = try String(
            contentsOf: BundledData.repository.appendingPathComponent(
                "Tests/TrustPathSEMTests/Fixtures/engine-two-market-defined/model.lav"), encoding: .utf8)
        let comparison = try GroupComparison(
            measurementModel: "HA =~ HA1 + HA2 + HA3 + HA4\nID =~ ID1 + ID2 + ID3 + ID4\nPT =~ PT1 + PT2 + PT3 + PT4\n"
                + "PI =~ PI1 + PI2 + PI3 + PI4\n", structuralModel: model,
            data: try SurveyReader.read(Self.study.appendingPathComponent("responses.csv").path), groupColumn: "variant",
            constructs: ["HA", "ID", "PT", "PI"])
        let lavaan = try readTable(BundledData.repository.appendingPathComponent(
            "Tests/TrustPathSEMTests/Fixtures/engine-two-market-defined/estimates.csv").path)
        for name in ["indirect_live", "indirect_short", "indirect_difference"] {
            let row = try #require(lavaan.first { $0["lhs"] == name })
            let ours = try #require(comparison.defined(name))
            #expect(abs(ours.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-5)
            #expect(abs(ours.inference.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-4)
        }
        let hypotheses = [("  - \"C4: indirect HA -> PT -> PI (live - short) > 0\"",
                           "  - \"C4: indirect HA -> PT -> PI (live - short) > 0\"\n  - \"D1: indirect_difference > 0\"")]
        let plain = temporaryDirectory(), labelled = temporaryDirectory()
        let plainRun = runTrustPath(["run", try RunCommand.analysis([("draws: 1000", "draws: 100")], study: Self.study), "--out", plain])
        #expect(plainRun.status == 0, "\(plainRun.error)")
        let analysis = try RunCommand.analysis(hypotheses + [("draws: 1000", "draws: 100")], study: Self.study)
        try model.write(toFile: (analysis as NSString).deletingLastPathComponent + "/model.lav", atomically: true, encoding: .utf8)
        let run = runTrustPath(["run", analysis, "--out", labelled])
        #expect(run.status == 0, "\(run.error)")
        #expect(try readTable(labelled + "/estimates.csv") == (try readTable(plain + "/estimates.csv")))
        let verdicts = try readTable(labelled + "/hypotheses.csv")
        let chain = try #require(verdicts.first { $0["id"] == "C4" }), defined = try #require(verdicts.first { $0["id"] == "D1" })
        for column in ["est", "se", "ci.lower", "ci.upper", "pvalue", "verdict"] { #expect(chain[column] == defined[column], "\(column)") }
        let report = try String(contentsOfFile: labelled + "/report.md", encoding: .utf8)
        #expect(report.contains("D1 names a parameter of the structural model across the groups of `variant`"))
    }

    @Test(arguments: [
        ([("C1: mean PT (live - short) > 0", "C1: mean PT (live - video) > 0")], "hypothesis C1: 'video' is not a group of 'variant' (live, short)"),
        ([("groups: variant", "groups: varaint")], "'groups: varaint' is not a column of the data; did you mean 'variant'?"),
        ([("groups: variant\n", "")], "hypothesis C1 compares groups, but the analysis names no group column; add 'groups: COLUMN'"),
        ([("C3: PT ~ ID (live - short) > 0", "C3: PI ~ ID (live - short) > 0")], "hypothesis C3: the model has no 'PI ~ ID (live - short)'"),
        ([("C4: indirect HA -> PT -> PI", "C4: indirect HA -> ID -> PI")], "hypothesis C4: the model has no 'indirect HA -> ID -> PI (live - short)'"),
        ([("C4: indirect HA -> PT -> PI", "C4: total HA -> PI")], "a total effect is not compared between groups"),
    ])
    func badGroupComparisonsSayWhatIsWrong(_ replacements: [(String, String)], _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis(replacements + [("draws: 1000", "draws: 0")], study: Self.study), "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

@Suite struct CommittedCommandReports {
    /// `make run` also writes Reports/trust-measure and Reports/trust-sem; rerunning those commands
    /// must reproduce them byte for byte.
    @Test(arguments: [
        ("trust-measure", ["measure", "--data", "Surveys/reference/trust-likert-400.csv", "--instrument", "Surveys/reference/trust-instrument.yaml", "--cmb"]),
        ("trust-sem", ["sem", "Surveys/reference/trust.lav", "--data", "Surveys/reference/trust-simulated-400.csv"]),
    ])
    func rerunningReproducesTheCommittedReport(report: String, arguments: [String]) throws {
        let repository = BundledData.repository.path
        let out = temporaryDirectory()
        let absolute = arguments.map { $0.hasPrefix("Surveys/") ? repository + "/" + $0 : $0 }
        let run = runTrustPath(absolute + ["--out", out])
        #expect(run.status == 0, "\(run.error)")
        let committed = repository + "/Reports/" + report
        let names = try FileManager.default.contentsOfDirectory(atPath: committed).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: out).sorted()))
        for name in names {
            #expect(try String(contentsOfFile: out + "/" + name, encoding: .utf8) == (try String(contentsOfFile: committed + "/" + name, encoding: .utf8)),
                    "\(name) differs from Reports/\(report): run `make reports` and review the change")
        }
    }
}

@Suite struct LeastSquaresStudy {
    /// A study takes any lavaan estimator: with `estimator: uls` its bootstrap refits each draw by ULS,
    /// exactly as `cfa --estimator uls --bootstrap` with the same seed, and the method notes say so.
    @Test func ulsInAStudyMatchesTheCommand() throws {
        let study = BundledData.repository.appendingPathComponent("Surveys/classic")
        let out = temporaryDirectory(), cfaOut = temporaryDirectory()
        let data = study.appendingPathComponent("../reference/holzinger-swineford-1939.csv").standardized.path
        let run = runTrustPath([
            "run",
            try RunCommand.analysis(
                [("estimator: ml", "estimator: uls"), ("draws: 1000", "draws: 100"),
                 ("data: ../reference/holzinger-swineford-1939.csv", "data: " + data)], study: study),
            "--out", out,
        ])
        #expect(run.status == 0, "\(run.error)")
        let cfa = runTrustPath([
            "cfa", study.appendingPathComponent("model.lav").path, "--data", data, "--estimator", "uls", "--bootstrap", "100",
            "--seed", "1939", "--out", cfaOut,
        ])
        #expect(cfa.status == 0, "\(cfa.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(cfaOut + "/fit.csv")))
        let studySEs = try readTable(out + "/estimates.csv").map { $0["se"] ?? "" }
        #expect(studySEs == (try readTable(cfaOut + "/estimates.csv")).map { $0["se"] ?? "" })
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("unweighted least squares (lavaan's ULS)"))
        #expect(report.contains("ULS on 301 complete rows: χ²(24) = "))
        #expect(report.contains("from 100 nonparametric bootstrap draws (seed 1939)"))
    }
}

@Suite struct FIMLStudy {
    /// `missing: fiml` (with `estimator: mlr`) fits the structural model as `cfa --missing fiml --estimator mlr` does,
    /// and its bootstrap (which replaces MLR's sandwich, as lavaan's se = "bootstrap") is `cfa`'s FIML bootstrap
    /// with MLR's Yuan-Bentler test.
    @Test func fimlInAStudyMatchesTheCommand() throws {
        let study = BundledData.repository.appendingPathComponent("Surveys/classic")
        let data = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/data.csv").path
        let out = temporaryDirectory(), semOut = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("missing: listwise", "missing: fiml"), ("estimator: ml", "estimator: mlr"), ("draws: 1000", "draws: 100"),
                                                                ("data: ../reference/holzinger-swineford-1939.csv", "data: " + data)], study: study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let sem = runTrustPath(["cfa", study.appendingPathComponent("model.lav").path, "--data", data, "--missing", "fiml", "--estimator", "mlr", "--out", semOut])
        #expect(sem.status == 0, "\(sem.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(semOut + "/fit.csv")))
        let bootOut = temporaryDirectory()
        let boot = runTrustPath([
            "cfa", study.appendingPathComponent("model.lav").path, "--data", data, "--missing", "fiml", "--bootstrap", "100",
            "--seed", "1939", "--test", "yuan.bentler.mplus", "--information", "observed", "--out", bootOut,
        ])
        #expect(boot.status == 0, "\(boot.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(bootOut + "/fit.csv")))
        let studySEs = try readTable(out + "/estimates.csv").map { $0["se"] ?? "" }
        #expect(studySEs == (try readTable(bootOut + "/estimates.csv")).map { $0["se"] ?? "" })
        #expect(studySEs != (try readTable(semOut + "/estimates.csv")).map { $0["se"] ?? "" })
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("Full-information maximum likelihood on 301 rows"))
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"missing\" : \"fiml\""))
        let refused = runTrustPath(["run", try RunCommand.analysis([("missing: listwise", "missing: fiml"), ("estimator: ml", "estimator: mlm")], study: study), "--out", temporaryDirectory()])
        #expect(refused.status == 1)
        #expect(refused.error.contains("estimator MLM with missing = fiml is refused, as lavaan refuses it"))
    }
}

@Suite struct OrdinalStudy {
    /// `ordered: all` in a study with a bootstrap: the structural model by DWLS (WLSMV's estimates; lavaan
    /// takes se = "bootstrap" only under that name) with the scaled-shifted test, the same fit and bootstrap
    /// SEs as `cfa --ordered all --estimator dwls --test scaled.shifted --bootstrap 100`, and the report says so.
    @Test func wlsmvInAStudyMatchesTheCommand() throws {
        let study = BundledData.repository.appendingPathComponent("Surveys/classic")
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Holzinger-Swineford's nine tests cut into ordered categories of two points each.
        let lines = try String(contentsOfFile: BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path,
                               encoding: .utf8).split(separator: "\n").map(String.init)
        let cut = [lines[0]] + lines.dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { field in
                guard field.offset >= 6, let value = Double(field.element) else { return String(field.element) }
                return String(Int((value / 2).rounded(.down)) + 1)
            }.joined(separator: ",")
        }
        let data = directory + "/ordinal.csv"
        try (cut.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let out = temporaryDirectory(), cfaOut = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("estimator: ml", "estimator: wlsmv\nordered: all"), ("draws: 1000", "draws: 100"),
                                                                ("data: ../reference/holzinger-swineford-1939.csv", "data: " + data)], study: study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let seed = try #require(
            try String(contentsOf: study.appendingPathComponent("analysis.yaml"), encoding: .utf8)
                .firstMatch(of: /seed: (\d+)/)?.1)
        let cfa = runTrustPath(["cfa", study.appendingPathComponent("model.lav").path, "--data", data, "--ordered", "all",
                                "--estimator", "dwls", "--test", "scaled.shifted", "--bootstrap", "100", "--seed", String(seed),
                                "--out", cfaOut])
        #expect(cfa.status == 0, "\(cfa.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(cfaOut + "/fit.csv")))
        // The study lists the model's rows; the command adds the thresholds, scale factors and intercepts.
        let key = { (row: [String: String]) in "\(row["lhs"] ?? "") \(row["op"] ?? "") \(row["rhs"] ?? "")" }
        let command = Dictionary(try readTable(cfaOut + "/estimates.csv").map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for row in try readTable(out + "/estimates.csv") {
            for column in ["se", "ci.lower", "ci.upper", "pvalue"] { #expect(row[column] == command[key(row)]?[column], "\(key(row)) \(column)") }
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("DWLS on 301 complete rows") && report.contains("scaled-shifted χ²"))
        #expect(report.contains("nonparametric bootstrap draws"))
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"ordered\" : \"all\""))
    }

    /// `missing: pairwise` with `ordered: all`: the structural model by pairwise deletion, the same
    /// fit as `cfa --ordered all --missing pairwise`, and the report and manifest say so.
    @Test func pairwiseDeletionInAStudyMatchesTheCommand() throws {
        let study = BundledData.repository.appendingPathComponent("Surveys/classic")
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The nine tests cut into ordered categories; every 5th row misses one answer, x1 to x9 in turn.
        let lines = try String(contentsOfFile: BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path,
                               encoding: .utf8).split(separator: "\n").map(String.init)
        let cut = [lines[0]] + lines.dropFirst().enumerated().map { row, line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { field in
                guard field.offset >= 6, let value = Double(field.element) else { return String(field.element) }
                return row % 5 == 0 && field.offset == 6 + (row / 5) % 9 ? "" : String(Int((value / 2).rounded(.down)) + 1)
            }.joined(separator: ",")
        }
        let data = directory + "/ordinal-missing.csv"
        try (cut.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let out = temporaryDirectory(), cfaOut = temporaryDirectory()
        let run = runTrustPath(["run", try RunCommand.analysis([("estimator: ml", "estimator: wlsmv\nordered: all"), ("missing: listwise", "missing: pairwise"),
                                                                ("draws: 1000", "draws: 100"),
                                                                ("data: ../reference/holzinger-swineford-1939.csv", "data: " + data)], study: study), "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let cfa = runTrustPath(["cfa", study.appendingPathComponent("model.lav").path, "--data", data, "--ordered", "all",
                                "--missing", "pairwise", "--out", cfaOut])
        #expect(cfa.status == 0, "\(cfa.error)")
        #expect(try readTable(out + "/fit.csv") == (try readTable(cfaOut + "/fit.csv")))
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("rows under pairwise deletion") && report.contains("Missing data: the structural model by pairwise deletion"))
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"missing\" : \"pairwise\""))
    }
}
