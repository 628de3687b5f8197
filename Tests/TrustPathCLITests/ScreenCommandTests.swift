import Foundation
import Testing
@testable import TrustPathCLI

@Suite struct ScreenCommand {
    static let responses = BundledData.repository.appendingPathComponent("Surveys/cross-border-trust/responses.csv").path
    static let instrument = BundledData.repository.appendingPathComponent("Surveys/cross-border-trust/instrument.yaml").path

    /// Every personal value of the bundled export: none may appear in any output.
    static func personalValues() throws -> [String] {
        let rows = try readQuotedCSV(responses)
        return rows.flatMap { row in ["name", "email", "phone", "ip"].compactMap { row[$0] } + [row["comment"]].compactMap { $0 }.filter { !$0.isEmpty } }
    }

    /// The bundled export's rows (quoted fields without embedded quotes or commas).
    static func readQuotedCSV(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        func fields(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
        let header = fields(lines[0])
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, fields($0))) }
    }

    @Test func writesTheFlowAndNoPersonalValue() throws {
        let out = temporaryDirectory()
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.responses))
        let run = runTrustPath(["screen", "--data", Self.responses, "--instrument", Self.instrument, "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let flow = try readTable(out + "/flow.csv")
        #expect(flow.map { $0["remaining"] ?? "" } == ["450", "438", "423", "413", "400", "400"])
        #expect(try readTable(out + "/screened.csv").count == 400)
        #expect(try readTable(out + "/screening.csv").count == 50)
        let personal = try Self.personalValues()
        #expect(personal.count > 1500)
        for name in try FileManager.default.contentsOfDirectory(atPath: out) {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            let leaked = personal.filter { text.contains($0) }
            #expect(leaked.isEmpty, "\(name) shows \(leaked.prefix(3))")
        }
        let shown = run.out + run.error
        #expect(!personal.contains { shown.contains($0) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.responses)) == before)
    }

    @Test func rulesCanBeSwitchedOffAndBadValuesAreRefused() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["screen", "--data", Self.responses, "--instrument", Self.instrument, "--longstring", "0",
                                "--speeder-fraction", "0", "--mahalanobis-p", "0", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        // Straight-liners are still caught by the no-variance rule; no speeder or outlier step without a rule.
        #expect(try readTable(out + "/flow.csv").map { $0["step"] ?? "" } == ["received", "no consent", "failed attention check", "straight-lining"])
        let bad = runTrustPath(["screen", "--data", Self.responses, "--instrument", Self.instrument, "--speeder-fraction", "1.5"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("--speeder-fraction must be at least 0 and below 1, not 1.5"))
    }
}

@Suite struct CommittedReportsPrivacy {
    /// No personal value of the bundled export appears in any committed report, notebook output included.
    @Test func noPersonalValueAnywhereUnderReports() throws {
        let personal = try ScreenCommand.personalValues()
        // Searched as bytes (Foundation's optimized search; String.contains in this unoptimized test build is slow).
        let needles = personal.map { ($0, Data($0.utf8)) }
        let reports = BundledData.repository.appendingPathComponent("Reports").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: reports)
        var checked = 0
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: reports + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let bytes = FileManager.default.contents(atPath: reports + "/" + file),
                  String(data: bytes, encoding: .utf8) != nil else { continue }
            checked += 1
            let leaked = needles.filter { bytes.range(of: $0.1) != nil }.map(\.0)
            #expect(leaked.isEmpty, "Reports/\(file) shows \(leaked.prefix(3))")
        }
        #expect(checked > 50)
    }
}
