import ArgumentParser
import Foundation
import TrustPathReport
import TrustPathSEM

/// `trustpath compare`: nested models on the same data, as lavaan's `lavTestLRT()`.
struct CompareCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare nested models on the same data, as lavaan's lavTestLRT (anova).",
        discussion: """
            Fits every model with the same options and tests each against the one before it, the \
            models ordered by degrees of freedom: the χ² difference with the RMSEA of the difference \
            (ML), or the Satorra-Bentler (2001) scaled difference (MLR, MLM), with AIC and BIC. \
            Writes compare.csv (full precision) and compare.md, all or none.

            Example:
              trustpath compare correlated.lav orthogonal.lav \\
                --data Surveys/reference/holzinger-swineford-1939.csv
            """
    )

    @Argument(help: "Two or more models in lavaan syntax (.lav files), nested.")
    var models: [String]

    @OptionGroup var files: FileOptions

    @Option(
        help: ArgumentHelp(
            "ml (default), mlr or mlm (scaled differences), gls, wls, dwls or uls; wlsmv (the default with --ordered: "
                + "lavaan's DIFFTEST) or ulsmv for ordered items.",
            valueName: "name"))
    var estimator: SEMOptions.Estimator?

    @Option(
        help: ArgumentHelp(
            "Treat these model variables as ordinal (Likert) items, as lavaan's ordered = ...; 'all' for every one.",
            valueName: "all|column,column,..."))
    var ordered: SEMOptions.Ordered?

    @Option(help: ArgumentHelp("listwise (default) or fiml.", valueName: "listwise|fiml"))
    var missing: SEMOptions.MissingData = .listwise

    @Flag(help: "Scale latent variables by their variances (lavaan's std.lv).")
    var stdLv = false

    @OptionGroup var groupOptions: GroupOptions

    @OptionGroup var threads: JobsOptions

    @OptionGroup var dataOptions: DataOptions

    var fitOptions: SEMOptions {
        SEMOptions(
            estimator: estimator, missing: missing, group: groupOptions.group, groupEqual: groupOptions.equalityClasses,
            groupPartial: groupOptions.partialList, ordered: ordered ?? .none, standardizedLatents: stdLv,
            jobs: threads.jobs)
    }

    func validate() throws {
        guard models.count >= 2 else { throw ValidationError("give at least two models to compare") }
        if let refusal = fitOptions.refusal() ?? ModelComparison.refusal(fitOptions) {
            throw ValidationError(refusal.message)
        }
    }

    func execute(console: Console) throws {
        let survey = try dataOptions.read(files.data, categorical: groupOptions.group.map { [$0] } ?? [])
        var fits: [(name: String, result: SEMResult)] = []
        for model in models {
            let text: String
            do { text = try String(contentsOfFile: model, encoding: .utf8) } catch {
                throw CLIError.unreadableModel(file: model)
            }
            do {
                fits.append(
                    ((model as NSString).lastPathComponent, try SEM.fit(model: text, data: survey, options: fitOptions))
                )
            } catch {
                if case .data(let problem) = error { throw problem }
                throw CLIError(fitting: error, model: model)
            }
        }
        let comparison: ModelComparison
        do { comparison = try ModelComparison(fits) } catch { throw CLIError.fit(model: models[0], error) }
        var bundle = OutputBundle()
        bundle.add("compare.csv", ComparisonReport.table(comparison).rendered())
        bundle.add(
            "compare.md",
            MarkdownRenderer.render(
                ComparisonReport.document(
                    comparison, dataName: files.dataName,
                    estimator: fitOptions.estimator.rawValue.uppercased())))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: models[0], suffix: "compare")
        try bundle.write(to: directory)
        console.write(PlainTextRenderer.render(ComparisonReport.summary(comparison)))
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
