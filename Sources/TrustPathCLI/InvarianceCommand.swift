import ArgumentParser
import Foundation
import TrustPathModelSpec
import TrustPathReport
import TrustPathSEM

/// `trustpath invariance`: configural, metric, scalar and strict models in sequence.
struct InvarianceCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "invariance",
        abstract: "Measurement invariance across groups: configural, metric, scalar and strict models, compared step by step.",
        discussion: """
            Fits the model in every group of --group with nothing held equal (configural), then equal loadings \
            (metric), equal intercepts too (scalar) and equal residual variances too (strict), by maximum \
            likelihood as lavaan's cfa(..., group.equal = ...). Each step is compared with the one before: \
            chi-square difference test, change in CFI and RMSEA. A step holds when CFI drops by at most .010 \
            and RMSEA rises by at most .015 (Chen 2007; Cheung & Rensvold 2002); the verdict names the highest \
            level supported and what it allows you to compare. --group-partial frees the named parameters at \
            every level (partial invariance). --estimator mlr fits each level by robust ML (lavaan's MLR): \
            Yuan-Bentler scaled chi-squares, Satorra-Bentler (2001) scaled differences as lavaan's lavTestLRT, \
            and the robust CFI and RMSEA for the changes. --ordered all (or COLUMN,...) treats the items as \
            ordinal (WLSMV, as lavaan's ordered = ...): configural, metric and scalar (equal thresholds) \
            models, each step tested by lavaan's scaled-shifted DIFFTEST, with the scaled CFI and RMSEA.

            Writes invariance.csv and invariance.md, all or none.

            Example:
              trustpath invariance Surveys/reference/holzinger-swineford.lav --data Surveys/reference/holzinger-swineford-1939.csv --group school
            """
    )

    @Argument(help: "The measurement model in lavaan syntax (a .lav text file).")
    var model: String

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("The column whose values define the groups.", valueName: "column"))
    var group: String

    @Option(help: ArgumentHelp("Free these parameters in each group at every level, e.g. \"visual =~ x2, x3 ~ 1\".", valueName: "parameters"))
    var groupPartial: String = ""

    @Flag(help: "Scale latent variables by their variances instead of a first loading (lavaan's std.lv).")
    var stdLv = false

    @Option(help: ArgumentHelp("ml (default), mlr (robust standard errors, scaled chi-squares and scaled difference tests, as lavaan's MLR), mlm (the same, Satorra-Bentler) or wlsmv (ordinal items; the default with --ordered).",
                               valueName: "ml|mlr|mlm|wlsmv"))
    var estimator: String?

    @Option(help: ArgumentHelp("Treat the model's items as ordinal (Likert): 'all', or every observed variable named; fitted by WLSMV.",
                               valueName: "all|column,column,..."))
    var ordered: String?

    @Option(help: ArgumentHelp("listwise (default) or fiml: full-information ML over each group's missing-data patterns (lavaan's missing = \"ml\"; robust FIML with --estimator mlr).",
                               valueName: "listwise|fiml"))
    var missing: String = "listwise"

    /// The estimator asked for, or implied: WLSMV with --ordered, ML otherwise.
    var estimatorName: String { (estimator ?? (ordered != nil ? "wlsmv" : "ml")).lowercased() }

    func validate() throws {
        guard InvarianceSequence.Estimator(rawValue: estimatorName) != nil else {
            throw ValidationError("--estimator must be ml, mlr, mlm or wlsmv for invariance, not '\(estimatorName)'")
        }
        guard ["listwise", "fiml", "ml"].contains(missing.lowercased()) else {
            throw ValidationError("--missing must be listwise or fiml, not '\(missing)'")
        }
        if missing.lowercased() != "listwise" && estimatorName == "wlsmv" {
            throw ValidationError("--missing fiml does not combine with ordinal items (WLSMV); lavaan uses pairwise deletion for them")
        }
        if missing.lowercased() != "listwise" && estimatorName == "mlm" {
            throw ValidationError("--missing fiml does not combine with --estimator mlm (lavaan's MLM needs complete data); use --estimator mlr")
        }
        if (estimatorName == "wlsmv") != (ordered != nil) {
            throw ValidationError(ordered == nil ? "--estimator wlsmv is for ordinal items: name them with --ordered all or --ordered COLUMN,COLUMN,..."
                : "--ordered items are fitted by WLSMV; --estimator \(estimatorName) would treat them as continuous (drop --ordered, or drop --estimator)")
        }
    }

    @OptionGroup var threads: JobsOptions

    @OptionGroup var dataOptions: DataOptions

    func execute(console: Console) throws {
        let text: String
        do { text = try String(contentsOfFile: model, encoding: .utf8) } catch { throw CLIError.unreadableModel(file: model) }
        let survey = try dataOptions.read(files.data, categorical: [group])
        let options = ModelOptions(standardizedLatents: stdLv, meanStructure: true)
        let estimator = InvarianceSequence.Estimator(rawValue: estimatorName) ?? .ml
        if let ordered {
            let variables: ModelVariables
            do { variables = try ParameterTable(model: text, options: options).variables } catch { throw CLIError.model(file: model, error) }
            let asked = SEMOptions(group: group, ordered: ordered.lowercased() == "all" ? .all : .variables(DataOptions.list(ordered)))
            do throws(SEMError) { _ = try SEM.continuousVariables(asked.ordered, variables: variables) } catch {
                throw CLIError.fit(model: model, error)
            }
            if let refusal = asked.refusal(variables: variables) { throw CLIError.fit(model: model, .refused(refusal)) }
        }
        let sequence = try GroupOptions.fitting(model: model) {
            try InvarianceSequence(model: text, data: survey, groupColumn: group, options: options, partial: DataOptions.list(groupPartial), estimator: estimator,
                                   fullInformation: missing.lowercased() != "listwise", jobs: threads.jobs)
        }
        let robust = sequence.estimator != .ml
        let names: [InvarianceSequence.Estimator: String] = [.ml: missing.lowercased() == "listwise" ? "Maximum likelihood" : "Full-information ML over each group's missing-data patterns",
                                                             .mlr: missing.lowercased() == "listwise" ? "Robust maximum likelihood (MLR)" : "Robust FIML (MLR over each group's missing-data patterns)",
                                                             .mlm: "Robust maximum likelihood (MLM, Satorra-Bentler)", .wlsmv: "WLSMV on ordinal items"]
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: files.dataName,
                                        verb: "invariance", inferenceNote: (names[estimator] ?? "") + ", as lavaan; groups numbered in order of first appearance.")
        var bundle = OutputBundle()
        bundle.add("invariance.csv", MultiGroupReport.invarianceTable(sequence).rendered())
        bundle.add("invariance.md", MarkdownRenderer.render(MultiGroupReport.invarianceDocument(sequence, context: context)))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: model, suffix: "invariance")
        try bundle.write(to: directory)
        let e = sequence.estimator
        var table = ReportTable(header: ["level", robust ? "scaled chisq" : "chisq", "df", "CFI", "RMSEA", "dCFI", "dRMSEA", "holds"])
        for step in sequence.steps {
            let m = { (name: String) in ReportFormat.fixed(step.measures[name] ?? .nan) }
            table.append([step.level.rawValue, m(e.chisq), "\(Int(step.measures["df"] ?? 0))", m(e.cfi), m(e.rmsea),
                          step.difference.map { ReportFormat.fixed($0.cfi) } ?? "", step.difference.map { ReportFormat.fixed($0.rmsea) } ?? "",
                          step.holds ? "yes" : "no"])
        }
        console.write(PlainTextRenderer.render(table))
        console.write(MultiGroupReport.verdict(sequence) + "\n")
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
