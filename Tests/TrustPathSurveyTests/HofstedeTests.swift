import Foundation
import Testing
@testable import TrustPathSurvey

@Suite struct HofstedeJoin {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Surveys/reference").path

    func scores() throws -> HofstedeScores {
        try HofstedeScores(scores: Self.reference + "/hofstede-6d.csv", isoMap: Self.reference + "/hofstede-iso3166.csv")
    }

    /// China (CHI in Hofstede's codes) has uai 30 and idv 20; Germany (GER) 65 and 67; Japan (JPN) 92 and 46.
    @Test func countriesMatchByIsoCodesHofstedeCodesAndNames() throws {
        let s = try scores()
        let uai = HofstedeScores.dimensions.firstIndex(of: "uai") ?? 0, idv = HofstedeScores.dimensions.firstIndex(of: "idv") ?? 0
        for key in ["CN", "chn", "CHI", "China"] { #expect(s.scores(for: key)?[uai] == 30 && s.scores(for: key)?[idv] == 20, "\(key)") }
        for key in ["DE", "DEU", "GER", "Germany"] { #expect(s.scores(for: key)?[uai] == 65 && s.scores(for: key)?[idv] == 67, "\(key)") }
        #expect(s.scores(for: " jp ")?[uai] == 92)
        #expect(s.scores(for: "Narnia") == nil)
        // Albania has no uai in the 2015 release (#NULL!).
        #expect(s.scores(for: "AL")?[uai].isNaN == true)
    }

    @Test func joinAddsSixColumnsAndNamesUnknownCountries() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("countries-\(UUID()).csv").path
        try "id,country\n1,CN\n2,\n3,Japan\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let data = try SurveyReader.read(file, options: CSVReadOptions(declaredLevels: ["country": .categorical]))
        let joined = try scores().joined(to: data, by: "country")
        #expect(joined.columnNames == ["id", "country"] + HofstedeScores.dimensions)
        let uai = try #require(try joined.column(named: "uai").numbers)
        #expect(uai[0] == 30 && uai[1].isNaN && uai[2] == 92)
        try "id,country\n1,CN\n2,Narnia\n3,Atlantis\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try SurveyReader.read(file, options: CSVReadOptions(declaredLevels: ["country": .categorical]))
        let error = #expect(throws: SurveyError.unknownCountries(column: "country", values: ["Atlantis", "Narnia"], lines: [3, 4])) { try scores().joined(to: bad, by: "country") }
        #expect(error?.message.hasPrefix("column 'country': no Hofstede scores for 'Atlantis', 'Narnia' (lines 3, 4); use ISO 3166") == true)
    }
}
