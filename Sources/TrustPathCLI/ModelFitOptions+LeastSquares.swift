import Foundation
import TrustPathModelSpec
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension ModelFitOptions {
    /// `--ordered`: the model's items as ordinal, fitted by WLSMV (``WLSMVFit``), diagonally weighted least squares.
    /// Checks that `--ordered` names observed variables of the model and returns the others (the
    /// continuous ones); with `allowContinuous` false (across groups) every one must be ordered.
    @discardableResult
    static func checkOrdered(_ ordered: String, observed: [String], model: String, allowContinuous: Bool = false) throws -> Set<String> {
        let named = ordered.lowercased() == "all" ? observed : DataOptions.list(ordered)
        for name in named where !observed.contains(name) {
            let suggestion = NameSuggestion.closest(to: name, among: observed).map { "; did you mean '\($0)'?" } ?? ""
            throw CLIError.fit(model: model, .unsupported("--ordered names '\(name)', which is not an observed variable of the model\(suggestion); ordering it"))
        }
        let continuous = observed.filter { !named.contains($0) }
        guard continuous.isEmpty || allowContinuous else {
            throw CLIError.fit(model: model, .unsupported("a multi-group model mixing ordered and continuous variables (continuous: " + continuous.joined(separator: ", ")
                + ") with WLSMV; order them all with --ordered all, or fit by ML without --ordered"))
        }
        return Set(continuous)
    }

    func executeOrdinal(verb: String, table: ParameterTable, survey: SurveyData, ordered: String, console: Console) throws {
        let observed = table.variables.observed, covariates = table.variables.exogenousObserved
        if !covariates.isEmpty {
            try executeConditional(verb: verb, table: table, survey: survey, ordered: ordered, console: console)
            return
        }
        let continuous = try Self.checkOrdered(ordered, observed: observed, model: model, allowContinuous: true)
        let fitted: WLSMVFit
        do throws(SEMError) {
            fitted = try WLSMVFit(table: table, cases: try CompleteCases(data: survey, variables: observed), continuous: continuous)
        } catch {
            throw CLIError.fit(model: model, error)
        }
        let fit = fitted.fit, measures = fitted.measures, moments = fitted.moments
        let dropped = moments.droppedRows > 0 ? " complete rows (\(moments.droppedRows) rows with a missing value in a model variable were left out, lavaan's listwise default)" : ""
        let continuousNames: String = observed.filter { continuous.contains($0) }.joined(separator: ", ")
        let mixed: String = continuous.isEmpty ? ""
            : " and \(continuous.count) continuous variables (\(continuousNames); polyserial and Pearson correlations, free intercepts and residual variances)"
        let parameters = "\(Int(measures["npar"] ?? 0)) free parameters (thresholds included), \(fitted.degreesOfFreedom) degrees of freedom; "
            + "converged after \(fit.solution.iterations) iterations of Gauss-Newton then BFGS."
        let items: String = "; \(observed.count - continuous.count) ordinal items with \(moments.thresholdCount) thresholds"
        let method: String = "Diagonally weighted least squares on the polychoric correlations with robust standard errors and the "
            + "scaled-shifted test (lavaan's WLSMV), delta parameterization; N = \(moments.count)"
        let description: String = method + dropped + items + mixed + "; " + parameters
        try writeWLSMV(verb: verb, fit: fit, estimates: fitted.estimates, measures: measures, description: description,
                       parameterization: "Ordinal items' residual variances are 1 minus their explained variance (delta parameterization), and thresholds are listed "
                           + "as `|` rows (t1, t2, ...) in estimates.csv. ", diagnostics: fitted.diagnostics, console: console)
    }
}

