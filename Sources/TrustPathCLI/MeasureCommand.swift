import ArgumentParser
import Foundation
import TrustPathModelSpec
import TrustPathPsychometrics
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

/// `trustpath measure`: the reliability and validity checklist of a questionnaire's constructs.
struct MeasureCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Reliability and validity of the constructs: alpha, omega, CR, AVE, Fornell-Larcker, HTMT, cross-loadings.",
        discussion: """
            Constructs come from an instrument file (YAML: constructs with items, scales and reverse-coded \
            flags; reverse-coded items are recoded min + max - x first and answers outside an item's scale \
            are reported) or from the '=~' lines of a lavaan model. Rows with a missing answer are left out \
            (listwise). Per construct: Cronbach's alpha with Feldt's 95% interval (as psych::alpha), \
            standardized alpha, alpha if item deleted, corrected item-total correlations, McDonald's omega \
            (one-factor model, as semTools compRelSEM), CR and AVE from the standardized loadings of a CFA of \
            all constructs; Fornell-Larcker; HTMT and HTMT2 (as semTools htmt) with bootstrap intervals; \
            cross-loadings. --cmb adds Harman's single-factor test, a single-factor CFA and full-collinearity VIFs.

            Writes reliability.csv, validity.csv (Fornell-Larcker), htmt.csv, htmt2.csv, htmt-intervals.csv, \
            items.csv (and cmb.csv) and measure.md, all or none.

            Example:
              trustpath measure --data Surveys/reference/trust-likert-400.csv --instrument Surveys/reference/trust-instrument.yaml --cmb
            """
    )

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("The instrument (YAML) naming constructs and items.", valueName: "file"))
    var instrument: String?

    @Option(help: ArgumentHelp("A lavaan model whose '=~' lines name the constructs and items.", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("Bootstrap draws for the HTMT intervals; 0: none.", valueName: "draws"))
    var bootstrap: Int = 2000

    @OptionGroup var resampling: ResamplingOptions

    @Flag(help: "Also check for common method bias: Harman's single-factor test, a single-factor CFA, full-collinearity VIFs.")
    var cmb = false

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard (instrument == nil) != (model == nil) else { throw ValidationError("give either --instrument or --model, not both or neither") }
        guard (0...1_000_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 1000000, not \(bootstrap)") }
    }

    func execute(console: Console) throws {
        var survey = try dataOptions.read(files.data)
        let blocks: [ConstructBlock]
        var reverseCoded: [String] = []
        if let instrument {
            let parsed = try Instrument.read(path: instrument)
            survey = try parsed.scored(survey)
            blocks = parsed.constructs.map { ConstructBlock(code: $0.code, name: $0.name, items: $0.itemCodes) }
            reverseCoded = parsed.reverseCodedItems
        } else {
            blocks = try Self.blocks(fromModel: model ?? "")
        }
        let items = try ItemMatrix(data: survey, items: blocks.flatMap(\.items))
        let quality: MeasurementQuality
        do {
            quality = try MeasurementQuality(
                blocks: blocks, items: items, bootstrapDraws: bootstrap, seed: resampling.seed, jobs: resampling.jobs)
        } catch {
            throw CLIError.fit(model: "the measurement model", error)
        }
        let commonMethod = cmb ? try CommonMethodBias(quality: quality) : nil
        let codes = blocks.map(\.code)
        var bundle = OutputBundle()
        bundle.add("reliability.csv", MeasureReport.reliability(quality).rendered())
        bundle.add("validity.csv", MeasureReport.square(quality.fornellLarcker, constructs: codes).rendered())
        bundle.add("htmt.csv", MeasureReport.square(quality.htmt.ratios, constructs: codes).rendered())
        bundle.add("htmt2.csv", MeasureReport.square(quality.htmt2.ratios, constructs: codes).rendered())
        if let intervals = MeasureReport.htmtIntervals(quality) { bundle.add("htmt-intervals.csv", intervals.rendered()) }
        bundle.add("items.csv", MeasureReport.items(quality, reverseCoded: Set(reverseCoded)).rendered())
        if let commonMethod { bundle.add("cmb.csv", CommonMethodReport.table(commonMethod, constructs: codes).rendered()) }
        let document = MeasureReport.document(quality, dataName: files.dataName, reverseCoded: reverseCoded,
                                              commonMethod: commonMethod)
        bundle.add("measure.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: files.data, suffix: "measure")
        try bundle.write(to: directory)
        for block in document.blocks.prefix(4) { if case .table(let table) = block { console.write(PlainTextRenderer.render(table)) } }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    /// Constructs and items from the '=~' lines of a lavaan model.
    static func blocks(fromModel path: String) throws -> [ConstructBlock] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw CLIError.unreadableModel(file: path) }
        let table: ParameterTable
        do { table = try ParameterTable(model: text) } catch { throw CLIError.model(file: path, error) }
        var blocks: [ConstructBlock] = []
        for row in table.rows where row.op == "=~" {
            if table.variables.latent.contains(row.rhs) {
                throw ValidationError("\(path): '\(row.lhs) =~ \(row.rhs)' is a higher-order factor; measure needs constructs measured by items")
            }
            if let k = blocks.firstIndex(where: { $0.code == row.lhs }) {
                blocks[k] = ConstructBlock(code: row.lhs, items: blocks[k].items + [row.rhs])
            } else {
                blocks.append(ConstructBlock(code: row.lhs, items: [row.rhs]))
            }
        }
        guard !blocks.isEmpty else { throw ValidationError("\(path): the model has no '=~' lines naming constructs and their items") }
        return blocks
    }
}
