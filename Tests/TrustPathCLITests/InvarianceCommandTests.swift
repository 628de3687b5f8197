import Foundation
import Testing
@testable import TrustPathCLI

@Suite struct InvarianceCommand {
    static let model = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup/model.lav").path
    static let data = BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path

    static func lavaanFit(_ level: String) throws -> [String: Double] {
        let path = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup/\(level)/fit.csv").path
        return try readTable(path).reduce(into: [:]) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
    }

    @Test func theSequenceMatchesLavaanAndSaysWhatHolds() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["invariance", Self.model, "--data", Self.data, "--group", "school", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/invariance.csv")
        #expect(rows.map { $0["level"] ?? "" } == ["configural", "metric", "scalar", "strict"])
        for row in rows {
            let lavaan = try Self.lavaanFit(row["level"] ?? "")
            for key in ["chisq", "df", "cfi", "tli", "rmsea", "srmr"] {
                #expect(abs((Double(row[key] ?? "") ?? .nan) - (lavaan[key] ?? .nan)) < 1e-4, "\(row["level"] ?? "") \(key)")
            }
        }
        // lavaan's anova(configural, metric): chi-square difference 8.192 on 6 df.
        #expect(abs((Double(rows[1]["chisq.diff"] ?? "") ?? .nan) - ((try Self.lavaanFit("metric"))["chisq"]! - (try Self.lavaanFit("configural"))["chisq"]!)) < 1e-4)
        #expect(rows.map { $0["holds"] ?? "" } == ["yes", "yes", "no", "yes"])
        #expect(run.out.contains("Highest level supported: metric invariance"))
        let report = try String(contentsOfFile: out + "/invariance.md", encoding: .utf8)
        #expect(report.contains("| 1 | Pasteur | 156 |") && report.contains("| 2 | Grant-White | 145 |"))
    }

    @Test func multiGroupSEMWritesLavaansRowsWithGroupNumbers() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["cfa", Self.model, "--data", Self.data, "--group", "school", "--group-equal", "loadings", "--group-partial", "visual =~ x2", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv")
        let lavaan = try readTable(BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup/metric-partial/estimates.csv").path)
        #expect(ours.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")\($0["group"] ?? "")" } == lavaan.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")\($0["group"] ?? "")" })
        for (a, b) in zip(ours, lavaan) {
            #expect(abs((Double(a["est"] ?? "") ?? .nan) - (Double(b["est"] ?? "") ?? .nan)) < 1e-4)
        }
        // Modification indices of both groups, and the report's largest with their groups.
        let indices = try readTable(out + "/modindices.csv")
        #expect(Set(indices.map { $0["group"] ?? "" }) == ["1", "2"])
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("## Largest modification indices") && report.contains("| group | parameter | mi |"))
    }

    @Test(arguments: [
        (["--group", "sex", "--group-equal", "loading"], 2, "'loading' is not a --group-equal class"),
        (["--group", "school", "--group-equal", "loadings", "--group-partial", "visual =~ x7"], 1, "--group-partial names 'visual =~ x7', which is not a parameter of the model"),
        (["--group", "id"], 1, "group '1' has only 1 complete rows for 9 model variables"),
        (["--group-equal", "loadings"], 2, "--group-equal and --group-partial need --group COLUMN"),
        (["--group", "school", "--estimator", "uls", "--bootstrap", "10"], 2, "estimator ULS across groups with se = bootstrap is not available yet"),
        (["--group", "schol"], 1, "schol"),
    ])
    func badGroupRequestsAreRefused(_ extra: [String], _ status: Int32, _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["cfa", Self.model, "--data", Self.data] + extra + ["--out", out])
        #expect(run.status == status, "\(run.error)")
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aGroupColumnWithOneValueIsRefused() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = try String(contentsOfFile: Self.data, encoding: .utf8)
        text = text.replacingOccurrences(of: "Grant-White", with: "Pasteur")
        try text.write(toFile: directory + "/one.csv", atomically: true, encoding: .utf8)
        let run = runTrustPath(["invariance", Self.model, "--data", directory + "/one.csv", "--group", "school", "--out", directory + "/out"])
        #expect(run.status == 1)
        #expect(run.error.contains("the group column 'school' has only one group ('Pasteur'); a multi-group model needs at least two"))
    }
}

