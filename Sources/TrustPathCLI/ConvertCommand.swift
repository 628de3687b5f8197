import ArgumentParser
import Foundation
import TrustPathImport
import TrustPathReport
import TrustPathSurvey

/// `trustpath convert`: any readable survey file to a plain CSV (codes, not labels), with the
/// variable and value labels beside it.
struct ConvertCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an SPSS, Stata, Excel or survey-platform file to a plain CSV or an SPSS file.",
        discussion: """
            Reads the file as every command reads it (SPSS .sav/.zsav, Stata .dta, Excel .xlsx, Qualtrics, \
            Wenjuanxing and Google Forms exports, plain CSV) and writes its columns as a CSV of numbers and \
            text (value codes, not labels; missing cells NA, which every command reads as missing), plus labels.csv with the variable and value \
            labels when the file has any; or, with --to sav, an SPSS file keeping variable and value labels. \
            The input is never modified.

            Example:
              trustpath convert responses.sav --to csv --out converted
            """
    )

    @Argument(help: "The file to convert.")
    var input: String

    @Option(help: ArgumentHelp("The output format: csv or sav.", valueName: "format"))
    var to: String = "csv"

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Output directory (default: Reports/<file name>-convert).", valueName: "dir"))
    var out: String?

    func validate() throws {
        guard ["csv", "sav"].contains(to) else { throw ValidationError("--to must be csv or sav, not '\(to)'") }
    }

    func execute(console: Console) throws {
        let survey = try dataOptions.read(input)
        let name = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        var bundle = OutputBundle()
        if to == "sav" {
            bundle.add(name + ".sav", data: try StatisticalFileWriter.sav(survey))
        } else {
            var table = CSVTable(header: survey.columnNames)
            for r in 0..<survey.rowCount {
                table.append(survey.columns.map { column -> CSVTable.Cell in
                    switch column.values {
                    case .numeric(let numbers): return numbers[r].isNaN ? .missing : .number(numbers[r])
                    case .coded(let codes, let levels): return codes[r] < 0 ? .missing : .text(levels[Int(codes[r])])
                    }
                })
            }
            bundle.add(name + ".csv", table.rendered())
            if LabelReport.hasLabels(survey) { bundle.add("labels.csv", LabelReport.table(survey).rendered()) }
        }
        let directory = out ?? DataOptions.defaultOutputDirectory(for: input, suffix: "convert")
        try bundle.write(to: directory)
        console.write("\(survey.source): \(survey.rowCount) rows, \(survey.columns.count) columns\nWrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
