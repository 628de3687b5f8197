import ArgumentParser
import Foundation
import TrustPathReport
import TrustPathSurvey

/// `trustpath describe`: descriptive statistics, frequency tables and correlations of a survey file.
struct DescribeCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe a survey file: moments of numeric columns, frequencies of categorical ones, correlations.",
        discussion: """
            For each numeric column: n, missing, mean, sd (n - 1), median, 10% trimmed mean, mad, min, max, \
            skew and excess kurtosis (psych::describe type 3: b1 = m3/sd^3, b2 = m4/sd^4 - 3). For each \
            categorical column: a frequency table. Free-text columns are counted, never printed. Then the \
            Pearson correlations of the numeric columns on pairwise-complete rows, with pairwise n and \
            two-sided p-values.

            Writes describe.csv, frequencies.csv, correlations.csv and describe.md into the output \
            directory, all or none, and prints a short table.

            Column levels are inferred: all numbers -> numeric; a few distinct labels -> categorical; \
            many -> free text. Declare them with --categorical or --text when the guess is wrong.

            Example:
              trustpath describe Surveys/reference/holzinger-swineford-1939.csv \\
                --categorical school,sex,grade --text id --out Reports/hs-describe
            """
    )

    @Argument(help: "The survey data: a CSV file (comma, semicolon or tab delimited; UTF-8).")
    var data: String

    @Option(help: ArgumentHelp("Only these columns, comma-separated, in this order.", valueName: "names"))
    var columns: String?

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Output directory (default: Reports/<data file name>-describe).", valueName: "dir"))
    var out: String?

    func execute(console: Console) throws {
        var survey = try dataOptions.read(data)
        if let columns { survey = try survey.selecting(DataOptions.list(columns)) }
        let description = SurveyDescription(survey)

        var bundle = OutputBundle()
        bundle.add("describe.csv", DescriptionReport.summaryCSV(description).rendered())
        bundle.add("frequencies.csv", DescriptionReport.frequenciesCSV(description).rendered())
        bundle.add("correlations.csv", DescriptionReport.correlationsCSV(description).rendered())
        if LabelReport.hasLabels(survey) { bundle.add("labels.csv", LabelReport.table(survey).rendered()) }
        bundle.add("describe.md", MarkdownRenderer.render(DescriptionReport.document(description)))
        let directory = out ?? DataOptions.defaultOutputDirectory(for: data, suffix: "describe")
        try bundle.write(to: directory)

        console.write("\(survey.source): \(survey.rowCount) rows, \(survey.columns.count) columns\n")
        if !description.numeric.isEmpty { console.write(PlainTextRenderer.render(DescriptionReport.terminalTable(description))) }
        if LabelReport.hasLabels(survey) {
            var labels = ReportTable(header: ["variable", "label", "value labels"])
            for column in survey.columns where column.label != nil || !column.valueLabels.isEmpty {
                labels.append([column.name, column.label ?? "", column.valueLabels.sorted { $0.key < $1.key }
                    .map { "\(ReportFormat.fixed($0.key, digits: 0)) = \($0.value)" }.joined(separator: "; ")])
            }
            console.write(PlainTextRenderer.render(labels))
        }
        for line in LabelReport.outOfRange(survey) { console.writeError("trustpath: warning: \(line)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
