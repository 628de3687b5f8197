import ArgumentParser
import Foundation
import TrustPathModelSpec
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

/// What `trustpath cfa` and `trustpath sem` share: they differ only in name, as lavaan's `cfa()`
/// and `sem()` differ only in defaults that TrustPath's single-group ML treats alike.
struct ModelFitOptions: ParsableArguments {
    @Argument(help: "The model in lavaan syntax (a .lav text file).")
    var model: String

    @Option(help: ArgumentHelp("The survey data: a CSV file, or SPSS (.sav, .zsav) or Stata (.dta).", valueName: "file"))
    var data: String

    @Flag(help: "Scale latent variables by fixing their variances to 1 and freeing all loadings (lavaan's std.lv).")
    var stdLv = false

    @Flag(help: "Estimate means and intercepts too (on automatically when the model has '~ 1').")
    var meanstructure = false

    @Option(help: ArgumentHelp("ml (default); mlr: robust (Huber-White) standard errors and the Yuan-Bentler scaled test, as lavaan's MLR (also with --group, and with --missing fiml as robust FIML); mlm: Satorra-Bentler standard errors and scaled test, as lavaan's MLM; gls, uls: generalized or unweighted least squares, as lavaan's GLS and ULS (observed predictors modelled, fixed.x = FALSE); wlsmv: for ordered items (the default with --ordered), as lavaan's WLSMV.",
                               valueName: "ml|mlr|mlm|gls|uls|wlsmv"))
    var estimator: String?

    @Option(help: ArgumentHelp("Treat these model variables as ordinal (Likert) items: thresholds and polychoric correlations, fitted by WLSMV as lavaan's ordered = ...; 'all' for every observed model variable. The others stay continuous (polyserial and Pearson correlations; single group).",
                               valueName: "all|column,column,..."))
    var ordered: String?

    /// The estimator asked for, or implied: WLSMV with --ordered, ML otherwise.
    var estimatorName: String { (estimator ?? (ordered != nil ? "wlsmv" : "ml")).lowercased() }

    @Option(help: ArgumentHelp("listwise (default: rows with a missing model variable are left out) or fiml (full-information ML over the missing-data patterns, as lavaan's missing = \"ml\"; with --estimator mlr, robust FIML).",
                               valueName: "listwise|fiml"))
    var missing: String = "listwise"

    @Option(help: ArgumentHelp("Standard errors from the expected (default, as lavaan) or observed information.",
                               valueName: "expected|observed"))
    var information: String = "expected"

    @Option(help: ArgumentHelp("Bootstrap draws for standard errors and intervals (lavaan's se = \"bootstrap\"); 0: none.",
                               valueName: "draws"))
    var bootstrap: Int = 0

