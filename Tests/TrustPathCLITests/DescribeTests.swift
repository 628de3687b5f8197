import Foundation
import Testing
@testable import TrustPathCLI

/// Runs `trustpath` in-process and records what it wrote.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = "", errorText = ""
    var out: String { lock.withLock { outText } }
    var error: String { lock.withLock { errorText } }
    var console: Console {
        Console(write: { text in self.lock.withLock { self.outText += text } },
                writeError: { text in self.lock.withLock { self.errorText += text } })
    }
}

func runTrustPath(_ arguments: [String]) -> (status: Int32, out: String, error: String) {
    let recorder = Recorder()
    let status = CommandRunner.run(arguments: arguments, console: recorder.console)
    return (status, recorder.out, recorder.error)
}

func referenceFixture(_ name: String) -> String {
    guard let base = Bundle.module.resourceURL else { fatalError("test bundle has no resources") }
    return base.appendingPathComponent("Fixtures/reference").appendingPathComponent(name).path
}

func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("trustpath-\(UUID().uuidString)").path
}

/// A CSV file as rows of fields keyed by header (no quoted fields in these files).
func readTable(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    return lines.dropFirst().map { line in
        Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    }
}

/// Compares every numeric field of `actual` with `expected`, rows joined on `keys`; returns every
/// difference beyond the tolerance (never an average), so one wrong number cannot hide.
func differences(actual: [[String: String]], expected: [[String: String]], keys: [String],
                 tolerances: [String: Double]) -> [String] {
    var problems: [String] = []
    let index = Dictionary(actual.map { row in (keys.map { row[$0] ?? "" }, row) }, uniquingKeysWith: { a, _ in a })
    if actual.count != expected.count { problems.append("\(actual.count) rows, expected \(expected.count)") }
    for row in expected {
        let key = keys.map { row[$0] ?? "" }
        guard let mine = index[key] else { problems.append("missing row \(key)"); continue }
        for (field, tolerance) in tolerances.sorted(by: { $0.key < $1.key }) {
            guard let want = row[field].flatMap(Double.init), let got = mine[field].flatMap(Double.init) else {
                problems.append("\(key) \(field): unreadable (\(row[field] ?? "nil") vs \(mine[field] ?? "nil"))"); continue
            }
            if abs(got - want) > tolerance * max(1, abs(want)) {
                problems.append("\(key) \(field): \(got) vs R \(want)")
            }
        }
    }
    return problems
}

@Suite struct DescribeMatchesR {
    static let run: (status: Int32, out: String, error: String, directory: String) = {
        let directory = temporaryDirectory()
        let result = runTrustPath(["describe", referenceFixture("describe-input.csv"), "--out", directory])
        return (result.status, result.out, result.error, directory)
    }()

    @Test func runsCleanly() {
        #expect(Self.run.status == 0)
        #expect(Self.run.error == "")
        #expect(Self.run.out.contains("301 rows, 10 columns"))
    }

    /// psych::describe(type = 3): moments to 1e-10.
    @Test func summariesMatchPsychDescribe() throws {
        let tolerance = 1e-10
        let fields = ["n", "missing", "mean", "sd", "median", "trimmed", "mad", "min", "max", "range", "skew", "kurtosis", "se"]
        let problems = differences(
            actual: try readTable(Self.run.directory + "/describe.csv"),
            expected: try readTable(referenceFixture("describe-expected.csv")),
            keys: ["variable"], tolerances: Dictionary(uniqueKeysWithValues: fields.map { ($0, tolerance) }))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// cor.test on pairwise-complete rows: r to 1e-10, p to 1e-8.
    @Test func correlationsMatchCorTest() throws {
        let problems = differences(
            actual: try readTable(Self.run.directory + "/correlations.csv"),
            expected: try readTable(referenceFixture("correlations-expected.csv")),
            keys: ["var1", "var2"], tolerances: ["r": 1e-10, "n": 0, "p": 1e-8])
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func writesAllFourFilesAndNoTemporaries() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.run.directory).sorted()
        #expect(files == ["correlations.csv", "describe.csv", "describe.md", "frequencies.csv"])
    }

    @Test func sameInputGivesByteIdenticalFiles() throws {
        let again = temporaryDirectory()
        #expect(runTrustPath(["describe", referenceFixture("describe-input.csv"), "--out", again]).status == 0)
        for file in ["describe.csv", "correlations.csv", "describe.md", "frequencies.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: again + "/" + file))
                == Data(contentsOf: URL(fileURLWithPath: Self.run.directory + "/" + file)))
        }
    }
}

