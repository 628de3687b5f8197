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

    @Option(help: ArgumentHelp("Extra codes meaning missing besides empty and NA, comma-separated (e.g. -99,#NULL!).",
                               valueName: "codes"))
    var missingCodes: String?

    @Option(help: ArgumentHelp("Columns to treat as categorical, comma-separated.", valueName: "names"))
    var categorical: String?

    @Option(help: ArgumentHelp("Columns to treat as free text (never printed), comma-separated.", valueName: "names"))
    var text: String?

    @Option(help: ArgumentHelp("A CSV of 'label,value' rows mapping Likert answer labels to numbers.", valueName: "file"))
    var likertMap: String?

    @Option(help: ArgumentHelp("The field delimiter: comma, semicolon or tab (default: detected).", valueName: "name"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Output directory (default: Reports/<data file name>-describe).", valueName: "dir"))
    var out: String?

    func validate() throws {
        if let delimiter, DescribeCommand.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be comma, semicolon or tab, not '\(delimiter)'")
        }
    }

    func execute(console: Console) throws {
        var options = CSVReadOptions(missingCodes: DescribeCommand.list(missingCodes))
        options.delimiter = delimiter.flatMap(DescribeCommand.delimiterByte)
        try options.declare(DescribeCommand.list(categorical), as: .categorical)
        try options.declare(DescribeCommand.list(text), as: .text)
        if let likertMap { options.likertMapping = try LikertMapping.read(from: likertMap) }

        var survey = try SurveyReader.read(data, options: options)
        if let columns { survey = try survey.selecting(DescribeCommand.list(columns)) }
        let description = SurveyDescription(survey)

        var bundle = OutputBundle()
        bundle.add("describe.csv", DescriptionReport.summaryCSV(description).rendered())
        bundle.add("frequencies.csv", DescriptionReport.frequenciesCSV(description).rendered())
        bundle.add("correlations.csv", DescriptionReport.correlationsCSV(description).rendered())
        bundle.add("describe.md", MarkdownRenderer.render(DescriptionReport.document(description)))
        let directory = out ?? DescribeCommand.defaultOutputDirectory(for: data)
        try bundle.write(to: directory)

        console.write("\(survey.source): \(survey.rowCount) rows, \(survey.columns.count) columns\n")
        if !description.numeric.isEmpty { console.write(PlainTextRenderer.render(DescriptionReport.terminalTable(description))) }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func delimiterByte(_ name: String) -> UInt8? {
        switch name.lowercased() {
        case "comma", ",": return UInt8(ascii: ",")
        case "semicolon", ";": return UInt8(ascii: ";")
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        default: return nil
        }
    }

    static func defaultOutputDirectory(for data: String) -> String {
        let stem = ((data as NSString).lastPathComponent as NSString).deletingPathExtension
        return "Reports/\(stem)-describe"
    }
}
