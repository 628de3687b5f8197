import Foundation
import TrustPathModelSpec
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension ModelFitOptions {
    /// `--ordered`: the model's items as ordinal, fitted by WLSMV (``WLSMVFit``).
    func executeOrdinal(verb: String, table: ParameterTable, survey: SurveyData, ordered: String, console: Console) throws {
        let observed = table.variables.observed
        let named = ordered.lowercased() == "all" ? observed : DataOptions.list(ordered)
        for name in named where !observed.contains(name) {
            let suggestion = NameSuggestion.closest(to: name, among: observed).map { "; did you mean '\($0)'?" } ?? ""
            throw CLIError.fit(model: model, .unsupported("--ordered names '\(name)', which is not an observed variable of the model\(suggestion); ordering it"))
        }
        let continuous = observed.filter { !named.contains($0) }
        guard continuous.isEmpty else {
            throw CLIError.fit(model: model, .unsupported("a model mixing ordered and continuous variables (continuous: " + continuous.joined(separator: ", ")
                + "; lavaan would use polyserial correlations) with WLSMV; order them all with --ordered all, or fit by ML without --ordered"))
        }
        let fitted: WLSMVFit
        do throws(SEMError) {
            fitted = try WLSMVFit(table: table, cases: try CompleteCases(data: survey, variables: observed))
        } catch {
            throw CLIError.fit(model: model, error)
        }
        let fit = fitted.fit, measures = fitted.measures, moments = fitted.moments
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        let description = "Diagonally weighted least squares on the polychoric correlations with robust standard errors and the "
            + "scaled-shifted test (lavaan's WLSMV), delta parameterization; N = \(moments.count)"
            + (moments.droppedRows > 0 ? " complete rows (\(moments.droppedRows) rows with a missing value in a model variable were left out, lavaan's listwise default)" : "")
            + "; \(observed.count) ordinal items with \(moments.thresholds.reduce(0) { $0 + $1.count }) thresholds; \(Int(measures["npar"] ?? 0)) free parameters "
            + "(thresholds included), \(fitted.degreesOfFreedom) degrees of freedom; converged after \(fit.solution.iterations) iterations of Gauss-Newton then BFGS."
        let note = "Scaled-shifted χ² = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor")), shift \(m("chisq.shift.parameter"))) "
            + "against the unadjusted \(m("chisq")); the fit table shows the scaled CFI, TLI and RMSEA, and fit.csv has both, as lavaan's. "
            + "Items' residual variances are 1 minus their explained variance (delta parameterization), and thresholds are listed "
            + "as `|` rows (t1, t2, ...) in estimates.csv. Robust standard errors (divisor N - 1, as lavaan); z tests and 95% intervals are normal-theory; "
            + "effects and := values by the delta method."
        let headline = FitMeasures(renaming: measures, ["chisq": "chisq.scaled", "pvalue": "pvalue.scaled", "cfi": "cfi.scaled", "tli": "tli.scaled",
                                                         "rmsea": "rmsea.scaled", "rmsea.ci.lower": "rmsea.ci.lower.scaled",
                                                         "rmsea.ci.upper": "rmsea.ci.upper.scaled"])
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent, verb: verb,
                                        inferenceNote: note, estimation: .init(name: "WLSMV", description: description, headline: headline))
        let showEffects = effects ?? fit.hasMediation
        let inference = fit.estimates.map { $0.normalInference() }, effectInference = showEffects ? fit.effectInference() : []
        var bundle = OutputBundle()
        bundle.add("estimates.csv", SEMTables.estimates(fitted.estimates, inference: fitted.estimates.map { $0.normalInference() }).rendered())
        bundle.add("fit.csv", SEMTables.fit(measures).rendered())
        bundle.add("residuals.csv", SEMTables.residuals(fit).rendered())
        if showEffects { bundle.add("effects.csv", SEMTables.effects(fit.effects, inference: effectInference).rendered()) }
        bundle.add("standardized.csv", SEMTables.standardized(fit, inference: fit.standardizedInference()).rendered())
        bundle.add("report.md", MarkdownRenderer.render(
            SEMReport.document(fit, measures: measures, modificationIndices: [], inference: inference,
                               effects: showEffects ? Array(zip(fit.effects, effectInference)) : [], context: context)))
        let directory = out ?? DataOptions.defaultOutputDirectory(for: model, suffix: verb)
        try bundle.write(to: directory)
        console.write(SEMReport.terminalSummary(fit, measures: measures, inference: inference, context: context))
        for diagnostic in fitted.diagnostics { console.writeError("trustpath: warning: \(diagnostic.message)\n") }
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
