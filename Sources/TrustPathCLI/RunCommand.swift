import ArgumentParser
import Foundation
import TrustPathReport
import TrustPathStudy

/// `trustpath run`: a whole study from its analysis file.
struct RunCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a whole study: screening, descriptives, measurement, structural model, mediation, hypothesis verdicts.",
        discussion: """
            The analysis file (YAML) names the instrument, the data, the model (a .lav file, or 'paths:' \
            among the instrument's constructs), the bootstrap draws and seed, the screening rules and the \
            hypotheses ('H6: indirect HA -> PT -> PI > 0'). Writes into Reports/<study>/ (or --out): \
            report.md (sections in a paper's order, with path-diagram.svg), one CSV per table (flow, \
            screening, descriptives, reliability, validity, htmt, estimates, fit, effects, hypotheses) and \
            manifest.json (input SHA-256 digests, row counts, options, seed, version; no data), all or none.

            Example:
              trustpath run Surveys/cross-border-trust/analysis.yaml
            """
    )

    @Argument(help: "The analysis file (default: the bundled cross-border-trust study).")
    var analysis: String = "Surveys/cross-border-trust/analysis.yaml"

    @OptionGroup var threads: JobsOptions

    @Option(help: ArgumentHelp("Output directory (default: Reports/<study>).", valueName: "dir"))
    var out: String?

    func validate() throws {
    }

    func execute(console: Console) throws {
        let spec = try AnalysisSpec.read(path: analysis)
        let run = try StudyRun(spec: spec, version: TrustPathVersion.current, jobs: threads.jobs)
        let directory = out ?? "Reports/\(spec.study)"
        try run.bundle.write(to: directory)
        console.write(run.summary + "\n")
        console.write(PlainTextRenderer.render(run.hypothesisTable))
        console.write("Wrote \(run.bundle.fileNames.joined(separator: ", ")) to \(directory); read \(directory)/report.md\n")
    }
}