@Suite struct RobustInvarianceCommand {
    /// `invariance --estimator mlr`: scaled χ², Satorra-Bentler scaled differences and robust indices, as lavaan.
    @Test func mlrSequenceMatchesLavTestLRT() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["invariance", InvarianceCommand.model, "--data", InvarianceCommand.data, "--group", "school", "--estimator", "mlr", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/invariance.csv")
        let lrt = try readTable(BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-mlr/lrt.csv").path)
        #expect(rows.map { $0["level"] ?? "" } == lrt.map { $0["level"] ?? "" })
        for (ours, theirs) in zip(rows.dropFirst(), lrt.dropFirst()) {
            let chisq = Double(theirs["chisq.diff"] ?? "") ?? .nan
            #expect(abs((Double(ours["chisq.diff.scaled"] ?? "") ?? .nan) - chisq) < 1e-4 * chisq, "\(theirs["level"] ?? "")")
        }
        for row in rows {
            let fit = try readTable(BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-mlr/\(row["level"] ?? "")/fit.csv").path)
                .reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
            for key in ["chisq.scaled", "cfi.robust", "rmsea.robust"] {
                let value = fit[key] ?? .nan
                #expect(abs((Double(row[key] ?? "") ?? .nan) - value) < 1e-4 * max(1, value), "\(row["level"] ?? "") \(key)")
            }
        }
        let report = try String(contentsOfFile: out + "/invariance.md", encoding: .utf8)
        #expect(report.contains("Satorra-Bentler (2001) scaled difference"))
        let refused = runTrustPath(["invariance", InvarianceCommand.model, "--data", InvarianceCommand.data, "--group", "school", "--estimator", "uls"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("--estimator must be ml, mlr, mlm or wlsmv for invariance, not 'uls'"))
    }

    /// `invariance --estimator mlm`: Satorra-Bentler scaled statistics and differences, as lavaan's MLM.
    @Test func mlmSequenceMatchesLavTestLRT() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["invariance", InvarianceCommand.model, "--data", InvarianceCommand.data, "--group", "school", "--estimator", "mlm", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/invariance.csv")
        let lrt = try readTable(BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-mlm/lrt.csv").path)
        #expect(rows.map { $0["level"] ?? "" } == lrt.map { $0["level"] ?? "" })
        for (ours, theirs) in zip(rows.dropFirst(), lrt.dropFirst()) {
            let chisq = Double(theirs["chisq.diff"] ?? "") ?? .nan
            #expect(abs((Double(ours["chisq.diff.scaled"] ?? "") ?? .nan) - chisq) < 1e-4 * chisq, "\(theirs["level"] ?? "")")
        }
        #expect(try String(contentsOfFile: out + "/invariance.md", encoding: .utf8).contains("With MLM the χ² are Satorra-Bentler scaled"))
    }

    /// `cfa --group --estimator mlr` writes lavaan's multi-group MLR standard errors.
    @Test func multiGroupMLRMatchesLavaan() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["cfa", InvarianceCommand.model, "--data", InvarianceCommand.data, "--group", "school", "--group-equal", "loadings,intercepts",
                                "--estimator", "mlr", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv")
        let lavaan = try readTable(BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-mlr/scalar/estimates.csv").path)
        #expect(ours.count == lavaan.count)
        for (a, b) in zip(ours, lavaan) {
            #expect(abs((Double(a["se"] ?? "") ?? 0) - (Double(b["se"] ?? "") ?? .nan)) < 1e-4, "\(b["lhs"] ?? "") \(b["op"] ?? "") \(b["rhs"] ?? "")")
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("Robust maximum likelihood (lavaan's MLR)") && report.contains("N = 301 over 2 groups of 'school'"))
    }
}

@Suite struct RobustEstimatorCommand {
    /// `cfa --estimator mlr` writes lavaan's MLR standard errors and scaled/robust fit measures.
    @Test func mlrMatchesLavaanThroughTheCommandLine() throws {
        let out = temporaryDirectory()
        let repository = BundledData.repository.path
        let run = runTrustPath(["cfa", repository + "/Surveys/reference/holzinger-swineford.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                "--estimator", "mlr", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv"), lavaan = try readTable(repository + "/Tests/TrustPathSEMTests/Fixtures/mlr/hs/estimates.csv")
        for (a, b) in zip(ours, lavaan) {
            #expect(abs((Double(a["se"] ?? "") ?? 0) - (Double(b["se"] ?? "") ?? .nan)) < 1e-4, "\(b["lhs"] ?? "") \(b["op"] ?? "") \(b["rhs"] ?? "")")
        }
        let fit = try readTable(out + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        #expect(abs((fit["chisq.scaled"] ?? 0) - 87.131603366625015) < 1e-4)
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("Yuan-Bentler (Mplus) scaled test") && report.contains("| chi-square (df = 24) | 87.132 |"))
        #expect(report.contains(String(format: "| CFI | %.3f |", fit["cfi.robust"] ?? .nan)), "the fit table leads with the robust CFI")
        let refused = runTrustPath(["cfa", repository + "/Surveys/reference/holzinger-swineford.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                    "--estimator", "mlr", "--bootstrap", "100"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("se = bootstrap with estimator MLR is refused, as lavaan refuses it: the bootstrap replaces the robust standard errors"))
        let mlm = runTrustPath(["cfa", repository + "/Surveys/reference/holzinger-swineford.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                "--estimator", "mlm", "--out", out + "-mlm"])
        #expect(mlm.status == 0, "\(mlm.error)")
        let sb = try readTable(out + "-mlm/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let lavaanMLM = try readTable(repository + "/Tests/TrustPathSEMTests/Fixtures/mlm/hs/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        #expect(abs((sb["chisq.scaled"] ?? 0) - (lavaanMLM["chisq.scaled"] ?? .nan)) < 1e-4)
        let unknown = runTrustPath(["cfa", repository + "/Surveys/reference/holzinger-swineford.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                    "--missing", "ml.x"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("missing = ml.x is not available yet: available: listwise, fiml, and pairwise for ordered items"))
    }
}

@Suite struct FIMLCommand {
    /// `sem --missing fiml --estimator mlr` is lavaan's robust FIML: sandwich SEs, scaled test, FIML-corrected robust indices.
    @Test func robustFIMLMatchesLavaan() throws {
        let repository = BundledData.repository.path
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", repository + "/Surveys/reference/trust.lav", "--data", repository + "/Surveys/reference/trust-simulated-400-mcar8.csv",
                                "--missing", "fiml", "--estimator", "mlr", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let lavaan = repository + "/Tests/TrustPathSEMTests/Fixtures/fiml/trust-mlr"
        let ours = try readTable(out + "/estimates.csv"), theirs = try readTable(lavaan + "/estimates.csv")
        let se = Dictionary(ours.map { ("\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")", Double($0["se"] ?? "") ?? 0) }, uniquingKeysWith: { a, _ in a })
        for row in theirs {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            #expect(abs((se[key] ?? .nan) - (Double(row["se"] ?? "") ?? .nan)) < 1e-4, "\(key)")
        }
        let fit = try readTable(out + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let reference = try readTable(lavaan + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        for key in ["chisq.scaled", "chisq.scaling.factor", "cfi.robust", "rmsea.robust"] {
            #expect(abs((fit[key] ?? .nan) - (reference[key] ?? .nan)) < 1e-4, "\(key)")
        }
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("FIML-corrected"))
    }

    /// `sem --missing fiml` fits lavaan's missing = "ml"; a row with nothing observed is left out and said.
    @Test func fimlMatchesLavaanAndSaysWhatItLeftOut() throws {
        let repository = BundledData.repository.path
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = try String(contentsOfFile: repository + "/Surveys/reference/trust-simulated-400-mcar8.csv", encoding: .utf8)
        text += String(repeating: ",", count: 23) + "\n"  // a row with every answer missing
        try text.write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        let run = runTrustPath(["sem", repository + "/Surveys/reference/trust.lav", "--data", directory + "/data.csv", "--missing", "fiml", "--out", directory + "/out"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("1 rows with every model variable missing were left out"))
        let fit = try readTable(directory + "/out/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let lavaan = try readTable(repository + "/Tests/TrustPathSEMTests/Fixtures/fiml/trust/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        #expect(abs((fit["chisq"] ?? 0) - (lavaan["chisq"] ?? .nan)) < 1e-4)
        #expect(fit["ntotal"] == 400)
        let refused = runTrustPath(["sem", repository + "/Surveys/reference/trust.lav", "--data", directory + "/data.csv", "--missing", "fiml", "--estimator", "mlm"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("estimator MLM with missing = fiml is refused, as lavaan refuses it"))
        let unknown = runTrustPath(["sem", repository + "/Surveys/reference/trust.lav", "--data", directory + "/data.csv", "--missing", "pairwise"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("missing = pairwise without ordered items is not available yet: pairwise deletion is available for WLSMV"))
    }
}

@Suite struct OrdinalGroupsCommand {
    static let model = BundledData.repository.appendingPathComponent("Surveys/campaign-ab/model.lav").path
    static let data = BundledData.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path
    static let fixtures = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/wlsmv-groups").path

    /// `sem --group --ordered all --group-equal loadings,thresholds` writes lavaan's scalar WLSMV rows.
    @Test func multiGroupWLSMVMatchesLavaan() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", Self.model, "--data", Self.data, "--group", "variant", "--ordered", "all", "--group-equal", "loadings,thresholds", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv"), lavaan = try readTable(Self.fixtures + "/scalar/estimates.csv")
        #expect(ours.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")\($0["group"] ?? "")" } == lavaan.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")\($0["group"] ?? "")" })
        for (a, b) in zip(ours, lavaan) {
            #expect(abs((Double(a["est"] ?? "") ?? .nan) - (Double(b["est"] ?? "") ?? .nan)) < 1e-4, "\(b["lhs"] ?? "") \(b["op"] ?? "") \(b["rhs"] ?? "")")
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("Scaled-shifted χ²(286) = 259.556"))
    }

    /// `invariance --ordered all`: configural, metric, scalar with lavaan's DIFFTEST.
    @Test func ordinalInvarianceMatchesLavTestLRT() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["invariance", Self.model, "--data", Self.data, "--group", "variant", "--ordered", "all", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/invariance.csv"), lrt = try readTable(Self.fixtures + "/lrt.csv")
        #expect(rows.map { $0["level"] ?? "" } == ["configural", "metric", "scalar"])
        for (ours, theirs) in zip(rows.dropFirst(), lrt.dropFirst()) {
            let chisq = Double(theirs["chisq.diff"] ?? "") ?? .nan
            #expect(abs((Double(ours["chisq.diff.scaled"] ?? "") ?? .nan) - chisq) < 1e-4 * chisq, "\(theirs["level"] ?? "")")
        }
        #expect(try String(contentsOfFile: out + "/invariance.md", encoding: .utf8).contains("DIFFTEST"))
    }

    @Test(arguments: [
        (["cfa", "--group", "variant", "--group-equal", "thresholds"], 2, "--group-equal thresholds is for ordinal items"),
        (["invariance", "--group", "variant", "--estimator", "wlsmv"], 2, "--estimator wlsmv is for ordinal items"),
        (["invariance", "--group", "variant", "--ordered", "HA1,HA9"], 1, "ordered names 'HA9', which is not an observed variable of the model"),
    ])
    func badOrdinalGroupRequestsAreRefused(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath([arguments[0], Self.model, "--data", Self.data] + arguments.dropFirst() + ["--out", out])
        #expect(run.status == status, "\(run.error)")
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

@Suite struct FIMLGroupsCommand {
    static let folder = BundledData.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-fiml").path

    /// `cfa --group --missing fiml` and `invariance --missing fiml` reproduce lavaan's multi-group FIML.
    @Test func multiGroupFIMLMatchesLavaan() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["cfa", InvarianceCommand.model, "--data", Self.folder + "/data.csv", "--group", "school", "--group-equal", "loadings",
                                "--missing", "fiml", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv"), lavaan = try readTable(Self.folder + "/metric/estimates.csv")
        #expect(ours.count == lavaan.count)
        for (a, b) in zip(ours, lavaan) {
            #expect(abs((Double(a["se"] ?? "") ?? 0) - (Double(b["se"] ?? "") ?? .nan)) < 1e-4, "\(b["lhs"] ?? "") \(b["op"] ?? "") \(b["rhs"] ?? "")")
        }
        let sequence = temporaryDirectory()
        let invariance = runTrustPath(["invariance", InvarianceCommand.model, "--data", Self.folder + "/data.csv", "--group", "school", "--missing", "fiml", "--out", sequence])
        #expect(invariance.status == 0, "\(invariance.error)")
        for row in try readTable(sequence + "/invariance.csv") where row["level"] != "strict" {
            let fit = try readTable(Self.folder + "/\(row["level"] ?? "")/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
            #expect(abs((Double(row["chisq"] ?? "") ?? .nan) - (fit["chisq"] ?? .nan)) < 1e-4, "\(row["level"] ?? "")")
        }
        let robust = temporaryDirectory()
        let mlr = runTrustPath(["cfa", InvarianceCommand.model, "--data", Self.folder + "/data.csv", "--group", "school", "--missing", "fiml", "--estimator", "mlr",
                                "--group-equal", "loadings", "--out", robust])
        #expect(mlr.status == 0, "\(mlr.error)")
        let fit = try readTable(robust + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let robustLavaan = try readTable(Self.folder + "/mlr-metric/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        for key in ["chisq.scaled", "cfi.robust", "rmsea.robust"] { #expect(abs((fit[key] ?? .nan) - (robustLavaan[key] ?? .nan)) < 1e-4 * max(1, robustLavaan[key] ?? 1), "\(key)") }
        let refused = runTrustPath(["invariance", InvarianceCommand.model, "--data", Self.folder + "/data.csv", "--group", "school", "--missing", "fiml", "--ordered", "all"])
        #expect(refused.status == 2)
        #expect(refused.error.contains("--missing fiml does not combine with ordinal items"))
    }
}
