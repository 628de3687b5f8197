import Foundation
import Testing
import TrustPathImport
import TrustPathSurvey

/// Platform exports written for these tests with each platform's header structure.
@Suite struct PlatformExportTests {
    static func column(_ data: SurveyData, _ name: String) throws -> SurveyColumn { try #require(data.columns.first { $0.name == name }, "\(name)") }

    @Test func qualtricsDropsItsTwoExtraHeaderRowsAndKeepsTheQuestionText() throws {
        let path = try StatisticalFileTests.fixture("qualtrics.csv")
        #expect(PlatformExport.detect(path) == .qualtrics)
        let data = try SurveyImport.read(path)
        #expect(data.rowCount == 3)
        let q2 = try Self.column(data, "Q2_1")
        #expect(q2.numbers == [6, 3, 5])
        #expect(q2.label == "How much do you agree? - The host is attractive")
        #expect(try Self.column(data, "Duration (in seconds)").numbers == [219, 51, 450])
        #expect(try Self.column(data, "Q2_2").numbers?[1].isNaN == true)
    }

    @Test func wenjuanxingNumbersItsQuestionsAndReadsTheTimeUsedInSeconds() throws {
        let path = try StatisticalFileTests.fixture("wenjuanxing.csv")
        #expect(PlatformExport.detect(path) == .wenjuanxing)
        let data = try SurveyImport.read(path)
        #expect(data.columnNames == ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "Q1", "Q2", "Q3_1", "Q3_2", "Q4"])
        #expect(try Self.column(data, "所用时间").numbers == [219, 51, 450])
        let q3 = try Self.column(data, "Q3_1")
        #expect(q3.label == "主播很有吸引力" && q3.numbers == [6, 3, 5])
        #expect(try Self.column(data, "Q1").label == "您的性别")
        #expect(try Self.column(data, "Q4").isMissing(1), "(空) is a skipped question")
    }

    @Test func googleFormsNumbersItsQuestions() throws {
        let path = try StatisticalFileTests.fixture("google-forms.csv")
        #expect(PlatformExport.detect(path) == .googleForms)
        let data = try SurveyImport.read(path)
        #expect(data.columnNames == ["Timestamp", "Q1", "Q2", "Q3", "Q4"])
        #expect(try Self.column(data, "Q2").numbers == [6, 3, 5] && (try Self.column(data, "Q2").label) == "The host is attractive")
        #expect(PlatformExport.detect(try StatisticalFileTests.fixture("expected.csv")) == .csv)
    }
}

/// Wenjuanxing's download by option text: agreement answers coded on the scale the file uses.
@Suite struct WenjuanxingTextTests {
    @Test func chineseAgreementAnswersAreCodedOnTheSevenPointScaleTheFileUses() throws {
        let data = try SurveyImport.read(try StatisticalFileTests.fixture("wenjuanxing-text.csv"))
        #expect(try PlatformExportTests.column(data, "Q2_1").numbers == [6, 3, 5], "比较不同意 marks a 7-point file: 同意 = 6")
        #expect(try PlatformExportTests.column(data, "Q2_2").numbers?.prefix(2) == [7, 4])
        #expect(try PlatformExportTests.column(data, "Q3").numbers == [4, 2, 5])
        #expect(try PlatformExportTests.column(data, "Q1").level == .categorical, "other answers stay text")
        let five = PlatformExport.chineseAgreement(for: [["同意", "非常同意", "一般"]])
        #expect(five?.value(for: "同意") == 4 && five?.value(for: "非常同意") == 5)
        #expect(PlatformExport.chineseAgreement(for: [["男", "女"]]) == nil)
    }
}

/// An .xlsx written by openpyxl (tools/make-xlsx-fixture.py) reads back as written.
@Suite struct OpenpyxlWorkbookTests {
    @Test func openpyxlCellsReadBack() throws {
        let data = try SurveyImport.read(try StatisticalFileTests.fixture("openpyxl.xlsx"))
        #expect(data.columnNames == ["id", "信任", "score", "submitted", "agreed", "comment"])
        #expect(try PlatformExportTests.column(data, "score").numbers == [3.25, 4.5, 1])
        #expect(try PlatformExportTests.column(data, "agreed").numbers == [1, 0, 1])
        #expect(try PlatformExportTests.column(data, "信任").numbers?[2].isNaN == true)
        let submitted = try PlatformExportTests.column(data, "submitted")
        guard case .coded(let codes, let levels) = submitted.values else { Issue.record("dates are text"); return }
        #expect(codes.map { levels[Int($0)] } == ["2026-03-01", "2026-03-02", "2026-03-03T14:30:00"])
        let comment = try PlatformExportTests.column(data, "comment")
        guard case .coded(let c, let l) = comment.values else { Issue.record("comments are text"); return }
        #expect(c.map { $0 < 0 ? "" : l[Int($0)] } == ["很好", "", "a, \"quoted\" note"])
    }

    /// A worksheet whose XML breaks off (tools/make-damaged-xlsx-fixture.py) is refused in one line
    /// naming the file and the part, not read up to the damage.
    @Test func aDamagedSheetIsRefused() throws {
        let path = try StatisticalFileTests.fixture("damaged-sheet.xlsx")
        #expect {
            try SurveyImport.read(path)
        } throws: { error in
            guard let error = error as? SurveyError else { return false }
            return error.message.contains("damaged-sheet.xlsx")
                && error.message.contains("the workbook part xl/worksheets/sheet1.xml is damaged")
        }
    }
}
