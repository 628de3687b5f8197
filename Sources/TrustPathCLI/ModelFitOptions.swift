import ArgumentParser
import Foundation
import TrustPathModelSpec
import TrustPathReport
import TrustPathResampling
import TrustPathSEM
import TrustPathSurvey

/// What `trustpath cfa` and `trustpath sem` share: they differ only in name, as lavaan's `cfa()`
/// and `sem()` differ only in defaults that TrustPath treats alike. Every option is typed and named
/// as lavaan's; the fit itself is ``SEM/fit(model:data:options:progress:)``.
struct ModelFitOptions: ParsableArguments {
    @Argument(help: "The model in lavaan syntax (a .lav text file).")
    var model: String

    @OptionGroup var files: FileOptions

    @Flag(help: "Scale latent variables by fixing their variances to 1 and freeing all loadings (lavaan's std.lv).")
    var stdLv = false

    @Flag(
        help:
            "Estimate means and intercepts too (on automatically when the model has '~ 1', with --missing fiml and with --group)."
    )
    var meanstructure = false

    @Option(
        help: ArgumentHelp(
            "lavaan's estimator: ml (default), mlr (Huber-White standard errors, Yuan-Bentler scaled test), mlm (Satorra-Bentler), mlmv (scaled-shifted test), mlmvs (mean-and-variance adjusted test), gls, wls, dwls, uls, ulsmv, wlsmv (the default with --ordered; on continuous data DWLS with robust standard errors and the scaled-shifted test).",
            valueName: "name"))
    var estimator: SEMOptions.Estimator?

    @Option(
        help: ArgumentHelp(
            "Treat these model variables as ordinal (Likert) items, fitted by WLSMV as lavaan's ordered = ...; 'all' for every observed model variable.",
            valueName: "all|column,column,..."))
    var ordered: SEMOptions.Ordered?

    @Option(
        help: ArgumentHelp(
            "listwise (default) or fiml (lavaan's \"ml\": full-information ML over the missing-data patterns; with mlr, robust FIML).",
            valueName: "listwise|fiml"))
    var missing: SEMOptions.MissingData = .listwise

    @Option(
        help: ArgumentHelp(
            "Standard errors, as lavaan's se: standard, robust.huber.white, robust.sem, bootstrap or none "
                + "(default: the estimator's).",
            valueName: "type"))
    var se: SEMOptions.StandardErrors?

    @Option(
        help: ArgumentHelp(
            "The information matrix of the standard errors: expected, observed or first.order (the casewise scores' cross-product; ML on complete rows) (default: the estimator's, as lavaan).",
            valueName: "expected|observed"))
    var information: SEMOptions.Information?

    @Option(
        help: ArgumentHelp(
            "The test statistic, as lavaan's test: standard, satorra.bentler, yuan.bentler, yuan.bentler.mplus, "
                + "scaled.shifted, mean.var.adjusted, bollen.stine or none (default: the estimator's).",
            valueName: "type"))
    var test: SEMOptions.Test?

    @Option(
        help: ArgumentHelp(
            "Bootstrap draws for standard errors and intervals (lavaan's se = \"bootstrap\" with bootstrap = N) and for --test bollen.stine; 0: none.",
            valueName: "draws"))
    var bootstrap: Int = 0

    @OptionGroup var resampling: ResamplingOptions

    @Option(
        help: ArgumentHelp(
            "Bootstrap interval: percentile (lavaan's perc), bc (bias-corrected, lavaan's bca.simple), bca (with "
                + "jackknife acceleration), normal (lavaan's norm) or basic.",
            valueName: "type"))
    var ci: BootstrapInterval = .percentile

    @Flag(
        help:
            "Also test the model by the Bollen-Stine bootstrap (with --bootstrap draws), as --test bollen.stine: adds bollen.stine.pvalue to fit.csv."
    )
    var bollenStine = false

    @Flag(
        inversion: .prefixedNo,
        help:
            "List every direct, indirect and total effect and each specific indirect path (default: on when a variable both predicts and is predicted)."
    )
    var effects: Bool?

    @OptionGroup var groupOptions: GroupOptions

    @OptionGroup var dataOptions: DataOptions

    /// The fitting options these arguments ask for.
    var fitOptions: SEMOptions {
        let orderedItems = ordered ?? .none
        return SEMOptions(
            estimator: estimator, missing: missing, se: se ?? (bootstrap > 0 ? .bootstrap : nil),
            information: information, test: bollenStine ? .bollenStine : test, group: groupOptions.group,
            groupEqual: groupOptions.equalityClasses, groupPartial: groupOptions.partialList, ordered: orderedItems,
            meanStructure: meanstructure, standardizedLatents: stdLv,
            bootstrap: SEMOptions.Bootstrap(
                draws: bootstrap > 0 ? bootstrap : 1000, seed: resampling.seed, interval: ci),
            jobs: resampling.jobs)
    }

