import Foundation
import Testing
import TrustPathImport
import TrustPathSurvey

/// SPSS and Stata files written by R's haven (tools/make-import-fixtures.R) read back as R reads them.
@Suite struct StatisticalFileTests {
    static func fixture(_ name: String) throws -> String {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return base.appendingPathComponent("Fixtures/\(name)").path
    }

    static func expected() throws -> [[String]] {
        let text = try String(contentsOfFile: try fixture("expected.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
    }

    @Test(arguments: ["likert.sav", "likert.zsav", "likert.dta"])
    func valuesLabelsAndMissingCodesReadBackAsHavenWroteThem(file: String) throws {
        let data = try SurveyImport.read(try Self.fixture(file))
        #expect(data.columnNames == ["id", "q1", "q2", "q3", "market"])
        #expect(data.rowCount == 6)
        let expected = try Self.expected()
        let q3Column = file.hasSuffix(".dta") ? 4 : 3
        for (name, column) in [("id", 0), ("q1", 1), ("q2", 2), ("q3", q3Column)] {
            let numbers = try #require(data.columns.first { $0.name == name }?.numbers)
            for (r, row) in expected.enumerated() {
                let want = Double(row[column]) ?? .nan
                #expect(want.isNaN ? numbers[r].isNaN : numbers[r] == want, "\(file) \(name) row \(r + 1)")
            }
        }
        let q1 = try #require(data.columns.first { $0.name == "q1" })
        #expect(q1.label == "我信任这位主播")
        #expect(q1.valueLabels[7] == "非常同意" && q1.valueLabels[1] == "非常不同意" && q1.valueLabels.count == 7)
        let q3 = try #require(data.columns.first { $0.name == "q3" })
        #expect(q3.valueLabels[9] == "no answer")
        let market = try #require(data.columns.first { $0.name == "market" })
        #expect(market.level == .categorical && market.label == "Market")
        guard case .coded(let codes, let levels) = market.values else { Issue.record("market is not coded"); return }
        #expect(codes.map { $0 < 0 ? "" : levels[Int($0)] } == expected.map { $0[5] })
    }

    @Test func aTruncatedFileGetsOneClearMessage() throws {
        let path = try Self.fixture("truncated.sav")
        #expect {
            try SurveyImport.read(path)
        } throws: { error in
            guard let error = error as? SurveyError else { return false }
            return error.message.contains("truncated.sav") && error.message.contains("not a readable SPSS file")
        }
    }

    @Test func aFileThatIsNotSPSSIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-spss-\(UUID().uuidString).sav").path
        try "id,q1\n1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SurveyError.self) { try SurveyImport.read(path) }
    }
}
