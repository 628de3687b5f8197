import ArgumentParser
import Foundation
import TrustPathPsychometrics
import TrustPathReport
import TrustPathSurvey

/// `trustpath efa`: exploratory factor analysis.
struct FactorCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "efa",
        abstract: "Exploratory factor analysis with KMO, Bartlett's test and parallel analysis, matching psych::fa.",
        discussion: """
            Factors the correlation matrix of the items (rows with a missing answer left out). KMO \
            (overall and per item) and Bartlett's test say whether the items are worth factoring; \
            parallel analysis (as psych::fa.parallel, seeded) suggests how many factors to keep; \
            extraction by principal axis (pa, as psych's fm = "pa") or maximum likelihood (ml); rotation \
            varimax (orthogonal), promax or oblimin (oblique, as psych and GPArotation). Factors are signed \
            and ordered as psych orders them.

            Writes loadings.csv (pattern, h2, u2), structure.csv, variance.csv (SS loadings, proportions, \
            factor correlations), kmo.csv, scree.csv and scree.svg (with --factors parallel, the default) \
            and efa.md, all or none.

            Example:
              trustpath efa --data Surveys/reference/trust-likert-400.csv --rotation oblimin
            """
    )

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("The items to factor, separated by commas (default: every numeric column).", valueName: "items"))
    var items: String?

    @Option(help: ArgumentHelp("How many factors: a number, or 'parallel' for parallel analysis.", valueName: "k|parallel"))
    var factors: String = "parallel"

    @Option(help: ArgumentHelp("Rotation: varimax, promax, oblimin or none.", valueName: "name"))
    var rotation: String = "oblimin"

    @Option(help: ArgumentHelp("Extraction: pa (principal axis) or ml (maximum likelihood).", valueName: "method"))
    var extraction: String = "pa"

    @Option(help: ArgumentHelp("Simulated data sets for parallel analysis.", valueName: "n"))
    var draws: Int = 20

    @OptionGroup var resampling: ResamplingOptions

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard FactorRotation(rawValue: rotation) != nil else { throw ValidationError("--rotation must be varimax, promax, oblimin or none, not '\(rotation)'") }
        guard FactorExtraction.Method(rawValue: extraction) != nil else { throw ValidationError("--extraction must be pa or ml, not '\(extraction)'") }
        guard factors == "parallel" || (Int(factors) ?? 0) >= 1 else {
            throw ValidationError("--factors must be a positive number or 'parallel', not '\(factors)'")
        }
        guard (1...100_000).contains(draws) else { throw ValidationError("--draws must be between 1 and 100000, not \(draws)") }
    }

    func execute(console: Console) throws {
        let survey = try dataOptions.read(files.data)
        let names = items.map(DataOptions.list) ?? survey.columns.filter { $0.numbers != nil }.map(\.name)
        guard names.count >= 3 else { throw ValidationError("factor analysis needs at least three numeric items; found \(names.count)") }
        let matrix = try ItemMatrix(data: survey, items: names)
        let method = FactorExtraction.Method(rawValue: extraction) ?? .pa
        let adequacy = try SamplingAdequacy(matrix)
        var parallel: ParallelAnalysis?
        let count: Int, choice: String
        if let fixed = Int(factors) {
            count = fixed
            choice = "as asked"
        } else {
            let analysis = try ParallelAnalysis(
                items: matrix, extraction: method, draws: draws, seed: resampling.seed, jobs: resampling.jobs)
            parallel = analysis
            count = max(1, analysis.suggestedFactors)
            choice = "suggested by parallel analysis"
        }
        let efa = try ExploratoryFactorAnalysis(items: matrix, factors: count, extraction: method, rotation: FactorRotation(rawValue: rotation) ?? .oblimin)
        var bundle = OutputBundle()
        bundle.add("loadings.csv", FactorAnalysisReport.loadings(efa).rendered())
        bundle.add("structure.csv", FactorAnalysisReport.structure(efa).rendered())
        bundle.add("variance.csv", FactorAnalysisReport.variance(efa).rendered())
        bundle.add("kmo.csv", FactorAnalysisReport.adequacy(adequacy).rendered())
        if let parallel {
            bundle.add("scree.csv", FactorAnalysisReport.scree(parallel).rendered())
            bundle.add("scree.svg", FactorAnalysisReport.screePlot(parallel))
        }
        let document = FactorAnalysisReport.document(efa, adequacy: adequacy, parallel: parallel, dataName: files.dataName,
                                                     factorChoice: choice, droppedRows: matrix.droppedRows, count: matrix.count)
        bundle.add("efa.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: files.data, suffix: "efa")
        try bundle.write(to: directory)
        for block in document.blocks {
            switch block {
            case .paragraph(let text): console.write(text.replacingOccurrences(of: " ![Scree plot](scree.svg)", with: "") + "\n")
            case .table(let table): console.write(PlainTextRenderer.render(table))
            case .heading: break
            }
        }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
