import Foundation
import Testing

/// `sem --ordered`: WLSMV through the command line, and what it refuses.
@Suite struct OrdinalCommand {
    static let repository = BundledData.repository.path
    static let model = repository + "/Surveys/reference/trust.lav"
    static let data = repository + "/Surveys/reference/trust-likert-400.csv"

    /// The thresholds appear as `|` rows with lavaan's values, and the report leads with the scaled-shifted test.
    @Test func wlsmvWritesThresholdRowsAndTheScaledTest() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", Self.model, "--data", Self.data, "--ordered", "all", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let lavaan = try readTable(Self.repository + "/Tests/TrustPathSEMTests/Fixtures/wlsmv/trust/estimates.csv")
        let ours = try readTable(out + "/estimates.csv")
        let thresholds = ours.filter { $0["op"] == "|" }
        #expect(thresholds.count == 144)
        for row in thresholds {
            let reference = try #require(lavaan.first { $0["lhs"] == row["lhs"] && $0["op"] == "|" && $0["rhs"] == row["rhs"] })
            #expect(abs((Double(row["est"] ?? "") ?? 0) - (Double(reference["est"] ?? "") ?? .nan)) < 1e-6)
            #expect(abs((Double(row["se"] ?? "") ?? 0) - (Double(reference["se"] ?? "") ?? .nan)) < 1e-6)
        }
        #expect(ours.firstIndex { $0["op"] == "|" } == ours.lastIndex { $0["op"] == "~" }.map { $0 + 1 }, "thresholds follow the user's rows, as lavaan")
        let fit = try readTable(out + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        #expect(abs((fit["chisq.scaled"] ?? 0) - 232.2541738112371) < 1e-3)
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("Scaled-shifted χ² = 232.254"))
        #expect(report.contains("| chi-square (df = 240) | 232.254 |"))
    }

    /// `--missing pairwise` with ordered items: lavaan's pairwise polychoric statistics (the
    /// lavaan-tests fixture lv1-binary-pairwise), and a report that says how the rows were used.
    @Test func pairwiseDeletionMatchesLavaanAndSaysSo() throws {
        let folder = Self.repository + "/Tests/TrustPathSEMTests/Fixtures/lavaan-tests"
        let model = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        try "f =~ y1 + y2 + y3 + y4 + y5\n".write(toFile: model + "/lv1.lav", atomically: true, encoding: .utf8)
        let out = model + "/out"
        let run = runTrustPath([
            "cfa", model + "/lv1.lav", "--data", folder + "/lv1-binary-missing.csv", "--ordered", "all", "--missing",
            "pairwise", "--out", out,
        ])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv"), lavaan = try readTable(folder + "/lv1-binary-pairwise/estimates.csv")
        for row in lavaan where row["op"] == "=~" {
            let mine = ours.first { $0["lhs"] == row["lhs"] && $0["op"] == "=~" && $0["rhs"] == row["rhs"] }
            #expect(abs((Double(mine?["est"] ?? "") ?? .nan) - (Double(row["est"] ?? "") ?? .nan)) < 1e-6)
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("N = 100 rows under pairwise deletion"))
    }

    @Test(arguments: [
        (["--ordered", "all", "--estimator", "wls"], 2, "estimator WLS with ordered items is not available yet: ordered items are fitted by WLSMV, ULSMV, DWLS or ULS"),
        (["--ordered", "all", "--estimator", "ml"], 2, "estimator ML with ordered items is refused, as lavaan refuses it: ordered items are fitted by least squares"),
        (["--ordered", "all", "--bootstrap", "10"], 2, "se = bootstrap with estimator WLSMV is refused, as lavaan refuses it"),
        (["--ordered", "all", "--missing", "fiml"], 2, "missing = fiml with ordered items is refused, as lavaan refuses it: full-information ML is not available in the categorical setting"),
        (["--ordered", "HA1,HA9"], 1, "ordered names 'HA9', which is not an observed variable of the model; did you mean 'HA1'?"),
    ])
    func badOrdinalRequestsAreRefused(_ extra: [String], _ status: Int32, _ message: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", Self.model, "--data", Self.data] + extra + ["--out", out])
        #expect(run.status == status, "\(run.error)")
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// `--ordered` naming some items leaves the others continuous: polyserial and Pearson correlations, as lavaan.
    @Test func orderingSomeItemsMatchesLavaansMixedFit() throws {
        let folder = Self.repository + "/Tests/TrustPathSEMTests/Fixtures/wlsmv/mixed"
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", folder + "/model.lav", "--data", folder + "/data.csv", "--ordered", "ID1,ID2,ID3,ID4,PI1,PI2,PI3,PI4", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let fit = try readTable(out + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let lavaan = try readTable(folder + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        for key in ["chisq", "chisq.scaled", "npar", "df"] { #expect(abs((fit[key] ?? .nan) - (lavaan[key] ?? .nan)) < 1e-4, "\(key)") }
        let rows = try readTable(out + "/estimates.csv")
        #expect(rows.contains { $0["lhs"] == "HA1" && $0["op"] == "~1" } && !rows.contains { $0["lhs"] == "HA1" && $0["op"] == "|" })
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("8 continuous variables (HA1, HA2, HA3, HA4, PT1, PT2, PT3, PT4"))
    }

    /// Observed predictors: the items are modelled given them (lavaan's conditional.x), matched through the command line.
    @Test func observedPredictorsAreConditionedOnAsLavaan() throws {
        let folder = Self.repository + "/Tests/TrustPathSEMTests/Fixtures/wlsmv/covariates"
        let out = temporaryDirectory()
        let run = runTrustPath(["sem", folder + "/model.lav", "--data", folder + "/data.csv", "--ordered", "all", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let fit = try readTable(out + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        let lavaan = try readTable(folder + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        for key in ["chisq", "chisq.scaled", "npar", "df", "srmr"] { #expect(abs((fit[key] ?? .nan) - (lavaan[key] ?? .nan)) < 1e-4, "\(key)") }
        #expect(try String(contentsOfFile: out + "/report.md", encoding: .utf8).contains("slopes on the observed predictors (age, female)"))
        // residuals.csv: the fitted statistics' residuals (16 slopes, 28 residual correlations), small for a model that fits.
        let residuals = try readTable(out + "/residuals.csv")
        #expect(residuals.filter { $0["type"] == "slope" }.count == 16 && residuals.filter { $0["type"] == "cor" }.count == 28)
        #expect(residuals.allSatisfy { abs(Double($0["value"] ?? "") ?? .nan) < 0.2 })
        let refused = runTrustPath(["sem", folder + "/model.lav", "--data", folder + "/data.csv", "--ordered", "HA1,age"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("ordering the observed predictor 'age'"))
    }

    /// An item everyone answered alike has no threshold: one message naming it, no output.
    @Test func anItemWithOneCategoryIsRefused() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lines = try String(contentsOfFile: Self.data, encoding: .utf8).split(separator: "\n")
        let constant = [String(lines[0])] + lines.dropFirst().map { line in "4" + line.drop { $0 != "," } }
        try constant.joined(separator: "\n").write(toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        let run = runTrustPath(["sem", Self.model, "--data", directory + "/data.csv", "--ordered", "all", "--out", directory + "/out"])
        #expect(run.status == 1)
        #expect(run.error.contains("the ordered variable 'HA1' takes only one value (4) in the rows used"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }
}

/// `--estimator gls|uls` through the command line.
@Suite struct LeastSquaresCommand {
    @Test(arguments: ["gls", "uls"])
    func leastSquaresMatchesLavaan(estimator: String) throws {
        let repository = BundledData.repository.path, out = temporaryDirectory()
        let fixture = repository + "/Tests/TrustPathSEMTests/Fixtures/\(estimator)/hs-covariates"
        let run = runTrustPath(["sem", fixture + "/model.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                "--estimator", estimator, "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/estimates.csv"), lavaan = try readTable(fixture + "/estimates.csv")
        #expect(ours.contains { $0["lhs"] == "ageyr" && $0["op"] == "~~" && $0["rhs"] == "sex" && !($0["se"] ?? "").isEmpty },
                "fixed.x = FALSE: the predictors' covariance is a free parameter")
        for row in lavaan {
            let mine = try #require(ours.first { $0["lhs"] == row["lhs"] && $0["op"] == row["op"] && $0["rhs"] == row["rhs"] })
            #expect(abs((Double(mine["est"] ?? "") ?? 0) - (Double(row["est"] ?? "") ?? .nan)) < 1e-5)
            #expect(abs((Double(mine["se"] ?? "") ?? 0) - (Double(row["se"] ?? "") ?? .nan)) < 1e-5)
        }
        let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(report.contains("(lavaan's \(estimator.uppercased())) on the unbiased covariance matrix"))
        let refused = runTrustPath(["sem", fixture + "/model.lav", "--data", repository + "/Surveys/reference/holzinger-swineford-1939.csv",
                                    "--estimator", estimator, "--information", "observed", "--out", temporaryDirectory()])
        #expect(refused.status == 2)
        #expect(refused.error.contains(
            "information = observed with estimator \(estimator.uppercased()) is not available yet: least-squares fits use the "
                + "expected information of their own weight matrix"))
    }
}
