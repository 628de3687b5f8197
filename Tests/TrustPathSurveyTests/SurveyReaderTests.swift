import Foundation
import Testing
@testable import TrustPathSurvey

/// Path of a fixture file under Fixtures/.
func fixture(_ name: String) -> String {
    guard let base = Bundle.module.resourceURL else { fatalError("test bundle has no resources") }
    return base.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

@Suite struct GoodFiles {
    @Test func quotedFieldsWithCommasQuotesNewlinesAndCRLF() throws {
        let data = try SurveyReader.read(fixture("good/quoted-crlf.csv"), options: CSVReadOptions(declaredLevels: ["comment": .categorical]))
        #expect(data.rowCount == 3)
        #expect(data.rowLines == [2, 3, 4])
        let comment = try data.column(named: "comment")
        guard case .coded(let codes, let levels) = comment.values else { Issue.record("not coded"); return }
        #expect(codes.map { levels[Int($0)] } == ["Hello, world", "She said \"great\"", "two\r\nlines"])
        #expect(try data.column(named: "q1").numbers == [5, 4, 3])
    }

    @Test func byteOrderMarkSemicolonAndDecimalComma() throws {
        let data = try SurveyReader.read(fixture("good/bom-semicolon.csv"))
        #expect(data.columnNames == ["name", "score", "group"])
        let score = try #require(try data.column(named: "score").numbers)
        #expect(score[0] == 3.5 && score[1] == 4 && score[2].isNaN)
        #expect(try data.column(named: "group").level == .categorical)
        #expect(try data.column(named: "name").missingCount == 1)
    }

    @Test func tabDelimiterDetected() throws {
        let data = try SurveyReader.read(fixture("good/tab.tsv"))
        #expect(try data.column(named: "b").numbers == [2, 4])
    }

    @Test func missingCodesTextAndNumeric() throws {
        let data = try SurveyReader.read(fixture("good/missing-codes.csv"), options: CSVReadOptions(missingCodes: ["-99", "#NULL!"]))
        let q1 = try #require(try data.column(named: "q1").numbers)
        let q2 = try #require(try data.column(named: "q2").numbers)
        #expect(q1[0] == 5 && q1[1].isNaN && q1[2].isNaN && q1[3].isNaN)
        #expect(q2[0].isNaN && q2[1] == 3 && q2[2].isNaN && q2[3] == 2)
        #expect(try data.column(named: "country").missingCount == 1)
    }

    @Test func likertLabelsMappedInAnyScriptIgnoringCaseAndSpaces() throws {
        let mapping = try LikertMapping.read(from: fixture("good/likert-map.csv"))
        #expect(mapping.labels == ["Strongly agree", "Agree", "非常同意", "同意"])
        let data = try SurveyReader.read(fixture("good/likert-labels.csv"), options: CSVReadOptions(likertMapping: mapping))
        #expect(try data.column(named: "trust1").numbers == [7, 6, 4])
        let trust2 = try #require(try data.column(named: "trust2").numbers)
        #expect(trust2[0] == 7 && trust2[1] == 6 && trust2[2].isNaN)
    }

    @Test func blankLinesSkipped() throws {
        let data = try SurveyReader.read(fixture("good/blank-lines.csv"))
        #expect(data.rowLines == [2, 4])
        #expect(try data.column(named: "a").numbers == [1, 3])
    }

    @Test func manyDistinctLabelsAreFreeText() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("text-\(UUID()).csv").path
        let rows = (1...30).map { "\($0),answer number \($0)" }.joined(separator: "\n")
        try "id,comment\n\(rows)\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let data = try SurveyReader.read(file)
        #expect(try data.column(named: "comment").level == .text)
        #expect(try data.column(named: "id").level == .numeric)
    }

    @Test func chunkBoundariesDoNotSplitValues() throws {
        // Fields spanning the 1 MiB read chunk must arrive whole.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("large-\(UUID()).csv").path
        var text = "a,b,c\n"
        for i in 0..<60_000 { text += "\(i),\"x,\(i % 7)\",\(Double(i) / 8)\n" }
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let data = try SurveyReader.read(file, options: CSVReadOptions(declaredLevels: ["b": .categorical]))
        #expect(data.rowCount == 60_000)
        #expect(try data.column(named: "a").numbers == (0..<60_000).map(Double.init))
        #expect(try data.column(named: "c").numbers == (0..<60_000).map { Double($0) / 8 })
        guard case .coded(_, let levels) = try data.column(named: "b").values else { Issue.record("not coded"); return }
        #expect(Set(levels) == Set((0..<7).map { "x,\($0)" }))
    }
}