    func validate() throws {
        guard (0...1_000_000).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be between 0 and 1000000, not \(bootstrap)")
        }
        if bollenStine && bootstrap == 0 {
            throw ValidationError("--bollen-stine needs --bootstrap with the number of draws")
        }
        if let refusal = fitOptions.refusal() { throw ValidationError(refusal.message) }
        if groupOptions.group != nil, effects == true {
            throw ValidationError("--effects is not available with --group yet; the effects are listed for one group")
        } else if groupOptions.group == nil && (!groupOptions.groupEqual.isEmpty || !groupOptions.groupPartial.isEmpty)
        {
            throw ValidationError("--group-equal and --group-partial need --group COLUMN")
        }
        if groupOptions.equalityClasses.contains(.thresholds) && ordered == nil {
            throw ValidationError(
                "--group-equal thresholds is for ordinal items: name them with --ordered all or --ordered COLUMN,COLUMN,..."
            )
        }
    }

    func execute(verb: String, console: Console) throws {
        let text: String
        do { text = try String(contentsOfFile: model, encoding: .utf8) } catch {
            throw CLIError.unreadableModel(file: model)
        }
        let survey = try dataOptions.read(files.data, categorical: groupOptions.group.map { [$0] } ?? [])
        let options = fitOptions
        let bar: ProgressBar? =
            console.isTerminal && options.resolvedSE == .bootstrap
            ? ProgressBar(total: options.bootstrap.draws, label: "bootstrap", console: console) : nil
        var report: (@Sendable (Int) -> Void)?
        if let bar { report = { done in bar.update(done) } }
        let result: SEMResult
        do { result = try SEM.fit(model: text, data: survey, options: options, progress: report) } catch {
            if case .data(let problem) = error { throw problem }
            throw CLIError(fitting: error, model: model)
        }
        bar?.finish()
        let context = SEMReport.Context(
            modelName: (model as NSString).lastPathComponent, dataName: files.dataName,
            verb: verb, inferenceNote: SEMMethodNote.inference(result), estimation: SEMMethodNote.estimation(result))
        var bundle = OutputBundle()
        switch result.structure {
        case .single(let fit): writeSingle(result, fit: fit, context: context, into: &bundle)
        case .groups(let groups):
            let modificationIndices = result.modificationIndices
            bundle.add("estimates.csv", SEMTables.estimates(result.estimates, inference: result.inference).rendered())
            bundle.add("fit.csv", SEMTables.fit(result.measures).rendered())
            if let modificationIndices {
                bundle.add("modindices.csv", SEMTables.modificationIndices(modificationIndices).rendered())
            }
            bundle.add(
                "report.md",
                MarkdownRenderer.render(
                    MultiGroupReport.document(
                        model: groups, estimates: result.estimates, inference: result.inference,
                        bootstrapped: result.resampled != nil, measures: result.measures, context: context,
                        estimator: Self.headlineEstimator(result.options), ordinal: !result.options.ordered.isEmpty,
                        diagnostics: result.diagnostics,
                        modificationIndices: modificationIndices ?? [])))
        }
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: model, suffix: verb)
        try bundle.write(to: directory)
        switch result.structure {
        case .single(let fit):
            console.write(
                SEMReport.terminalSummary(fit, measures: result.measures, inference: result.inference, context: context)
            )
        case .groups(let groups):
            console.write(PlainTextRenderer.render(MultiGroupReport.legend(groups)))
            console.write(Self.fitLine(result.measures, estimator: Self.headlineEstimator(result.options)))
        }
        let sample = result.sample
        if sample.rowsWithNothing > 0 {
            console.writeError(
                "trustpath: note: \(sample.rowsWithNothing) rows with every model variable missing were left out\n")
        }
        if sample.rowsMissingCovariates > 0 {
            console.writeError(
                "trustpath: note: \(sample.rowsMissingCovariates) rows missing an exogenous covariate were left out (fixed.x, as lavaan)\n"
            )
        }
        for warning in result.warnings { console.writeError("trustpath: warning: \(warning)\n") }
        for diagnostic in result.diagnostics { console.writeError("trustpath: warning: \(diagnostic.message)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    /// estimates.csv, fit.csv, modindices.csv (ML on complete rows), residuals.csv, effects.csv
    /// (when shown), standardized.csv and report.md of a single-group fit.
    func writeSingle(_ result: SEMResult, fit: SEMFit, context: SEMReport.Context, into bundle: inout OutputBundle) {
        let showEffects = effects ?? fit.hasMediation
        let effectInference = showEffects ? result.effectInference : []
        let modificationIndices = result.modificationIndices
        // The report lists the model's rows; WLSMV's estimates.csv adds the thresholds.
        let reportInference =
            result.estimates.count == fit.estimates.count
            ? result.inference : fit.estimates.map { $0.normalInference() }
        bundle.add("estimates.csv", SEMTables.estimates(result.estimates, inference: result.inference).rendered())
        bundle.add("fit.csv", SEMTables.fit(result.measures).rendered())
        if let modificationIndices {
            bundle.add("modindices.csv", SEMTables.modificationIndices(modificationIndices).rendered())
        }
        bundle.add("residuals.csv", SEMTables.residuals(result.residuals ?? fit.residuals).rendered())
        if showEffects {
            bundle.add("effects.csv", SEMTables.effects(fit.effects, inference: effectInference).rendered())
        }
        bundle.add("standardized.csv", SEMTables.standardized(fit, inference: result.standardizedInference).rendered())
        bundle.add(
            "report.md",
            MarkdownRenderer.render(
                SEMReport.document(
                    fit, measures: result.measures, modificationIndices: modificationIndices ?? [],
                    inference: reportInference,
                    effects: showEffects ? Array(zip(fit.effects, effectInference)) : [], context: context)))
    }

    /// Which statistics a multi-group report leads with.
    static func headlineEstimator(_ options: SEMOptions) -> InvarianceSequence.Estimator {
        if !options.ordered.isEmpty || [.scaledShifted, .meanVarianceAdjusted].contains(options.resolvedTest) {
            return .wlsmv
        }
        switch options.resolvedTest {
        case .yuanBentlerMplus, .yuanBentler: return .mlr
        case .satorraBentler: return .mlm
        default: return .ml
        }
    }

    /// The terminal's fit line of a multi-group fit.
    static func fitLine(_ measures: FitMeasures, estimator: InvarianceSequence.Estimator) -> String {
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        let df = "\(Int(measures["df"] ?? 0))"
        if measures["chisq"] == nil { return "not tested (test = none)\n" }
        switch estimator {
        case .ml:
            return
                "chi-square(\(df)) = \(m("chisq")), CFI = \(m("cfi")), TLI = \(m("tli")), RMSEA = \(m("rmsea")), SRMR = \(m("srmr"))\n"
        case .mlr, .mlm:
            return "scaled chi-square(\(df)) = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor"))), "
                + "robust CFI = \(m("cfi.robust")), TLI = \(m("tli.robust")), RMSEA = \(m("rmsea.robust")), SRMR = \(m("srmr"))\n"
        case .wlsmv:
            let adjusted = measures["chisq.shift.parameter"] == nil && measures["df.scaled"] != measures["df"]
            return
                (adjusted
                    ? "mean-and-variance adjusted chi-square(\(m("df.scaled")))" : "scaled-shifted chi-square(\(df))")
                + " = \(m("chisq.scaled")), scaled CFI = \(m("cfi.scaled")), TLI = \(m("tli.scaled")), "
                + "RMSEA = \(m("rmsea.scaled")), SRMR = \(m("srmr"))\n"
        }
    }
}

