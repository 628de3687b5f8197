import Foundation
import Testing

@Suite struct Notebooks {
    /// The built notebook executables sit beside the test bundle in the build products directory.
    static func executable(_ name: String) -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Notebook 01 runs from the repository root, narrates every step and writes the same report as
    /// the committed Reports/01-reproduce-the-paper.
    @Test func notebookOneReproducesThePaperAndItsCommittedReport() throws {
        let binary = Self.executable("notebook-01-reproduce-the-paper")
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
        #expect(process.terminationStatus == 0)
        #expect(output.contains("no consent: 12 removed, 438 remain"))
        #expect(output.contains("6 of 6 hypotheses supported"))
        let committed = BundledData.repository.appendingPathComponent("Reports/01-reproduce-the-paper").path
        for name in try FileManager.default.contentsOfDirectory(atPath: committed) {
            #expect(try String(contentsOfFile: out + "/" + name, encoding: .utf8) == (try String(contentsOfFile: committed + "/" + name, encoding: .utf8)), "\(name)")
        }
    }
}