@Suite struct BadFiles {
    static let cases: [(file: String, options: CSVReadOptions, message: String)] = [
        ("bad/empty.csv", CSVReadOptions(),
         "bad/empty.csv: the file is empty; expected a header row naming the columns, then one row per respondent"),
        ("bad/header-only.csv", CSVReadOptions(), "bad/header-only.csv: the file has a header row but no data rows"),
        ("bad/ragged.csv", CSVReadOptions(),
         "bad/ragged.csv:3: the row has 2 fields but the header has 3; check for an unquoted delimiter or a missing field"),
        ("bad/unparsable-number.csv", CSVReadOptions(),
         "bad/unparsable-number.csv:3, column 'q2': 'abc' is not a number; expected a number or a missing code (empty, NA); "
            + "add it with --missing-codes, or declare the column with --categorical q2 if it is not numeric"),
        ("bad/duplicate-header.csv", CSVReadOptions(),
         "bad/duplicate-header.csv:1: columns 1 and 3 are both named 'q1'; column names must be unique"),
        ("bad/empty-header.csv", CSVReadOptions(),
         "bad/empty-header.csv:1: column 2 has an empty name in the header row; every column needs a unique name"),
        ("bad/unterminated-quote.csv", CSVReadOptions(),
         "bad/unterminated-quote.csv:2: a quoted field opened here is never closed; expected a closing '\"'"),
        ("bad/after-quote.csv", CSVReadOptions(),
         "bad/after-quote.csv:2, column 'q2': unexpected 'b' after a closing quote; "
            + "expected a delimiter or the end of the row (write a quote inside a quoted field as \"\")"),
        ("bad/invalid-utf8.csv", CSVReadOptions(),
         "bad/invalid-utf8.csv:2, column 'name': the text is not valid UTF-8; "
            + "save the file as UTF-8 (exports in GBK or Latin-1 must be converted first)"),
        ("bad/unknown-likert.csv", CSVReadOptions(likertMapping: LikertMapping([("Strongly agree", 7), ("Agree", 6)])),
         "bad/unknown-likert.csv:4, column 'q1': 'Agre' is not in the Likert mapping; known labels: Strongly agree, Agree"),
        ("bad/no-such-file.csv", CSVReadOptions(), "bad/no-such-file.csv: no such file"),
        ("good/tab.tsv", CSVReadOptions(declaredLevels: ["bb": .text]), "good/tab.tsv: no column named 'bb'; did you mean 'b'?"),
    ]

    @Test(arguments: cases.indices)
    func badFileGivesItsExactMessage(_ index: Int) throws {
        let (file, options, message) = BadFiles.cases[index]
        // Messages name the file as the user gave it, here its full path.
        let path = fixture(file)
        let error = #expect(throws: SurveyError.self) { try SurveyReader.read(path, options: options) }
        #expect(error?.message == message.replacingOccurrences(of: file, with: path))
    }

    @Test func conflictingDeclarationIsAnError() {
        var options = CSVReadOptions()
        #expect(throws: SurveyError.conflictingDeclaration(column: "x", first: .categorical, second: .text)) {
            try options.declare(["x"], as: .categorical)
            try options.declare(["x"], as: .text)
        }
    }

    @Test func unknownSelectedColumnSuggestsTheClosestName() throws {
        let data = try SurveyReader.read(fixture("good/tab.tsv"))
        #expect(throws: SurveyError.unknownColumn(name: "A", file: data.source, suggestion: "a")) {
            try data.selecting(["A"])
        }
    }
}
