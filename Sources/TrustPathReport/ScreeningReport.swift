import TrustPathSurvey

/// The tables and screening.md of `trustpath screen` (and the sample section of a study report):
/// the CONSORT-style flow, the flagged rows, the personal columns removed, the demographic make-up
/// with small cells suppressed, and Mardia's test on the kept items. Never a personal value.
public enum ScreeningReport {
    /// flow.csv: one row per step.
    public static func flow(_ screening: Screening) -> CSVTable {
        var table = CSVTable(header: ["step", "rule", "removed", "remaining"])
        table.append([.text("received"), .empty, .integer(0), .integer(screening.received)])
        for step in screening.steps { table.append([.text(step.reason.rawValue), .text(step.rule), .integer(step.removed), .integer(step.remaining)]) }
        return table
    }

    /// screening.csv: every removed row with the rule that removed it and every rule it breaks.
    public static func flags(_ screening: Screening) -> CSVTable {
        var table = CSVTable(header: ["row", "line", "id", "removed_by", "reasons"])
        for flag in screening.flags {
            table.append([.integer(flag.row + 1), .integer(flag.line), flag.id.map { .text($0) } ?? .missing, .text(flag.removedBy.rawValue),
                          .text(flag.reasons.map { "\($0.0.rawValue): \($0.1)" }.joined(separator: "; "))])
        }
        return table
    }

    /// The rows of `data` as CSV, every column as read (for screened.csv; personal columns already removed).
    public static func data(_ data: SurveyData) -> CSVTable {
        var table = CSVTable(header: data.columnNames)
        for row in 0..<data.rowCount {
            table.append(data.columns.map { column in column.isMissing(row) ? .empty : .text(column.text(row: row)) })
        }
        return table
    }

    /// Counts of each demographic category, cells below `k` respondents shown as "< k".
    public static func demographics(_ data: SurveyData, columns: [String], k: Int) -> ReportTable {
        var table = ReportTable(header: ["Characteristic", "Category", "n", "%"])
        for name in columns {
            guard let column = data.columns.first(where: { $0.name == name }) else { continue }
            var counts: [String: Int] = [:]
            for row in 0..<data.rowCount { counts[column.isMissing(row) ? "(missing)" : column.text(row: row), default: 0] += 1 }
            for (category, count) in counts.sorted(by: { $0.key < $1.key }) {
                let suppressed = count < k
                table.append([name, category, suppressed ? "< \(k)" : "\(count)",
                              suppressed ? "" : ReportFormat.percent(100 * Double(count) / Double(max(1, data.rowCount)))])
            }
        }
        return table
    }

    /// The sample and screening section: flow, personal data, demographics, normality.
    public static func append(_ screening: Screening, personal: [PersonalData.Finding], kept: SurveyData, demographics: [String],
                              suppressBelow k: Int, mardia: MardiaNormality?, to doc: inout ReportDocument) {
        doc.heading("Sample and screening")
        var flowTable = ReportTable(header: ["Step", "Rule", "Removed", "Remaining"])
        flowTable.append(["Received", "", "", "\(screening.received)"])
        for step in screening.steps { flowTable.append([step.reason.rawValue.capitalizedFirst, step.rule, "\(step.removed)", "\(step.remaining)"]) }
        doc.table(flowTable)
        doc.paragraph("Rules are applied in this order, each to the respondents the earlier ones kept (a CONSORT-style flow, Moher et al. 2001); "
            + "straight-lining by longstring (Johnson 2005), speeding against the median duration, outliers by Mahalanobis distance "
            + "(Tabachnick & Fidell 2013). screening.csv lists every removed row with every rule it breaks; \(screening.kept.count) respondents remain.")
        if !personal.isEmpty {
            doc.paragraph("Personal data removed before any analysis (GDPR Art. 5(1)(c), data minimisation): "
                + personal.map { "\($0.column) (\($0.reason))" }.joined(separator: ", ")
                + ". Their values appear in no report, table or log; the input file is not modified.")
        }
        if !demographics.isEmpty {
            doc.heading("Respondents", level: 3)
            doc.table(Self.demographics(kept, columns: demographics, k: k))
            doc.paragraph("Cells with fewer than \(k) respondents are shown as \"< \(k)\" so that no small group can be singled out.")
        }
        if let mardia {
            doc.paragraph("Multivariate normality of the items (Mardia 1970, as psych::mardia): skewness b1p = \(ReportFormat.fixed(mardia.b1p)), "
                + "χ² = \(ReportFormat.fixed(mardia.skew)), p \(ReportFormat.pRelation(mardia.skewPValue)); kurtosis b2p = \(ReportFormat.fixed(mardia.b2p)), "
                + "z = \(ReportFormat.fixed(mardia.kurtosis)), p \(ReportFormat.pRelation(mardia.kurtosisPValue))."
                + (mardia.skewPValue < 0.05 || mardia.kurtosisPValue < 0.05
                   ? " The items depart from multivariate normality: robust (MLR) standard errors or the bootstrap are advisable." : ""))
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
