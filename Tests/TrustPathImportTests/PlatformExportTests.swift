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
