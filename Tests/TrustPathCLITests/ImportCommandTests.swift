import Foundation
import Testing
import TrustPathReport
import TrustPathSurvey

/// SPSS and Stata files wherever a CSV is accepted.
@Suite struct ImportCommand {
    static let fixtures = BundledData.repository.path + "/Tests/TrustPathImportTests/Fixtures"

    @Test func describeShowsVariableAndValueLabels() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["describe", Self.fixtures + "/likert.sav", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.out.contains("我信任这位主播") && run.out.contains("7 = 非常同意"))
        let labels = try readTable(out + "/labels.csv")
        #expect(labels.filter { $0["variable"] == "q1" }.count == 7)
        #expect(labels.contains { $0["variable"] == "q3" && $0["value.label"] == "no answer" && $0["n"] == "0" }, "9 is user-missing: no row counts as 9")
        #expect(labels.contains { $0["variable"] == "q2" && $0["value"] == "3.0" && $0["value.label"] == "NA" && $0["n"] == "1" },
                "an answer the labels do not name is listed with its count")
        #expect(!run.error.contains("outside its labelled range"), "9 is declared missing in the SPSS file")
        // Stata has no user-missing values: the 9 is an answer, outside q3's labelled range... which labels 9 too, so no warning;
        // q1's answers all lie within its labels.
        let stata = runTrustPath(["describe", Self.fixtures + "/likert.dta", "--out", temporaryDirectory()])
        #expect(stata.status == 0 && stata.out.contains("6 rows, 5 columns"))
    }

    @Test func aTruncatedFileStopsWithOneLine() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["describe", Self.fixtures + "/truncated.sav", "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains("truncated.sav: cannot be read (not a readable SPSS file"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func convertWritesCodesAndLabelsAndTheDraftGroupsItems() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["convert", Self.fixtures + "/likert.sav", "--to", "csv", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/likert.csv")
        #expect(rows.map { $0["q1"] ?? "" } == ["7.0", "6.0", "NA", "2.0", "5.0", "4.0"])
        #expect(rows.map { $0["q3"] ?? "" }[1] == "NA", "the user-missing 9 converts to a missing cell")
        #expect(FileManager.default.fileExists(atPath: out + "/labels.csv"))
        let refused = runTrustPath(["convert", Self.fixtures + "/likert.sav", "--to", "xls"])
        #expect(refused.status == 2 && refused.error.contains("--to must be csv or sav, not 'xls'"))
        // An .xlsx to .sav and back: the same table, labels kept through a second round trip.
        let savOut = temporaryDirectory()
        #expect(runTrustPath(["convert", Self.fixtures + "/likert.xlsx", "--to", "sav", "--out", savOut]).status == 0)
        let back = temporaryDirectory()
        #expect(runTrustPath(["convert", savOut + "/likert.sav", "--to", "csv", "--out", back]).status == 0)
        let original = temporaryDirectory()
        #expect(runTrustPath(["convert", Self.fixtures + "/likert.xlsx", "--to", "csv", "--out", original]).status == 0)
        #expect(try readTable(back + "/likert.csv") == (try readTable(original + "/likert.csv")))
        let relabelled = temporaryDirectory()
        #expect(runTrustPath(["convert", Self.fixtures + "/likert.sav", "--to", "sav", "--out", relabelled]).status == 0)
        let describeOut = temporaryDirectory()
        #expect(runTrustPath(["describe", relabelled + "/likert.sav", "--out", describeOut]).status == 0)
        #expect(try readTable(describeOut + "/labels.csv") == (try readTable(out + "/labels.csv")))

        let draft = runTrustPath(["instrument", "draft", Self.fixtures + "/wenjuanxing.csv"])
        #expect(draft.status == 0, "\(draft.error)")
        #expect(draft.out.contains("  - code: Q3\n") && draft.out.contains("{code: Q3_1, zh: \"主播很有吸引力\"}"))
        #expect(draft.out.contains("# Not grouped into a construct:"))
        let bad = runTrustPath(["describe", Self.fixtures + "/likert.xlsx", "--sheet", "nope", "--out", temporaryDirectory()])
        #expect(bad.status == 1 && bad.error.contains("the workbook has no sheet 'nope'"))
    }

    /// An answer beyond the labelled range (9 on a 1-7 scale) is named with its rows: an undeclared missing code.
    @Test func answersOutsideTheLabelledRangeAreFlagged() {
        let labels: [Double: String] = [1: "Strongly disagree", 7: "Strongly agree"]
        let data = SurveyData(source: "test.sav", columns: [
            SurveyColumn(name: "q1", level: .numeric, values: .numeric([1, 9, 4, 9]), valueLabels: labels),
            SurveyColumn(name: "q2", level: .numeric, values: .numeric([1, 2, 7, .nan]), valueLabels: labels),
        ], rowLines: [2, 3, 4, 5])
        #expect(LabelReport.outOfRange(data) == ["q1 has 2 answers (9) outside its labelled range 1-7, first at rows 3, 5: "
            + "an undeclared missing code? Declare it with --missing-codes"])
    }
}
