import TrustPathPsychometrics

/// The common-method-bias section of measure.md and cmb.csv.
public enum CommonMethodReport {
    /// cmb.csv: one row per check.
    public static func table(_ result: CommonMethodBias, constructs: [String]) -> CSVTable {
        var table = CSVTable(header: ["check", "statistic", "value", "threshold", "warning"])
        func add(_ check: String, _ statistic: String, _ value: Double, _ threshold: CSVTable.Cell, _ warning: Bool) {
            table.append([.text(check), .text(statistic), value.isFinite ? .number(value) : .missing, threshold, .text(warning ? "yes" : "no")])
        }
        add("harman", "first.component.share", result.firstComponentShare, .number(MeasurementThreshold.harman.value),
            result.firstComponentShare > MeasurementThreshold.harman.value)
        add("single.factor", "chisq.single", result.singleFactor["chisq"] ?? .nan, .empty, false)
        add("single.factor", "chisq.measurement", result.measurement["chisq"] ?? .nan, .empty, false)
        add("single.factor", "chisq.diff", result.differenceChiSquare, .empty, false)
        add("single.factor", "df.diff", result.differenceDF, .empty, false)
        add("single.factor", "pvalue.diff", result.differencePValue, .number(0.05), !(result.differencePValue < 0.05))
        add("single.factor", "cfi.single", result.singleFactor["cfi"] ?? .nan, .empty, false)
        add("single.factor", "rmsea.single", result.singleFactor["rmsea"] ?? .nan, .empty, false)
        for (code, vif) in zip(constructs, result.fullCollinearityVIF) {
            add("full.collinearity", "vif.\(code)", vif, .number(MeasurementThreshold.fullCollinearityVIF.value),
                vif > MeasurementThreshold.fullCollinearityVIF.value)
        }
        return table
    }

    static func append(_ result: CommonMethodBias, constructs: [String], to doc: inout ReportDocument) {
        let f = { (value: Double) in ReportFormat.fixed(value) }
        doc.heading("Common method bias")
        var table = ReportTable(header: ["Check", "Result", "Threshold", "Warning"])
        table.append(["Harman's single factor: first unrotated component", "\(ReportFormat.percent(100 * result.firstComponentShare))% of variance",
                      "≤ 50% (\(MeasurementThreshold.harman.source))", result.firstComponentShare > MeasurementThreshold.harman.value ? "yes" : "no"])
        table.append(["Single-factor CFA vs measurement model",
                      "Δχ² = \(f(result.differenceChiSquare)), Δdf = \(ReportFormat.fixed(result.differenceDF, digits: 0)), p \(ReportFormat.pRelation(result.differencePValue)); "
                          + "CFI \(f(result.singleFactor["cfi"] ?? .nan)) vs \(f(result.measurement["cfi"] ?? .nan))",
                      "single factor fits worse (p < .05)", result.differencePValue < 0.05 ? "no" : "yes"])
        for (code, vif) in zip(constructs, result.fullCollinearityVIF) {
            table.append(["Full-collinearity VIF of \(code)", f(vif), "≤ 3.3 (\(MeasurementThreshold.fullCollinearityVIF.source))",
                          vif > MeasurementThreshold.fullCollinearityVIF.value ? "yes" : "no"])
        }
        doc.table(table)
        let warnings = result.warnings
        let share = ReportFormat.percent(100 * result.firstComponentShare)
        if warnings.isEmpty {
            doc.paragraph("In plain words: no check points to common method bias. A single factor explains \(share)% of the item variance, "
                + "well short of a majority; forcing all items onto one factor fits clearly worse than the constructs do; and no construct score is "
                + "so collinear with the others that a shared method could be driving them. These checks cannot prove the absence of method "
                + "bias (Podsakoff et al. 2003 recommend procedural remedies as well), but they give no sign of it.")
        } else {
            doc.paragraph("In plain words: " + warnings.joined(separator: "; ") + ". Part of the association between constructs may come "
                + "from measuring them with the same questionnaire at the same time. Consider a marker variable or a latent method factor, "
                + "and report this alongside the structural results.")
        }
        doc.paragraph("Construct scores for the VIFs are item means (Kock 2015 uses PLS scores); Harman's test uses the unrotated principal component, as usually run in SPSS.")
    }
}