extension ModelFitOptions {
    /// `--ordered` with observed predictors: the items conditional on them (``ConditionalWLSMVFit``, lavaan's conditional.x).
    func executeConditional(verb: String, table: ParameterTable, survey: SurveyData, ordered: String, console: Console) throws {
        let covariates = table.variables.exogenousObserved
        let items = table.variables.observed.filter { !covariates.contains($0) }
        if ordered.lowercased() != "all", let covariate = DataOptions.list(ordered).first(where: covariates.contains) {
            throw CLIError.fit(model: model, .unsupported("ordering the observed predictor '\(covariate)' (predictors stay continuous: the items are modelled given them, lavaan's conditional.x); ordering it"))
        }
        let continuous = try Self.checkOrdered(ordered.lowercased() == "all" ? "all" : ordered, observed: items, model: model, allowContinuous: true)
        guard continuous.isEmpty else {
            throw CLIError.fit(model: model, .unsupported("continuous items (" + items.filter(continuous.contains).joined(separator: ", ")
                + ") beside ordinal ones with observed predictors; order every item, or drop the predictors"))
        }
        let fitted: ConditionalWLSMVFit
        do throws(SEMError) { fitted = try ConditionalWLSMVFit(table: table, cases: try CompleteCases(data: survey, variables: table.variables.observed)) } catch {
            throw CLIError.fit(model: model, error)
        }
        let measures = fitted.measures, moments = fitted.moments
        let dropped = fitted.fit.model.moments.droppedRows > 0
            ? " complete rows (\(fitted.fit.model.moments.droppedRows) rows with a missing value in a model variable were left out, lavaan's listwise default)" : ""
        let description: String = "Diagonally weighted least squares on the items' thresholds, slopes on the observed predictors ("
            + covariates.joined(separator: ", ") + ") and residual polychoric correlations, robust standard errors and the scaled-shifted test "
            + "(lavaan's WLSMV with conditional.x), delta parameterization given the predictors; N = \(moments.count)" + dropped
            + "; \(items.count) ordinal items with \(moments.thresholdCount) thresholds; \(Int(measures["npar"] ?? 0)) free parameters (thresholds included), "
            + "\(fitted.degreesOfFreedom) degrees of freedom."
        try writeWLSMV(verb: verb, fit: fitted.fit, estimates: fitted.estimates, measures: measures, description: description,
                       parameterization: "Thresholds are at predictors = 0 and standardized by the items' total standard deviations; an item's residual variance "
                           + "is 1 minus its variance explained given the predictors; the predictors' variances and covariances are fixed at their sample "
                           + "values (divisor N - 1); residuals.csv lists the slopes' and the residual correlations' residuals. ",
                       diagnostics: fitted.diagnostics, residuals: fitted.residuals, console: console)
    }

    /// The outputs of a single-group WLSMV fit: the report leads with the scaled-shifted test and the
    /// `.scaled` indices; `parameterization` says how the items' rows read.
    func writeWLSMV(verb: String, fit: SEMFit, estimates: [ParameterEstimate], measures: FitMeasures, description: String, parameterization: String,
                    diagnostics: [Diagnostic], residuals: [SEMFit.Residual]? = nil, console: Console) throws {
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        let note = "Scaled-shifted χ² = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor")), shift \(m("chisq.shift.parameter"))) "
            + "against the unadjusted \(m("chisq")); the fit table shows the scaled CFI, TLI and RMSEA, and fit.csv has both, as lavaan's. "
            + parameterization + "Robust standard errors (divisor N - 1, as lavaan); z tests and 95% intervals are normal-theory; "
            + "effects and := values by the delta method."
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent, verb: verb,
                                        inferenceNote: note, estimation: .init(name: "WLSMV", description: description, headline: measures.scaledHeadline))
        try writeOutputs(verb: verb, fit: fit, estimates: estimates, measures: measures, context: context, notes: [], diagnostics: diagnostics,
                         residuals: residuals, console: console)
    }

    /// `--estimator gls|uls`: least squares on the covariances (``LeastSquaresFit``).
    func executeLeastSquares(verb: String, table: ParameterTable, survey: SurveyData, estimator: LeastSquaresFit.Estimator, console: Console) throws {
        let fitted: LeastSquaresFit
        do throws(SEMError) {
            fitted = try LeastSquaresFit(table: table, cases: try CompleteCases(data: survey, variables: table.variables.observed), estimator: estimator)
        } catch {
            throw CLIError.fit(model: model, error)
        }
        let fit = fitted.fit, moments = fit.model.moments, name = estimator.rawValue.uppercased()
        let weight = estimator == .gls ? "generalized least squares, weighted by the inverse sample covariance matrix" : "unweighted least squares"
        let description = "Estimated by \(weight) (lavaan's \(name)) on the unbiased covariance matrix (divisor N - 1); N = \(moments.count)"
            + (moments.droppedRows > 0 ? " complete rows (\(moments.droppedRows) rows with a missing value in a model variable were left out)" : "")
            + "; \(fit.model.freeCount) free parameters, \(fit.model.degreesOfFreedom) degrees of freedom"
            + (table.variables.freeExogenousObserved.isEmpty ? "" : "; the observed predictors' variances and covariances are estimated (fixed.x = FALSE, lavaan's default for \(name))")
            + "; converged after \(fit.solution.iterations) iterations of Gauss-Newton then BFGS."
        let note = "Standard errors from the expected information of the \(name) discrepancy, (ΔᵀWΔ)⁻¹/(N - 1), as lavaan's se = \"standard\""
            + (estimator == .uls ? " (for ULS a convention, not a sandwich: use them with care); the ULS test statistic has no χ² p-value (NA, as lavaan)" : "")
            + "; z tests and 95% intervals are normal-theory; effects and := values by the delta method."
        let context = SEMReport.Context(modelName: (model as NSString).lastPathComponent, dataName: (data as NSString).lastPathComponent, verb: verb,
                                        inferenceNote: note, estimation: .init(name: name, description: description, headline: fitted.measures))
        try writeOutputs(verb: verb, fit: fit, estimates: fit.estimates, measures: fitted.measures, context: context,
                         notes: [], diagnostics: fit.diagnostics, console: console)
    }
}
