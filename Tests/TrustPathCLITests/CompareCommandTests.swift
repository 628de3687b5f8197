import Foundation
import Testing

@testable import TrustPathCLI

/// `trustpath compare` against lavaan's lavTestLRT (tools/make-engine-fixtures.R, engine-compare):
/// the three-factor CFA against the same with orthogonal factors, by ML, MLR and MLM.
@Suite struct CompareCommandTests {
    static let repository = BundledData.repository.path
    static let folder = repository + "/Tests/TrustPathSEMTests/Fixtures/engine-compare"

    @Test(arguments: ["ml", "mlr", "mlm"])
    func nestedModelsMatchLavTestLRT(estimator: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath([
            "compare", Self.folder + "/a.lav", Self.folder + "/b.lav", "--data",
            Self.repository + "/Surveys/reference/holzinger-swineford-1939.csv", "--estimator", estimator, "--out", out,
        ])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/compare.csv")
        let lavaan = try readTable(Self.folder + "/\(estimator).csv")
        #expect(ours.map { $0["model"] } == ["a.lav", "b.lav"])
        for (mine, theirs) in zip(ours, lavaan) {
            for column in ["df", "aic", "bic", "chisq", "chisq.diff", "rmsea", "df.diff", "pvalue"] {
                let want = Double(theirs[column] ?? "") ?? .nan
                let value = Double(mine[column] ?? "") ?? .nan
                #expect(
                    want.isNaN == value.isNaN
                        && (want.isNaN || abs(value - want) <= 1e-4 * max(1, abs(want))
                            || (column == "pvalue" && abs(value - want) < 1e-12)),
                    "\(estimator) \(theirs["model"] ?? "") \(column): \(value) vs lavaan \(want)")
            }
        }
        #expect(
            try String(contentsOfFile: out + "/compare.md", encoding: .utf8).contains(
                estimator == "ml" ? "RMSEA of the difference" : "satorra.bentler.2001"))
    }

    /// WLSMV fits of ordered items: lavaan's DIFFTEST (lavTestLRT, method satorra.2000) of two
    /// correlated factors against one on the trust Likert items (tools/make-difftest-fixtures.R,
    /// engine-compare-wlsmv): every statistic to 1e-4.
    @Test func orderedItemsAreComparedByLavaansDifftest() throws {
        let folder = Self.repository + "/Tests/TrustPathSEMTests/Fixtures/engine-compare-wlsmv"
        let out = temporaryDirectory()
        let run = runTrustPath([
            "compare", folder + "/a.lav", folder + "/b.lav", "--data",
            Self.repository + "/Surveys/reference/trust-likert-400.csv", "--ordered", "all", "--out", out,
        ])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/compare.csv")
        Self.expectSatorra2000(ours, lavaan: try readTable(folder + "/wlsmv.csv"), label: "wlsmv")
        #expect(try String(contentsOfFile: out + "/compare.md", encoding: .utf8).contains("DIFFTEST"))
    }

    /// Continuous scaled-shifted fits (MLMV, MLMVS, WLSMV, ULSMV): lavaan's satorra.2000 difference
    /// (tools/make-difftest-fixtures.R, engine-compare/<estimator>.csv), every statistic to 1e-4.
    @Test(arguments: ["mlmv", "mlmvs", "wlsmv", "ulsmv"])
    func scaledShiftedFitsAreComparedBySatorra2000(estimator: String) throws {
        let out = temporaryDirectory()
        let run = runTrustPath([
            "compare", Self.folder + "/a.lav", Self.folder + "/b.lav", "--data",
            Self.repository + "/Surveys/reference/holzinger-swineford-1939.csv", "--estimator", estimator, "--out", out,
        ])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/compare.csv")
        Self.expectSatorra2000(ours, lavaan: try readTable(Self.folder + "/\(estimator).csv"), label: estimator)
    }

    /// compare.csv against lavTestLRT's columns, each to 1e-4 (p-values below 1e-12 absolutely), by satorra.2000.
    static func expectSatorra2000(_ ours: [[String: String]], lavaan: [[String: String]], label: String) {
        #expect(ours.count == lavaan.count)
        for (mine, theirs) in zip(ours, lavaan) {
            for column in ["df", "chisq", "chisq.diff", "df.diff", "pvalue"] {
                let want = Double(theirs[column] ?? "") ?? .nan
                let value = Double(mine[column] ?? "") ?? .nan
                #expect(
                    want.isNaN == value.isNaN
                        && (want.isNaN || abs(value - want) <= 1e-4 * max(1, abs(want)) || abs(value - want) < 1e-12),
                    "\(label) \(theirs["model"] ?? "") \(column): \(value) vs lavaan \(want)")
            }
        }
        #expect(ours.last?["method"] == "satorra.2000")
    }

    /// `--jobs` (the shared option) reaches compare's fits, and any number gives the same table;
    /// invariance takes it too and refuses 0 as every verb does.
    @Test func jobsAreHonouredAndChangeNothing() throws {
        let outputs = try [1, 2].map { jobs -> String in
            let out = temporaryDirectory()
            let run = runTrustPath([
                "compare", Self.folder + "/a.lav", Self.folder + "/b.lav", "--data",
                Self.repository + "/Surveys/reference/holzinger-swineford-1939.csv", "--estimator", "mlr",
                "--jobs", "\(jobs)", "--out", out,
            ])
            #expect(run.status == 0, "\(run.error)")
            return try String(contentsOfFile: out + "/compare.csv", encoding: .utf8)
        }
        #expect(outputs[0] == outputs[1])
        let refused = runTrustPath([
            "invariance", Self.folder + "/a.lav", "--data",
            Self.repository + "/Surveys/reference/holzinger-swineford-1939.csv", "--group", "school", "--jobs", "0",
        ])
        #expect(refused.status == 2)
        #expect(refused.error.contains("--jobs must be at least 1, not 0"))
    }

    @Test func modelsOnDifferentRowsAreNotCompared() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var lines = try String(
            contentsOfFile: Self.repository + "/Surveys/reference/holzinger-swineford-1939.csv", encoding: .utf8
        )
        .split(separator: "\n").map(String.init)
        lines[1] = lines[1].split(separator: ",", omittingEmptySubsequences: false).enumerated().map {
            $0.offset == 14 ? "" : String($0.element)
        }
        .joined(separator: ",")  // x9 missing in the first row: the two models' listwise samples differ
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: directory + "/data.csv", atomically: true, encoding: .utf8)
        try "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n".write(
            toFile: directory + "/small.lav", atomically: true, encoding: .utf8)
        let out = directory + "/out"
        let run = runTrustPath([
            "compare", Self.folder + "/a.lav", directory + "/small.lav", "--data", directory + "/data.csv", "--out",
            out,
        ])
        #expect(run.status == 1)
        #expect(
            run.error.contains(
                "the models cannot be compared: the models were fitted to different rows (N = 300, 301)"),
            "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