/// `trustpath cfa`: confirmatory factor analysis.
struct CFACommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "cfa",
        abstract: "Confirmatory factor analysis by maximum likelihood, matching lavaan's cfa().",
        discussion: ModelFitHelp.text(
            verb: "cfa",
            example: """
                  trustpath cfa Surveys/reference/holzinger-swineford.lav --data Surveys/reference/holzinger-swineford-1939.csv
                """)
    )

    @OptionGroup var options: ModelFitOptions

    func execute(console: Console) throws { try options.execute(verb: "cfa", console: console) }
}

/// `trustpath sem`: structural equation model.
struct SEMCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "sem",
        abstract: "Structural equation model by maximum likelihood, matching lavaan's sem().",
        discussion: ModelFitHelp.text(
            verb: "sem",
            example: """
                  trustpath sem Surveys/reference/trust.lav --data Surveys/reference/trust-simulated-400.csv
                """)
    )

    @OptionGroup var options: ModelFitOptions

    func execute(console: Console) throws { try options.execute(verb: "sem", console: console) }
}

enum ModelFitHelp {
    static func text(verb: String, example: String) -> String {
        """
        The model is lavaan syntax: =~ (measured by), ~ (regressed on), ~~ (covariance), ~ 1 \
        (intercept), labels a*x (a repeated label makes parameters equal), fixed values 0.5*x, NA*x, \
        start(0.3)*x and := defined parameters (delta-method standard errors). Defaults as lavaan: \
        first loading fixed to 1 (or --std-lv), residual variances free, exogenous latent variables \
        correlated. Rows with a missing value in a model variable are left out (listwise).

        The fitting options are lavaan's (--estimator, --missing, --se, --information, --test, \
        --ordered, --group with --group-equal): an estimator sets lavaan's defaults for the others, \
        each can be overridden, and a combination is refused only with its reason (lavaan's, or \
        that TrustPath does not fit it yet).

        Writes estimates.csv (lavaan's parameterEstimates columns, full precision), fit.csv \
        (fitMeasures names), modindices.csv, residuals.csv and report.md, all or none, and prints a \
        summary. Exit status 1 for bad input, 3 when the model cannot be estimated.

        Example:
        \(example)
        """
    }
}
