import Foundation
import Testing
@testable import TrustPathSurvey

let studyDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Surveys/cross-border-trust")

func bundledStudy() throws -> (SurveyData, Instrument) {
    (try SurveyReader.read(studyDirectory.appendingPathComponent("responses.csv").path),
     try Instrument.read(path: studyDirectory.appendingPathComponent("instrument.yaml").path))
}

func screeningReference(_ name: String) throws -> [String: Double] {
    let text = try String(contentsOfFile: fixture("screening/\(name).csv"), encoding: .utf8)
    return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").dropFirst().map { line in
        let parts = line.split(separator: ",").map(String.init)
        return (parts[0], Double(parts[1]) ?? .nan)
    })
}

@Suite struct ScreeningOfTheBundledStudy {
    /// The export holds 12 refusals, 15 attention-check failures, 10 straight-liners and 13 speeders
    /// (tools/make-cross-border-study.R); each rule finds exactly its group, in CONSORT order.
    @Test func everyRuleFindsItsGroup() throws {
        let (data, instrument) = try bundledStudy()
        let screened = try ScreenedSurvey(data: data, instrument: instrument, rules: Screening.Rules())
        #expect(screened.screening.steps.map(\.removed) == [12, 15, 10, 13, 0])
        #expect(screened.screening.steps.map(\.reason) == Screening.Reason.allCases)
        #expect(screened.kept.rowCount == 400)
        #expect(Set(screened.personal.map(\.column)) == ["name", "email", "phone", "ip", "comment"])
        #expect(!screened.kept.columnNames.contains("email") && !screened.keptRaw.columnNames.contains("phone"))
    }

    @Test func mardiaMatchesPsych() throws {
        let (data, instrument) = try bundledStudy()
        let mardia = try #require(try ScreenedSurvey(data: data, instrument: instrument, rules: Screening.Rules()).mardia)
        let reference = try screeningReference("mardia")
        let ours: [String: Double] = ["b1p": mardia.b1p, "b2p": mardia.b2p, "skew": mardia.skew, "small.skew": mardia.smallSampleSkew,
                                      "p.skew": mardia.skewPValue, "p.small": mardia.smallSampleSkewPValue, "kurtosis": mardia.kurtosis,
                                      "p.kurt": mardia.kurtosisPValue, "n": Double(mardia.count)]
        for (name, value) in ours { #expect(abs(value - (reference[name] ?? .nan)) <= 1e-9 * max(1, abs(value)), "\(name): \(value) vs R \(reference[name] ?? .nan)") }
    }

    @Test func mahalanobisDistancesMatchR() throws {
        let (data, instrument) = try bundledStudy()
        let kept = try ScreenedSurvey(data: data, instrument: instrument, rules: Screening.Rules()).keptRaw
        let columns = instrument.items.compactMap { item in kept.columns.first { $0.name == item.code }?.numbers }
        let distances = try #require(Screening.mahalanobis(columns, rows: Array(0..<kept.rowCount)))
        let ids = try #require(kept.columns.first { $0.name == "response_id" })
        let reference = try screeningReference("mahalanobis")
        let worst = (0..<kept.rowCount).map { abs(distances[$0] - (reference[ids.text(row: $0)] ?? .nan)) }.max() ?? .nan
        #expect(worst < 1e-9)
    }

    @Test func longstringCountsRunsAndMissingAnswersBreakThem() {
        #expect(Screening.longestRun([1, 1, 2, 2, 2, 3]) == 3)
        #expect(Screening.longestRun([4, 4, .nan, 4, 4]) == 2)
        #expect(Screening.longestRun([]) == 0)
    }
}

@Suite struct PersonalDataDetection {
    @Test func undeclaredContactColumnsAreFoundByNameOrContent() throws {
        let csv = "resp,Contact,mobileNumber,score,notes,user_ip,姓名\nr1,a.b@example.org,13800000001,3,hello,192.0.2.1,张三\nr2,c@example.org,13800000002,4,,192.0.2.9,李四\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("personal-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let data = try SurveyReader.read(path)
        let findings = PersonalData.findings(in: data, declared: [], exempt: ["resp"])
        #expect(findings.map(\.column) == ["Contact", "mobileNumber", "user_ip", "姓名"])
        #expect(findings.first?.reason == "its values look like e-mail addresses")
        #expect(findings[1].reason == "its name contains 'mobile'")
    }

    @Test func anInstrumentWithAnUnknownKeyOrAMissingDeclaredColumnIsRefused() throws {
        #expect(throws: InstrumentError.unknownKey(file: "i.yaml", line: 1, key: "respondant", section: "the instrument", suggestion: "respondent")) {
            try Instrument(yaml: "respondant: {id: x}\nconstructs:\n  - {code: A, items: [a1, a2]}\n", source: "i.yaml")
        }
        let (data, _) = try bundledStudy()
        let instrument = try Instrument(yaml: "respondent: {consent: {column: agreed, accept: 'yes'}}\nconstructs:\n  - {code: HA, items: [HA1, HA2]}\n", source: "i.yaml")
        #expect(throws: InstrumentError.self) { try ScreenedSurvey(data: data, instrument: instrument, rules: Screening.Rules()) }
        do { _ = try instrument.scored(data) } catch { #expect(error.message.contains("'agreed' (did you mean 'age_group'?)") || error.message.contains("'agreed'")) }
    }
}
