import TrustPathResampling
import TrustPathSEM

/// The method notes of a fit, written from what ran (``SEMResult``: the options as run, the rows
/// used, the iterations), never from a template: the estimation paragraph and the note on standard
/// errors, test and intervals. The command line and the notebooks use it for every combination.
public enum SEMMethodNote {
    /// The report's estimation paragraph and headline, or nil for plain ML (whose default paragraph
    /// ``SEMReport`` writes from the fit).
    public static func estimation(_ result: SEMResult) -> SEMReport.Estimation? {
        let o = result.options
        guard !isPlainML(o) else { return nil }
        return SEMReport.Estimation(name: name(o), description: description(result), headline: result.headline)
    }

    /// Whether the options are lavaan's ML defaults on complete rows of continuous variables.
    static func isPlainML(_ o: SEMOptions) -> Bool {
        o.estimator == .ml && o.missing == .listwise && o.ordered.isEmpty && o.resolvedSE != .robustHuberWhite
            && o.resolvedSE != .robustSEM
            && [.standard, .bollenStine].contains(o.resolvedTest) && o.resolvedInformation != .firstOrder
    }

    /// The estimator's name as a report's heading shows it.
    static func name(_ o: SEMOptions) -> String {
        o.estimator.rawValue.uppercased() + (o.missing == .fiml ? " (FIML)" : "")
    }

    /// What was estimated, on which rows, with how many parameters.
    public static func description(_ result: SEMResult) -> String {
        let o = result.options
        let s = result.sample
        var text: String
        switch o.estimator {
        case .uls where !o.ordered.isEmpty, .dwls where !o.ordered.isEmpty, .ulsmv where !o.ordered.isEmpty:
            text =
                (o.estimator == .dwls
                    ? "Diagonally weighted least squares" : "Unweighted least squares (every statistic weighted 1)")
                + " on the items' thresholds and polychoric correlations (lavaan's \(name(o))), delta parameterization"
        case .gls, .uls, .wls, .dwls, .ulsmv:
            text = leastSquares(o, means: o.resolvedMeanStructure)
        case .wlsmv where o.ordered.isEmpty:
            text = leastSquares(o, means: o.resolvedMeanStructure)
        case .wlsmv where result.residuals != nil:
            let predictors = result.fit?.model.table.variables.exogenousObserved.joined(separator: ", ") ?? ""
            text =
                "Diagonally weighted least squares on the items' thresholds, slopes on the observed predictors (\(predictors)) and residual polychoric correlations "
                + "(lavaan's WLSMV with conditional.x), delta parameterization given the predictors"
        case .wlsmv:
            text =
                "Diagonally weighted least squares on the polychoric correlations (lavaan's WLSMV), delta parameterization"
        case .mlr:
            text =
                o.missing == .fiml
                ? "Robust full-information maximum likelihood (lavaan's MLR with missing = \"ml\")"
                : "Robust maximum likelihood (lavaan's MLR)"
        case .mlm: text = "Robust maximum likelihood (lavaan's MLM)"
        case .mlmv: text = "Robust maximum likelihood (lavaan's MLMV)"
        case .mlmvs: text = "Robust maximum likelihood (lavaan's MLMVS)"
        default:
            text =
                o.missing == .fiml
                ? "Full-information maximum likelihood (lavaan's missing = \"ml\")" : "Maximum likelihood (lavaan's ML)"
        }
        var robust: [String] = []
        switch o.resolvedSE {
        case .robustHuberWhite: robust.append("Huber-White sandwich standard errors (observed information)")
        case .robustSEM where o.ordered.isEmpty && o.estimator.isLeastSquares:
            robust.append("robust standard errors (the least-squares sandwich)")
        case .robustSEM where o.ordered.isEmpty: robust.append("Satorra-Bentler standard errors (expected information)")
        default: break
        }
        switch o.resolvedTest {
        case .yuanBentlerMplus: robust.append("the Yuan-Bentler (Mplus) scaled test")
        case .satorraBentler: robust.append("the Satorra-Bentler scaled test")
        case .yuanBentler: robust.append("the Yuan-Bentler scaled test (lavaan's yuan.bentler)")
        case .scaledShifted where o.ordered.isEmpty: robust.append("the scaled-shifted test (Asparouhov & Muthén 2010)")
        case .meanVarianceAdjusted: robust.append("the mean-and-variance adjusted test (Satterthwaite)")
        default: break
        }
        if !robust.isEmpty { text += ": " + robust.joined(separator: " and ") }
        text += "; " + rows(result)
        if s.orderedItems > 0 {
            text += "; \(s.orderedItems) ordinal items with \(s.thresholds) thresholds"
            if !s.continuous.isEmpty {
                text += " and \(s.continuous.count) continuous variables (" + s.continuous.joined(separator: ", ") + ")"
            }
        }
        text +=
            "; \(result.freeCount) free parameters" + (s.thresholds > 0 ? " (thresholds included)" : "")
            + ", \(result.degreesOfFreedom) degrees of freedom"
        if o.estimator.isLeastSquares && o.ordered.isEmpty, let fit = result.fit,
            !fit.model.table.variables.freeExogenousObserved.isEmpty
        {
            text +=
                "; the observed predictors' variances and covariances are estimated (fixed.x = FALSE, lavaan's default for \(name(o)))"
        }
        return text + "; converged after \(result.iterations) iterations."
    }

