import Foundation
import Testing

@Suite struct Notebooks {
    /// The built notebook executables sit beside the test bundle in the build products directory.
    static func executable(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs a notebook from the repository root into a fresh directory; its narration and that directory.
    static func run(_ name: String) throws -> (status: Int32, output: String, directory: String) {
        let binary = executable(name)
        try #require(FileManager.default.isExecutableFile(atPath: binary), "not built: \(binary)")
        let out = temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [out]
        process.currentDirectoryURL = BundledData.repository
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, out)
    }

    /// Every file of the committed Reports/<report> equals the notebook's fresh output.
    static func expectCommitted(_ report: String, equals directory: String) throws {
        let committed = BundledData.repository.appendingPathComponent("Reports/\(report)").path
        let names = try FileManager.default.contentsOfDirectory(atPath: committed).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: directory).sorted()))
        for name in names {
            #expect(try String(contentsOfFile: directory + "/" + name, encoding: .utf8) == (try String(contentsOfFile: committed + "/" + name, encoding: .utf8)),
                    "\(name) differs from Reports/\(report): run `make reports` and review the change")
        }
    }

    /// Notebook 01 narrates every step and writes the same report as the committed Reports/01-reproduce-the-paper.
    @Test func notebookOneReproducesThePaperAndItsCommittedReport() throws {
        let run = try Self.run("notebook-01-reproduce-the-paper")
        #expect(run.status == 0)
        #expect(run.output.contains("no consent: 12 removed, 438 remain"))
        #expect(run.output.contains("6 of 6 hypotheses supported"))
        try Self.expectCommitted("01-reproduce-the-paper", equals: run.directory)
    }

    /// Notebook 02 runs the campaign A/B study and answers the marketer's question.
    @Test func notebookTwoComparesTheCampaignVariants() throws {
        let run = try Self.run("notebook-02-campaign-test")
        #expect(run.status == 0)
        #expect(run.output.contains("5 of 7 hypotheses supported"))
        try Self.expectCommitted("02-campaign-test", equals: run.directory)
    }

    /// Notebook 03 fits lavaan's tutorial models and finds what lavaan finds.
    @Test func notebookThreeFitsTheTutorialModels() throws {
        let run = try Self.run("notebook-03-first-cfa-and-sem")
        #expect(run.status == 0)
        #expect(run.output.contains("Three-factor CFA: chi-square(24) = 85.306, CFI = 0.931"))
        #expect(run.output.contains("MI 36.4 for visual =~ x9"))
        #expect(run.output.contains("Political democracy SEM: chi-square(38) = 40.179"))
        try Self.expectCommitted("03-first-cfa-and-sem", equals: run.directory)
    }

    /// Notebook 04 runs the culture study and explains its moderation hypotheses.
    @Test func notebookFourTestsCultureAsModerator() throws {
        let run = try Self.run("notebook-04-culture-as-moderator")
        #expect(run.status == 0)
        #expect(run.output.contains("8 of 8 hypotheses supported"))
        try Self.expectCommitted("04-culture-as-moderator", equals: run.directory)
    }

    /// Notebook 05's Monte Carlo power curve is the committed one (seeded, any number of cores).
    @Test func notebookFivePlansTheSampleSize() throws {
        let run = try Self.run("notebook-05-planning-sample-size")
        #expect(run.status == 0)
        #expect(run.output.contains("respondents who pass screening give at least 80% power for H6"))
        try Self.expectCommitted("05-planning-sample-size", equals: run.directory)
    }
}
