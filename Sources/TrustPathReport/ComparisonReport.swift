import TrustPathSEM

/// compare.csv and compare.md of nested models (``ModelComparison``), with lavTestLRT's columns.
public enum ComparisonReport {
    /// Every number at full precision; NA where lavaan prints nothing.
    public static func table(_ comparison: ModelComparison) -> CSVTable {
        var table = CSVTable(header: [
            "model", "df", "aic", "bic", "chisq", "chisq.diff", "rmsea", "df.diff", "pvalue", "method",
        ])
        for row in comparison.rows {
            let d = row.difference
            table.append([
                .text(row.name), .number(row.df), .number(row.aic), .number(row.bic), .number(row.chisq),
                d.map { .number($0.chisq) } ?? .missing, d.map { .number($0.rmsea) } ?? .missing,
                d.map { .number($0.df) } ?? .missing,
                d.map { .number($0.pValue) } ?? .missing, .text(comparison.method.rawValue),
            ])
        }
        return table
    }

    /// The terminal's and report's table: each model against the one before it.
    public static func summary(_ comparison: ModelComparison) -> ReportTable {
        var table = ReportTable(
            header: ["Model", "df", "AIC", "BIC", "χ²", "Δχ²", "Δdf", "p"]
                + (comparison.method == .standard ? ["RMSEA Δ"] : []))
        for row in comparison.rows {
            let d = row.difference
            table.append(
                [
                    row.name, ReportFormat.fixed(row.df, digits: 0), ReportFormat.fixed(row.aic, digits: 1),
                    ReportFormat.fixed(row.bic, digits: 1),
                    ReportFormat.fixed(row.chisq), d.map { ReportFormat.fixed($0.chisq) } ?? "",
                    d.map { ReportFormat.fixed($0.df, digits: 0) } ?? "",
                    d.map { ReportFormat.pValue($0.pValue) } ?? "",
                ] + (comparison.method == .standard ? [d.map { ReportFormat.fixed($0.rmsea) } ?? ""] : []))
        }
        return table
    }

    /// compare.md: the table and what each test is.
    public static func document(_ comparison: ModelComparison, dataName: String, estimator: String) -> ReportDocument {
        var doc = ReportDocument(title: "Nested models compared on \(dataName)")
        doc.table(summary(comparison))
        let method =
            comparison.method == .standard
            ? "Each model is tested against the one above it (ordered by degrees of freedom) by the difference of their χ² statistics, "
                + "with the RMSEA of the difference, as lavaan's lavTestLRT."
            : comparison.method == .satorra2000
            ? "Each model is tested against the one above it (ordered by degrees of freedom) by Satorra's (2000) scaled-shifted "
                + "difference test (lavaan's lavTestLRT, method satorra.2000; Mplus's DIFFTEST) of the unscaled χ² statistics shown."
            : "Each model is tested against the one above it (ordered by degrees of freedom) by the Satorra-Bentler (2001) scaled difference of "
                + "the unscaled χ² statistics shown (lavaan's lavTestLRT, method satorra.bentler.2001); the χ² column holds the standard statistics, "
                + "not each model's robust test."
        doc.paragraph(
            method
                + " Estimator \(estimator); "
                + (comparison.method == .satorra2000
                    ? "least-squares fits have no log-likelihood, so no AIC or BIC. "
                    : "AIC and BIC from each model's log-likelihood. ")
                + "A significant Δχ² says the added "
                + "restrictions worsen the fit; smaller AIC and BIC favour a model.")
        return doc
    }
}