    /// The least-squares estimators on continuous data: the weight and the moments fitted.
    static func leastSquares(_ o: SEMOptions, means: Bool) -> String {
        let weight: String
        switch o.estimator {
        case .gls: weight = "generalized least squares, weighted by the inverse sample covariance matrix"
        case .wls:
            weight =
                "weighted least squares, weighted by the inverse of Γ, the asymptotic covariance matrix of the sample "
                + "moments, Browne's ADF"
        case .dwls, .wlsmv:
            weight = "diagonally weighted least squares, each sample moment weighted by the inverse of its asymptotic variance"
        default: weight = "unweighted least squares"
        }
        return "Estimated by \(weight) (lavaan's \(name(o))) on "
            + (o.group == nil
                ? "the unbiased covariance matrix (divisor N - 1)"
                : "each group's unbiased covariance matrix (divisor n_g - 1), the groups' discrepancies weighted by "
                    + "(n_g - 1)/(N - G)")
            + (means ? " and the sample means" : "")
    }

    /// N and what was left out.
    static func rows(_ result: SEMResult) -> String {
        let s = result.sample
        var parts: [String] = []
        if result.options.missing == .pairwise {
            parts.append(
                "N = \(s.analysed) rows under pairwise deletion (lavaan's missing = \"pairwise\": each item's thresholds "
                    + "from the rows answering it, each polychoric correlation from the rows answering both)"
                    + (s.droppedRows > 0 ? "; \(s.droppedRows) rows answering no item were left out" : ""))
        } else if let patterns = s.patterns {
            parts.append("N = \(s.analysed) rows in \(patterns) missing-data patterns")
            if s.rowsWithNothing > 0 {
                parts.append("\(s.rowsWithNothing) rows with every model variable missing were left out")
            }
            if s.rowsMissingCovariates > 0 {
                parts.append(
                    "\(s.rowsMissingCovariates) rows missing an exogenous covariate were left out (fixed.x, as lavaan)")
            }
        } else {
            parts.append(
                "N = \(s.analysed)"
                    + (s.droppedRows > 0
                        ? " complete rows (\(s.droppedRows) rows with a missing value in a model variable were left out, lavaan's listwise default)"
                        : ""))
        }
        if case .groups(let model) = result.structure, !parts.isEmpty {
            parts[0] += " over \(model.groups.count) groups of '\(result.options.group ?? "")'"
        }
        if s.rowsWithoutGroup > 0 { parts.append("\(s.rowsWithoutGroup) rows without a group were left out") }
        return parts.joined(separator: "; ")
    }