@Suite struct DescribeOnBadInput {
    /// The survey reader's folder of bad files.
    static let badFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TrustPathSurveyTests/Fixtures/bad").path

    static let badFiles = ["empty.csv", "header-only.csv", "ragged.csv", "unparsable-number.csv", "duplicate-header.csv",
                           "empty-header.csv", "unterminated-quote.csv", "after-quote.csv", "invalid-utf8.csv", "no-such-file.csv"]

    @Test(arguments: badFiles)
    func exitsOneWithOneLineAndNoOutput(_ file: String) {
        let directory = temporaryDirectory()
        let result = runTrustPath(["describe", Self.badFolder + "/" + file, "--out", directory])
        #expect(result.status == 1)
        #expect(result.out == "")
        #expect(result.error.hasPrefix("trustpath: error: \(Self.badFolder)/\(file)"))
        #expect(result.error.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func unknownColumnNamesTheClosestOne() {
        let result = runTrustPath(["describe", referenceFixture("describe-input.csv"), "--columns", "x1,X2", "--out", temporaryDirectory()])
        #expect(result.status == 1)
        #expect(result.error == "trustpath: error: \(referenceFixture("describe-input.csv")): no column named 'X2'; did you mean 'x2'?\n")
    }

    @Test func aFailedRunLeavesEarlierOutputUntouched() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "earlier\n".write(toFile: directory + "/describe.csv", atomically: true, encoding: .utf8)
        #expect(runTrustPath(["describe", Self.badFolder + "/ragged.csv", "--out", directory]).status == 1)
        #expect(try String(contentsOfFile: directory + "/describe.csv", encoding: .utf8) == "earlier\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["describe.csv"])
    }

    @Test func usageErrorsExitTwo() {
        #expect(runTrustPath(["describe"]).status == 2)
        #expect(runTrustPath(["describe", "x.csv", "--no-such-option"]).status == 2)
        #expect(runTrustPath(["describe", "x.csv", "--delimiter", "pipe"]).status == 2)
        #expect(runTrustPath(["no-such-verb"]).status == 2)
    }

    @Test func helpExplainsItselfWithAnExample() {
        let result = runTrustPath(["describe", "--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("psych::describe type 3"))
        #expect(result.out.contains("Example:"))
        #expect(result.out.contains("trustpath describe Surveys/reference/holzinger-swineford-1939.csv"))
    }
}

@Suite struct ExecutableEndToEnd {
    /// The built `trustpath` binary next to the test bundle.
    static var binary: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("trustpath")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    @Test func binaryExitsOneOnBadInputWithOneLine() throws {
        let binary = try #require(Self.binary, "trustpath binary not found beside \(Bundle.main.bundleURL.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["describe", DescribeOnBadInput.badFolder + "/ragged.csv", "--out", temporaryDirectory()]
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message == "trustpath: error: \(DescribeOnBadInput.badFolder)/ragged.csv:3: the row has 2 fields but the header has 3; "
            + "check for an unquoted delimiter or a missing field\n")
    }
}

@Suite struct BundledData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Hofstede's file as published: `;`-delimited, `#NULL!` for scores that do not exist.
    @Test func hofstedeScoresReadWithTheirMissingCode() throws {
        let directory = temporaryDirectory()
        let path = Self.repository.appendingPathComponent("Surveys/reference/hofstede-6d.csv").path
        let result = runTrustPath(["describe", path, "--missing-codes", "#NULL!", "--text", "ctr,country", "--out", directory])
        #expect(result.status == 0, "\(result.error)")
        let rows = try readTable(directory + "/describe.csv")
        #expect(rows.map { $0["variable"] ?? "" } == ["pdi", "idv", "mas", "uai", "ltowvs", "ivr"])
        #expect(rows.allSatisfy { Int($0["n"] ?? "") ?? 0 > 60 && (Int($0["n"] ?? "") ?? 0) + (Int($0["missing"] ?? "") ?? 0) == 110 })
    }

    /// The report `make run` writes is committed; the same run must reproduce it byte for byte.
    @Test func defaultReportMatchesTheCommittedSnapshot() throws {
        let directory = temporaryDirectory()
        let data = Self.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path
        let result = runTrustPath(["describe", data, "--categorical", "school,sex,grade", "--text", "id", "--out", directory])
        #expect(result.status == 0)
        for file in ["describe.md", "describe.csv", "frequencies.csv", "correlations.csv"] {
            let snapshot = Self.repository.appendingPathComponent("Reports/holzinger-swineford-1939-describe/\(file)")
            let produced = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            #expect(produced == (try String(contentsOf: snapshot, encoding: .utf8)), "\(file) differs from the snapshot")
        }
    }
}
