import Foundation
import Testing
import TrustPathImport
import TrustPathSurvey

/// An .xlsx written by R's openxlsx (tools/make-import-fixtures.R) reads back as its data frame.
@Suite struct WorkbookTests {
    @Test func theFirstSheetReadsBackAsWritten() throws {
        let data = try SurveyImport.read(try StatisticalFileTests.fixture("likert.xlsx"))
        #expect(data.columnNames == ["id", "q1", "q2", "q3", "渠道", "submitted"])
        let text = try String(contentsOfFile: try StatisticalFileTests.fixture("expected-xlsx.csv"), encoding: .utf8)
        let expected = try SurveyReader.read(try StatisticalFileTests.fixture("expected-xlsx.csv"))
        #expect(!text.isEmpty)
        for name in ["id", "q1", "q2", "q3"] {
            let ours = try #require(data.columns.first { $0.name == name }?.numbers)
            let theirs = try #require(expected.columns.first { $0.name == name }?.numbers)
            #expect(zip(ours, theirs).allSatisfy { $0.isNaN ? $1.isNaN : $0 == $1 }, "\(name)")
        }
        for name in ["渠道", "submitted"] {
            let ours = try #require(data.columns.first { $0.name == name }), theirs = try #require(expected.columns.first { $0.name == name })
            guard case .coded(let a, let la) = ours.values, case .coded(let b, let lb) = theirs.values else { Issue.record("\(name) not text"); continue }
            #expect(a.map { $0 < 0 ? "" : la[Int($0)] } == b.map { $0 < 0 ? "" : lb[Int($0)] }, "\(name)")
        }
    }

    @Test func aNamedSheetIsReadAndAnUnknownOneIsRefused() throws {
        let path = try StatisticalFileTests.fixture("likert.xlsx")
        let notes = try SurveyImport.read(path, sheet: "notes")
        #expect(notes.columnNames == ["note"] && notes.rowCount == 1)
        #expect {
            try SurveyImport.read(path, sheet: "Sheet9")
        } throws: { error in
            (error as? SurveyError)?.message.contains("the workbook has no sheet 'Sheet9'; its sheets are 'responses', 'notes'") ?? false
        }
        #expect {
            try SurveyImport.read(try StatisticalFileTests.fixture("truncated.sav"), format: .xlsx)
        } throws: { error in
            (error as? SurveyError)?.message.contains("not an .xlsx workbook") ?? false
        }
    }
}
