import ArgumentParser
import Foundation
import TrustPathReport
import TrustPathSurvey

/// `trustpath screen`: consent, attention checks, straight-lining, speeding and outliers, with privacy.
struct ScreenCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen survey responses: consent, attention checks, straight-lining, speeders, multivariate outliers.",
        discussion: """
            The instrument declares the respondent columns (id, consent and its accepting value, duration, \
            attention checks with their expected answers, demographics, country, personal columns). Personal \
            columns, declared or recognised by name or content (e-mail addresses, phone numbers, IP addresses), \
            are dropped on reading and never written. Rules run in order, each on the rows the earlier ones kept.

            Writes flow.csv, screening.csv (removed rows: row, line, id, rule, reasons), screened.csv (the kept \
            rows as answered, without personal columns, ready for 'measure --instrument' or 'sem') and \
            screening.md, all or none. The input file is never modified.

            Example:
              trustpath screen --data Surveys/cross-border-trust/responses.csv --instrument Surveys/cross-border-trust/instrument.yaml
            """
    )

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("The instrument (YAML) with the respondent columns.", valueName: "file"))
    var instrument: String

    @OptionGroup var rules: ScreeningOptions

    @OptionGroup var dataOptions: DataOptions

    func execute(console: Console) throws {
        let parsed = try Instrument.read(path: instrument)
        let screened = try ScreenedSurvey(data: try dataOptions.read(files.data), instrument: parsed, rules: rules.rules)
        var bundle = OutputBundle()
        bundle.add("flow.csv", ScreeningReport.flow(screened.screening).rendered())
        bundle.add("screening.csv", ScreeningReport.flags(screened.screening).rendered())
        bundle.add("screened.csv", ScreeningReport.data(screened.keptRaw).rendered())
        var document = ReportDocument(title: "Screening of \(files.dataName)")
        ScreeningReport.append(screened.screening, personal: screened.personal, kept: screened.keptRaw, demographics: parsed.respondent.demographics,
                               suppressBelow: rules.suppressBelow, mardia: screened.mardia, to: &document)
        bundle.add("screening.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: files.data, suffix: "screen")
        try bundle.write(to: directory)
        console.write(PlainTextRenderer.render(ReportTable(header: ["step", "removed", "remaining"],
                                                           rows: [["received", "", "\(screened.screening.received)"]]
                                                               + screened.screening.steps.map { [$0.reason.rawValue, "\($0.removed)", "\($0.remaining)"] })))
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}

/// The screening rules as options, shared by `screen` and (later) `run`.
struct ScreeningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Straight-lining: flag a longest run of identical answers of at least this many items (0: off).", valueName: "n"))
    var longstring: Int = 10

    @Option(help: ArgumentHelp("Speeders: flag durations under this fraction of the median (0: off).", valueName: "fraction"))
    var speederFraction: Double = 0.4

    @Option(help: ArgumentHelp("Speeders: flag durations under this many seconds.", valueName: "seconds"))
    var minimumDuration: Double?

    @Option(help: ArgumentHelp("Outliers: flag Mahalanobis distances with p below this (0: off).", valueName: "p"))
    var mahalanobisP: Double = 0.001

    @Option(help: ArgumentHelp("Demographic tables show cells with fewer respondents than this as '< k'.", valueName: "k"))
    var suppressBelow: Int = 5

    func validate() throws {
        guard longstring >= 0 else { throw ValidationError("--longstring must be 0 or more, not \(longstring)") }
        guard (0..<1).contains(speederFraction) else { throw ValidationError("--speeder-fraction must be at least 0 and below 1, not \(speederFraction)") }
        guard (0..<1).contains(mahalanobisP) else { throw ValidationError("--mahalanobis-p must be at least 0 and below 1, not \(mahalanobisP)") }
        guard suppressBelow >= 1 else { throw ValidationError("--suppress-below must be at least 1, not \(suppressBelow)") }
    }

    var rules: Screening.Rules {
        var rules = Screening.Rules()
        rules.longstring = longstring
        rules.speederFraction = speederFraction
        rules.minimumDuration = minimumDuration
        rules.mahalanobisP = mahalanobisP
        return rules
    }
}