    @Option(help: ArgumentHelp("Seed of the bootstrap's random streams; the same seed gives the same result for any --jobs.",
                               valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Bootstrap interval: percentile, bc (bias-corrected, lavaan's bca.simple) or bca (with jackknife acceleration).",
                               valueName: "type"))
    var ci: String = "percentile"

    @Option(help: ArgumentHelp("Threads for the bootstrap (default: all cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Also test the model by the Bollen-Stine bootstrap (with --bootstrap draws): adds bollen.stine.pvalue to fit.csv.")
    var bollenStine = false

    @Flag(inversion: .prefixedNo,
          help: "List every direct, indirect and total effect and each specific indirect path (default: on when a variable both predicts and is predicted).")
    var effects: Bool?

    @OptionGroup var groupOptions: GroupOptions

    @OptionGroup var dataOptions: DataOptions

    @Option(help: ArgumentHelp("Output directory (default: Reports/<model file name>-<verb>).", valueName: "dir"))
    var out: String?

    func validate() throws {
        guard SEMFit.Information(rawValue: information) != nil else {
            throw ValidationError("--information must be expected or observed, not '\(information)'")
        }
        guard BootstrapInterval(rawValue: ci) != nil else {
            throw ValidationError("--ci must be percentile, bc or bca, not '\(ci)'")
        }
        guard (0...1_000_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 1000000, not \(bootstrap)") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if bollenStine && bootstrap == 0 { throw ValidationError("--bollen-stine needs --bootstrap with the number of draws") }
        guard ["ml", "mlr", "mlm", "gls", "uls", "wlsmv"].contains(estimatorName) else {
            throw ValidationError("--estimator must be ml, mlr, mlm, gls, uls or wlsmv, not '\(estimatorName)'")
        }
        if (estimatorName == "wlsmv") != (ordered != nil) {
            throw ValidationError(ordered == nil ? "--estimator wlsmv is for ordinal items: name them with --ordered all or --ordered COLUMN,COLUMN,..."
                : "--ordered items are fitted by WLSMV; --estimator \(estimatorName) would treat them as continuous (drop --ordered, or drop --estimator)")
        }
        if estimatorName != "ml" {
            for (given, name) in [(bootstrap > 0, "--bootstrap"), (bollenStine, "--bollen-stine"), (information != "expected", "--information"),
                                  (groupOptions.group != nil && !["mlr", "mlm", "wlsmv"].contains(estimatorName), "--group")] where given {
                let why = ["gls", "uls"].contains(estimatorName) ? "its standard errors come from its own weight matrix" : "its standard errors are the robust sandwich"
                throw ValidationError("\(name) does not combine with --estimator \(estimatorName): \(why)"
                    + (name == "--group" ? " (multi-group \(estimatorName.uppercased()) is not available yet)" : ""))
            }
        }
        guard ["listwise", "fiml", "ml"].contains(missing.lowercased()) else {
            throw ValidationError("--missing must be listwise or fiml, not '\(missing)'")
        }
        if missing.lowercased() != "listwise" {
            for (given, name) in [(bootstrap > 0, "--bootstrap"), (bollenStine, "--bollen-stine"), (!["ml", "mlr"].contains(estimatorName), "--estimator \(estimatorName)"),
                                  (information != "expected", "--information")] where given {
                throw ValidationError("\(name) does not combine with --missing fiml yet; FIML uses the observed information"
                    + (name.hasPrefix("--estimator") ? " (robust FIML is --estimator mlr, as lavaan's MLR with missing = \"ml\")" : ""))
            }
        }
        if groupOptions.group != nil {
            for (given, name) in [(bootstrap > 0, "--bootstrap"), (information != "expected", "--information observed"), (effects == true, "--effects")] where given {
                throw ValidationError("\(name) is not available with --group yet; multi-group fits use expected-information standard errors")
            }
        } else if !groupOptions.groupEqual.isEmpty || !groupOptions.groupPartial.isEmpty {
            throw ValidationError("--group-equal and --group-partial need --group COLUMN")
        }
        if groupOptions.equalityClasses.contains(.thresholds) && ordered == nil {
            throw ValidationError("--group-equal thresholds is for ordinal items: name them with --ordered all or --ordered COLUMN,COLUMN,...")
        }
    }

    func execute(verb: String, console: Console) throws {
        let text: String
        do { text = try String(contentsOfFile: model, encoding: .utf8) } catch {
            throw CLIError.unreadableModel(file: model)
        }
        if let group = groupOptions.group {
            try executeMultiGroup(verb: verb, text: text, group: group, console: console)
            return
        }
        let leastSquares = LeastSquaresFit.Estimator(rawValue: estimatorName)
        let table: ParameterTable
        do {
            table = try ParameterTable(model: text, options: ModelOptions(standardizedLatents: stdLv, meanStructure: meanstructure,
                                                                          fixedExogenous: leastSquares == nil))
        } catch {
            throw CLIError.model(file: model, error)
        }
        let survey = try dataOptions.read(data)
        if let ordered {
            try executeOrdinal(verb: verb, table: table, survey: survey, ordered: ordered, console: console)
            return
        }
        if let leastSquares {
            try executeLeastSquares(verb: verb, table: table, survey: survey, estimator: leastSquares, console: console)
            return
        }
        if missing.lowercased() != "listwise" {
            try executeFIML(verb: verb, text: text, survey: survey, console: console)
            return
        }
        var fit: SEMFit
        let cases: CompleteCases
        do throws(SEMError) {
            cases = try CompleteCases(data: survey, variables: table.variables.observed)
            fit = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)),
                             information: SEMFit.Information(rawValue: information) ?? .expected)
        } catch {
            throw CLIError.fit(model: model, error)
        }
        var measures = FitMeasures(fit: fit)
        var robustNote = ""
        var estimation: SEMReport.Estimation?
        if estimatorName != "ml" {
            let mlm = estimatorName == "mlm"
            let robust: RobustML
            do { robust = mlm ? try RobustML(satorraBentler: fit, cases: cases) : try RobustML(fit: fit, cases: cases) } catch { throw CLIError.fit(model: model, error) }
            fit = robust.applied(to: fit)
            measures = robust.measures(measures)
            let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
            let moments = fit.model.moments
            let description = (mlm ? "Robust maximum likelihood (lavaan's MLM): Satorra-Bentler standard errors (expected information) and scaled test"
                                   : "Robust maximum likelihood (lavaan's MLR): Huber-White sandwich standard errors (observed information) and the Yuan-Bentler (Mplus) scaled test")
                + "; N = \(moments.count)" + (moments.droppedRows > 0 ? " complete rows (\(moments.droppedRows) rows with a missing value in a model variable were left out)" : "")
                + "; \(fit.model.freeCount) free parameters, \(fit.model.degreesOfFreedom) degrees of freedom; converged after \(fit.solution.iterations) iterations."
            estimation = SEMReport.Estimation(name: estimatorName.uppercased(), description: description, headline: measures.robustHeadline)
            robustNote = "The fit table shows the scaled χ² (scaling factor \(m("chisq.scaling.factor")); unscaled \(m("chisq"))) and the robust CFI, TLI "
                + "and RMSEA (Brosseau-Liard & Savalei 2012, as lavaan's .robust measures); fit.csv has every version. "
        }
        let showEffects = effects ?? fit.hasMediation
        var (inference, effectInference, standardizedInference, inferenceNote) = self.inference(fit: fit, cases: cases, effects: showEffects, console: console)
        inferenceNote = robustNote + inferenceNote
        if bollenStine {
            let test: BollenStine
            do { test = try BollenStine(fit: fit, cases: cases, draws: bootstrap, seed: seed, jobs: jobs) } catch { throw CLIError.fit(model: model, error) }
            measures = measures.appending([("bollen.stine.pvalue", test.pValue), ("bollen.stine.draws", Double(test.chiSquares.count))])
            if test.failed > 0 { console.writeError("trustpath: warning: \(test.failed) Bollen-Stine draws did not converge and were left out\n") }
        }
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent,
                                        verb: verb, inferenceNote: inferenceNote, estimation: estimation)