    /// How the standard errors, the test and the intervals were obtained, and lavaan's adjustments.
    public static func inference(_ result: SEMResult) -> String {
        let o = result.options
        let m = { (name: String) in ReportFormat.fixed(result.measures[name] ?? .nan) }
        var parts: [String] = []
        switch o.resolvedTest {
        case .none:
            parts.append(
                "No test statistic was computed (test = \"none\", as asked), so there are no fit indices either "
                    + "(lavaan's fitMeasures() refuses them); fit.csv has "
                    + result.measures.values.map(\.name).joined(separator: ", ") + ".")
        case .yuanBentlerMplus, .yuanBentler, .satorraBentler:
            let statistic =
                switch o.resolvedTest {
                case .yuanBentlerMplus: "Yuan-Bentler (Mplus) scaled χ²"
                case .yuanBentler: "Yuan-Bentler scaled χ²"
                default: "Satorra-Bentler scaled χ²"
                }
            parts.append(
                "The fit table shows the \(statistic) (scaling factor \(m("chisq.scaling.factor")); unscaled \(m("chisq"))) and the robust CFI, "
                    + "TLI and RMSEA "
                    + (o.missing == .fiml
                        ? "(with missing data lavaan's FIML-corrected ones, Zhang & Savalei 2023)"
                        : "(Brosseau-Liard & Savalei 2012, as lavaan's .robust measures)")
                    + "; fit.csv has every version."
                    + (o.resolvedTest == .yuanBentler
                        ? " On complete data lavaan's yuan.bentler statistic equals the Satorra-Bentler one; fit.csv adds its "
                            + "trace factors scaling.factor.h1 and scaling.factor.h0." : ""))
        case .scaledShifted:
            parts.append(
                "Scaled-shifted χ² = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor")), shift \(m("chisq.shift.parameter"))) "
                    + "against the unadjusted \(m("chisq")); the fit table shows the scaled CFI, TLI and RMSEA, and fit.csv has both, as lavaan's."
                    + (o.estimator == .ulsmv ? " The unadjusted ULS statistic has no χ² p-value (NA, as lavaan)." : "")
            )
        case .meanVarianceAdjusted:
            parts.append(
                "Mean-and-variance adjusted χ² = \(m("chisq.scaled")) on \(m("df.scaled")) degrees of freedom (scaling factor "
                    + "\(m("chisq.scaling.factor")); Satterthwaite's df = tr(UΓ)²/tr((UΓ)²)) against the unadjusted \(m("chisq")); "
                    + "the fit table shows the scaled CFI, TLI and RMSEA, and fit.csv has both, as lavaan's.")
        case .bollenStine:
            parts.append(
                "The model is also tested by the Bollen-Stine bootstrap (\(m("bollen.stine.draws")) draws): p = \(m("bollen.stine.pvalue"))."
            )
        default:
            if o.estimator == .uls { parts.append("The ULS test statistic has no χ² p-value (NA, as lavaan).") }
        }
        if result.sample.orderedItems > 0 {
            parts.append(
                result.residuals != nil
                    ? "Thresholds are at predictors = 0 and standardized by the items' total standard deviations; an item's residual variance is 1 minus "
                        + "its variance explained given the predictors; the predictors' variances and covariances are fixed at their sample values "
                        + "(divisor N - 1); residuals.csv lists the slopes' and the residual correlations' residuals."
                    : "Ordinal items' residual variances are 1 minus their explained variance (delta parameterization), and thresholds are listed "
                        + "as `|` rows (t1, t2, ...) in estimates.csv.")
        }
        if o.missing == .fiml {
            parts.append(
                "The H1 model is " + (o.group == nil ? "the saturated model" : "each group's saturated model")
                    + " estimated by EM; residuals and SRMR compare with its means and covariances.")
        }
        parts.append(standardErrors(result))
        return (parts + result.warnings.map { "Note: \($0)." }).joined(separator: " ")
    }

    /// The standard errors' sentence.
    static func standardErrors(_ result: SEMResult) -> String {
        let o = result.options
        if let bootstrap = result.resampled {
            let names: [BootstrapInterval: String] = [
                .percentile: "percentile", .bc: "bias-corrected (lavaan's bca.simple)",
                .bca: "BCa (bias-corrected and accelerated, jackknife acceleration)",
                .normal: "normal (estimate minus the bootstrap bias, ± z times the bootstrap SE)",
                .basic: "basic (twice the estimate minus the reversed percentile bounds)",
            ]
            let failures = bootstrap.failed == 0 ? "" : "; \(bootstrap.failed) draws did not converge and were left out"
            return
                "Standard errors and 95% \(names[o.bootstrap.interval] ?? o.bootstrap.interval.rawValue) intervals from "
                + "\(bootstrap.successful) nonparametric bootstrap draws"
                + (o.group == nil ? "" : ", each resampling every group's rows within the group")
                + " (seed \(o.bootstrap.seed)\(failures)); z = estimate / bootstrap SE, "
                + (o.bootstrap.interval == .normal
                    ? "and each p-value is the normal one of the bias-corrected estimate over its bootstrap SE, "
                        + "consistent with its interval."
                    : "and each p-value is the one consistent with its interval: the smallest α whose (1 - α) interval "
                        + "of the same type excludes 0 (it cannot resolve values below about 1/\(bootstrap.successful)).")
        }
        if !result.hasStandardErrors {
            return "No standard errors were computed (se = \"none\", as asked): the se, z, p and interval columns "
                + "are NA, and no estimate is tested."
        }
        let source: String
        switch o.resolvedSE {
        case .robustHuberWhite:
            source = "Huber-White sandwich standard errors (observed information and casewise scores)"
        case .robustSEM where !o.ordered.isEmpty:
            source =
                o.group == nil
                ? "Robust standard errors (divisor N - 1, as lavaan)"
                : "Robust standard errors (the DWLS sandwich with each group's Γ, divisor N - G, as lavaan)"
        case .robustSEM where o.estimator.isLeastSquares:
            source =
                "Robust standard errors, the sandwich "
                + (o.group == nil
                    ? "(ΔᵀWΔ)⁻¹ΔᵀWΓWΔ(ΔᵀWΔ)⁻¹/(N - 1)"
                    : "E⁻¹(Σ_g f_gΔ_gᵀW_gΓ_gW_gΔ_g)E⁻¹/(N - G), E = Σ_g f_gΔ_gᵀW_gΔ_g, f_g = (n_g - 1)/(N - G),")
                + " with Γ the fourth-moment matrix (lavaan's se = \"robust.sem\")"
        case .robustSEM:
            source = "Satorra-Bentler standard errors (expected information and the fourth-moment matrix Γ)"
        default:
            source =
                o.estimator.isLeastSquares
                ? "Standard errors from the expected information of the \(name(o)) discrepancy, "
                    + (o.group == nil ? "(ΔᵀWΔ)⁻¹/(N - 1)" : "(Σ_g f_gΔ_gᵀW_gΔ_g)⁻¹/(N - G) with f_g = (n_g - 1)/(N - G)")
                    + ", as lavaan's se = \"standard\""
                    + ([.uls, .dwls, .ulsmv, .wlsmv].contains(o.estimator)
                        ? " (for \(name(o)) a convention, not a sandwich: use them with care)" : "")
                : o.resolvedInformation == .firstOrder
                    ? "Standard errors from the first-order information (the mean cross-product of the casewise scores, "
                        + "lavaan's information = \"first.order\")"
                    : "Standard errors from the \(o.resolvedInformation.rawValue) information"
        }
        return source + "; z tests and 95% intervals are normal-theory (est ± 1.96 se), as lavaan's"
            + (o.group == nil ? "; effects and := values by the delta method." : ".")
    }
}