        let modificationIndices = fit.modificationIndices
        var bundle = OutputBundle()
        bundle.add("estimates.csv", SEMTables.estimates(fit, inference: inference).rendered())
        bundle.add("fit.csv", SEMTables.fit(measures).rendered())
        bundle.add("modindices.csv", SEMTables.modificationIndices(modificationIndices).rendered())
        bundle.add("residuals.csv", SEMTables.residuals(fit).rendered())
        if showEffects { bundle.add("effects.csv", SEMTables.effects(fit.effects, inference: effectInference).rendered()) }
        bundle.add("standardized.csv", SEMTables.standardized(fit, inference: standardizedInference).rendered())
        bundle.add("report.md", MarkdownRenderer.render(
            SEMReport.document(fit, measures: measures, modificationIndices: modificationIndices, inference: inference,
                               effects: showEffects ? Array(zip(fit.effects, effectInference)) : [], context: context)))
        let directory = out ?? DataOptions.defaultOutputDirectory(for: model, suffix: verb)
        try bundle.write(to: directory)

        console.write(SEMReport.terminalSummary(fit, measures: measures, inference: inference, context: context))
        for diagnostic in fit.diagnostics { console.writeError("trustpath: warning: \(diagnostic.message)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}

extension ModelFitOptions {
    /// `--group COLUMN`: one model over the groups, with the chosen equality constraints.
    func executeMultiGroup(verb: String, text: String, group: String, console: Console) throws {
        let survey = try dataOptions.read(data, categorical: [group])
        let options = ModelOptions(standardizedLatents: stdLv, meanStructure: true)
        if let ordered {
            try executeOrdinalMultiGroup(verb: verb, text: text, survey: survey, group: group, ordered: ordered, options: options, console: console)
            return
        }
        let robust = estimatorName == "mlr" || estimatorName == "mlm", fullInformation = missing.lowercased() != "listwise"
        let (fit, measures) = try GroupOptions.fitting(model: model) { () throws -> (MultiGroupFit, FitMeasures) in
            let ml = try MultiGroupFit(MultiGroupModel(model: text, data: survey, groupColumn: group, options: options,
                                                       equal: groupOptions.equalityClasses, partial: groupOptions.partialList, fullInformation: fullInformation))
            guard robust else { return (ml, FitMeasures(multiGroup: ml)) }
            let sandwich = estimatorName == "mlm" ? try RobustML(satorraBentlerMultiGroup: ml) : try RobustML(multiGroup: ml)
            return (sandwich.applied(to: ml), sandwich.measures(FitMeasures(multiGroup: ml), groups: ml.model.groups.count))
        }
        var note = fullInformation ? "Full-information ML over each group's missing-data patterns (lavaan's missing = \"ml\"); the H1 model is each group's saturated "
            + "model estimated by EM; " : ""
        note += estimatorName == "mlm" ? "MLM: Satorra-Bentler (expected information) standard errors and scaled test, as lavaan's; "
            : robust ? "MLR: robust (Huber-White sandwich, observed information) standard errors and the Yuan-Bentler scaled test, as lavaan's"
            + (fullInformation ? " (the robust CFI, TLI and RMSEA are lavaan's FIML-corrected ones); " : "; ")
            : fullInformation ? "standard errors from the observed information; " : "Standard errors from the expected information; "
        note += "z tests and 95% intervals are normal-theory (est ± 1.96 se), as lavaan's."
        if fullInformation {
            let left = fit.model.patterns.reduce(0) { $0 + $1.rowsWithNothing }, covariates = fit.model.patterns.reduce(0) { $0 + $1.rowsMissingCovariates }
            if left > 0 { note += " \(left) rows with every model variable missing were left out." }
            if covariates > 0 { note += " \(covariates) rows missing an exogenous covariate were left out (fixed.x, as lavaan)." }
        }
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent,
                                        verb: verb, inferenceNote: note)
        try writeMultiGroup(verb: verb, model: fit.model, estimates: fit.estimates, measures: measures, context: context,
                            estimator: InvarianceSequence.Estimator(rawValue: estimatorName) ?? .ml, diagnostics: fit.diagnostics, console: console)
    }

    /// `--ordered` with `--group`: multi-group WLSMV (``WLSMVGroupsFit``).
    func executeOrdinalMultiGroup(verb: String, text: String, survey: SurveyData, group: String, ordered: String, options: ModelOptions, console: Console) throws {
        let observed: [String]
        do { observed = try ParameterTable(model: text, options: options).variables.observed } catch { throw CLIError.model(file: model, error) }
        try Self.checkOrdered(ordered, observed: observed, model: model)
        let fit = try GroupOptions.fitting(model: model) {
            try WLSMVGroupsFit(model: text, data: survey, groupColumn: group, options: options, equal: groupOptions.equalityClasses, partial: groupOptions.partialList)
        }
        let note = "Robust standard errors (the DWLS sandwich with each group's Γ, divisor N - G, as lavaan); z tests and 95% intervals are normal-theory. "
            + "\(fit.freeCount) free parameters (thresholds and scale factors included), \(fit.degreesOfFreedom) degrees of freedom; "
            + "converged after \(fit.iterations) iterations of Gauss-Newton then BFGS."
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent,
                                        verb: verb, inferenceNote: note)
        try writeMultiGroup(verb: verb, model: fit.model, estimates: fit.estimates, measures: fit.measures, context: context, estimator: .wlsmv,
                            diagnostics: fit.diagnostics, console: console)
    }

    /// estimates.csv, fit.csv and report.md of a multi-group fit, all or none; then the legend and the fit line.
    func writeMultiGroup(verb: String, model structural: MultiGroupModel, estimates: [ParameterEstimate], measures: FitMeasures,
                         context: SEMReport.Context, estimator: InvarianceSequence.Estimator, diagnostics: [Diagnostic], console: Console) throws {
        var bundle = OutputBundle()
        bundle.add("estimates.csv", SEMTables.estimates(estimates, inference: estimates.map { $0.normalInference() }).rendered())
        bundle.add("fit.csv", SEMTables.fit(measures).rendered())
        bundle.add("report.md", MarkdownRenderer.render(MultiGroupReport.document(model: structural, estimates: estimates, measures: measures,
                                                                                 context: context, estimator: estimator, diagnostics: diagnostics)))
        let directory = out ?? DataOptions.defaultOutputDirectory(for: model, suffix: verb)
        try bundle.write(to: directory)
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        console.write(PlainTextRenderer.render(MultiGroupReport.legend(structural)))
        let df = "\(Int(measures["df"] ?? 0))"
        switch estimator {
        case .ml:
            console.write("chi-square(\(df)) = \(m("chisq")), CFI = \(m("cfi")), TLI = \(m("tli")), RMSEA = \(m("rmsea")), SRMR = \(m("srmr"))\n")
        case .mlr, .mlm:
            console.write("scaled chi-square(\(df)) = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor"))), "
                + "robust CFI = \(m("cfi.robust")), TLI = \(m("tli.robust")), RMSEA = \(m("rmsea.robust")), SRMR = \(m("srmr"))\n")
        case .wlsmv:
            console.write("scaled-shifted chi-square(\(df)) = \(m("chisq.scaled")), scaled CFI = \(m("cfi.scaled")), TLI = \(m("tli.scaled")), "
                + "RMSEA = \(m("rmsea.scaled")), SRMR = \(m("srmr"))\n")
        }
        for diagnostic in diagnostics { console.writeError("trustpath: warning: \(diagnostic.message)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    /// `--missing fiml`: casewise ML over the missing-data patterns.
    func executeFIML(verb: String, text: String, survey: SurveyData, console: Console) throws {
        let table: ParameterTable
        do { table = try ParameterTable(model: text, options: ModelOptions(standardizedLatents: stdLv, meanStructure: true)) } catch {
            throw CLIError.model(file: model, error)
        }
        let fiml: FIMLFit
        var fit: SEMFit, measures: FitMeasures
        var robustNote = ""
        var estimation: SEMReport.Estimation?
        do {
            fiml = try FIMLFit(table: table, data: survey)
            fit = fiml.fit
            measures = FitMeasures(fiml: fiml)
            if estimatorName == "mlr" {
                let robust = try RobustML(fiml: fiml)
                fit = robust.applied(to: fit)
                measures = robust.measures(measures)
            }
        } catch { throw CLIError.fit(model: model, error) }
        var dropped: [String] = []
        if fiml.patterns.rowsWithNothing > 0 { dropped.append("\(fiml.patterns.rowsWithNothing) rows with every model variable missing were left out") }
        if fiml.patterns.rowsMissingCovariates > 0 { dropped.append("\(fiml.patterns.rowsMissingCovariates) rows missing an exogenous covariate were left out (fixed.x, as lavaan)") }
        if estimatorName == "mlr" {
            let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
            estimation = SEMReport.Estimation(
                name: "MLR (FIML)",
                description: "Robust full-information maximum likelihood (lavaan's MLR with missing = \"ml\"): Huber-White sandwich standard errors from "
                    + "the casewise scores and the observed information, and the Yuan-Bentler (Mplus) scaled test; N = \(fiml.patterns.count) rows in "
                    + "\(fiml.patterns.patterns.count) missing-data patterns; \(fit.model.freeCount) free parameters, \(fit.model.degreesOfFreedom) degrees of freedom.",
                headline: measures.robustHeadline)
            robustNote = "The fit table shows the scaled χ² (scaling factor \(m("chisq.scaling.factor")); unscaled \(m("chisq"))) and the robust CFI, TLI and RMSEA, "
                + "which with missing data are lavaan's FIML-corrected ones (Zhang & Savalei 2023); fit.csv has every version. "
        }
        let note = robustNote + "Full-information ML over \(fiml.patterns.patterns.count) missing-data patterns of \(fiml.patterns.count) rows (lavaan's missing = \"ml\")"
            + (dropped.isEmpty ? "" : "; " + dropped.joined(separator: "; ")) + ". The H1 model is the saturated model estimated by EM; residuals and SRMR "
            + "compare with its means and covariances. Standard errors from the "
            + (estimatorName == "mlr" ? "sandwich" : "observed information") + "; z tests and 95% intervals are normal-theory, as lavaan's."
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent,
                                        verb: verb, inferenceNote: note, estimation: estimation)
        try writeOutputs(verb: verb, fit: fit, estimates: fit.estimates, measures: measures, context: context,
                         notes: dropped, diagnostics: fit.diagnostics, console: console)
    }

    /// The outputs of a fit that carries its own standard errors (FIML, GLS, ULS, WLSMV): estimates.csv
    /// (`estimates`: the fit's rows, with WLSMV's thresholds), fit.csv, residuals.csv (`residuals`
    /// when the fit's own statistics are not its moments), effects.csv when
    /// shown, standardized.csv and report.md, all or none; then the summary, `notes` and warnings.
    func writeOutputs(verb: String, fit: SEMFit, estimates: [ParameterEstimate], measures: FitMeasures, context: SEMReport.Context,
                      notes: [String], diagnostics: [Diagnostic], residuals: [SEMFit.Residual]? = nil, console: Console) throws {
        let showEffects = effects ?? fit.hasMediation
        let inference = fit.estimates.map { $0.normalInference() }, effectInference = showEffects ? fit.effectInference() : []
        var bundle = OutputBundle()
        bundle.add("estimates.csv", SEMTables.estimates(estimates, inference: estimates.map { $0.normalInference() }).rendered())
        bundle.add("fit.csv", SEMTables.fit(measures).rendered())
        bundle.add("residuals.csv", SEMTables.residuals(residuals ?? fit.residuals).rendered())
        if showEffects { bundle.add("effects.csv", SEMTables.effects(fit.effects, inference: effectInference).rendered()) }
        bundle.add("standardized.csv", SEMTables.standardized(fit, inference: fit.standardizedInference()).rendered())
        bundle.add("report.md", MarkdownRenderer.render(
            SEMReport.document(fit, measures: measures, modificationIndices: [], inference: inference,
                               effects: showEffects ? Array(zip(fit.effects, effectInference)) : [], context: context)))
        let directory = out ?? DataOptions.defaultOutputDirectory(for: model, suffix: verb)
        try bundle.write(to: directory)
        console.write(SEMReport.terminalSummary(fit, measures: measures, inference: inference, context: context))
        for line in notes { console.writeError("trustpath: note: \(line)\n") }
        for diagnostic in diagnostics { console.writeError("trustpath: warning: \(diagnostic.message)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    /// Normal-theory inference, or the bootstrap's when --bootstrap is given, for the parameters and
    /// (when asked) the structural effects; with a sentence saying which.
    func inference(fit: SEMFit, cases: CompleteCases, effects: Bool, console: Console) -> ([Inference], [Inference], [Inference], String) {
        guard bootstrap > 0, let interval = BootstrapInterval(rawValue: ci) else {
            return (fit.estimates.map { $0.normalInference() }, effects ? fit.effectInference() : [], fit.standardizedInference(),
                    (estimatorName != "ml" ? "" : "Standard errors from the \(fit.information.rawValue) information; ") + "z tests and 95% intervals are normal-theory "
                        + "(est ± 1.96 se), as lavaan's; effects and := values by the delta method.")
        }
        let bar: ProgressBar? = console.isTerminal ? ProgressBar(total: bootstrap, label: "bootstrap", console: console) : nil
        var report: (@Sendable (Int) -> Void)?
        if let bar { report = { done in bar.update(done) } }
        let result = SEMBootstrap(fit: fit, cases: cases, draws: bootstrap, seed: seed, jobs: jobs, jackknife: interval == .bca,
                                  progress: report)
        bar?.finish()
        if !result.failedDraws.isEmpty {
            console.writeError("trustpath: warning: \(result.failedDraws.count) of \(bootstrap) bootstrap draws did not converge and were left out\n")
        }
        let names: [String: String] = ["percentile": "percentile", "bc": "bias-corrected (lavaan's bca.simple)",
                                       "bca": "BCa (bias-corrected and accelerated, jackknife acceleration)"]
        let failures: String = result.failedDraws.isEmpty ? "" : "; \(result.failedDraws.count) draws did not converge and were left out"
        var note = "Standard errors and 95% \(names[ci] ?? ci) intervals from \(result.successfulDraws) nonparametric bootstrap draws "
        note += "(seed \(seed)\(failures)); z = estimate / bootstrap SE, and each p-value is the one consistent with its interval: "
        note += "the smallest α whose (1 - α) interval of the same type excludes 0 (it cannot resolve values below about 1/\(result.successfulDraws))."
        return (result.inference(for: fit, interval: interval), effects ? result.effectInference(for: fit, interval: interval) : [],
                result.standardizedInference(for: fit, interval: interval), note)
    }
}

/// `trustpath cfa`: confirmatory factor analysis.
struct CFACommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "cfa",
        abstract: "Confirmatory factor analysis by maximum likelihood, matching lavaan's cfa().",
        discussion: ModelFitHelp.text(verb: "cfa", example: """
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
        discussion: ModelFitHelp.text(verb: "sem", example: """
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

        Writes estimates.csv (lavaan's parameterEstimates columns, full precision), fit.csv \
        (fitMeasures names), modindices.csv, residuals.csv and report.md, all or none, and prints a \
        summary. Exit status 1 for bad input, 3 when the model cannot be estimated.

        Example:
        \(example)
        """
    }
}
