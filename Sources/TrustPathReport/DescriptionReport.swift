import TrustPathSurvey

/// The files and terminal table of `trustpath describe`, from a ``SurveyDescription``.
public enum DescriptionReport {
    /// describe.csv: one row per numeric column, psych::describe's columns at full precision.
    public static func summaryCSV(_ description: SurveyDescription) -> CSVTable {
        var table = CSVTable(header: ["variable", "n", "missing", "mean", "sd", "median", "trimmed", "mad",
                                      "min", "max", "range", "skew", "kurtosis", "se"])
        for s in description.numeric {
            table.append([.text(s.variable), .integer(s.n), .integer(s.missing)]
                + [s.mean, s.sd, s.median, s.trimmed, s.mad, s.min, s.max, s.range, s.skew, s.kurtosis, s.se].map(CSVTable.Cell.number))
        }
        return table
    }

    /// frequencies.csv: one row per level of each categorical column, then its missing count as `NA`.
    public static func frequenciesCSV(_ description: SurveyDescription) -> CSVTable {
        var table = CSVTable(header: ["variable", "value", "n", "percent", "valid.percent"])
        for frequency in description.frequencies {
            for row in frequency.rows {
                table.append([.text(frequency.variable), .text(row.value), .integer(row.count),
                              .number(row.percent), .number(row.validPercent)])
            }
            if frequency.missing > 0 {
                table.append([.text(frequency.variable), .missing, .integer(frequency.missing),
                              .number(100 * Double(frequency.missing) / Double(frequency.total)), .missing])
            }
        }
        return table
    }

    /// correlations.csv: every pair of numeric columns with r, pairwise n and two-sided p.
    public static func correlationsCSV(_ description: SurveyDescription) -> CSVTable {
        var table = CSVTable(header: ["var1", "var2", "r", "n", "p"])
        for pair in description.correlations.pairs {
            table.append([.text(pair.first), .text(pair.second), .number(pair.r), .integer(pair.n), .number(pair.pValue)])
        }
        return table
    }

    /// The short table printed on the terminal.
    public static func terminalTable(_ description: SurveyDescription) -> ReportTable {
        var table = ReportTable(header: ["variable", "n", "missing", "mean", "sd", "min", "max"])
        for s in description.numeric {
            table.append([s.variable, "\(s.n)", "\(s.missing)", ReportFormat.fixed(s.mean), ReportFormat.fixed(s.sd),
                          ReportFormat.fixed(s.min), ReportFormat.fixed(s.max)])
        }
        return table
    }

    /// describe.md: the same numbers rounded for reading.
    public static func document(_ description: SurveyDescription) -> ReportDocument {
        var doc = ReportDocument(title: "Description of \(fileName(description.source))")
        doc.paragraph("\(description.rowCount) rows; \(description.numeric.count) numeric, "
            + "\(description.frequencies.count) categorical and \(description.textColumns.count) free-text columns.")
        if !description.numeric.isEmpty {
            doc.heading("Numeric columns")
            doc.paragraph("sd uses n - 1; skew and kurtosis (excess) are psych::describe's type 3 estimators, "
                + "b1 = m3/sd^3 and b2 = m4/sd^4 - 3; trimmed is the 10% trimmed mean; mad is scaled by 1.4826.")
            var table = ReportTable(header: ["variable", "n", "missing", "mean", "sd", "median", "trimmed", "mad",
                                             "min", "max", "skew", "kurtosis", "se"])
            for s in description.numeric {
                table.append([s.variable, "\(s.n)", "\(s.missing)"]
                    + [s.mean, s.sd, s.median, s.trimmed, s.mad, s.min, s.max, s.skew, s.kurtosis, s.se].map { ReportFormat.fixed($0) })
            }
            doc.table(table)
        }
        if !description.frequencies.isEmpty {
            doc.heading("Categorical columns")
            for frequency in description.frequencies {
                doc.heading(frequency.variable, level: 3)
                var table = ReportTable(header: ["value", "n", "percent", "valid percent"])
                for row in frequency.rows {
                    table.append([row.value, "\(row.count)", ReportFormat.percent(row.percent), ReportFormat.percent(row.validPercent)])
                }
                if frequency.missing > 0 {
                    table.append(["(missing)", "\(frequency.missing)",
                                  ReportFormat.percent(100 * Double(frequency.missing) / Double(frequency.total)), ""])
                }
                doc.table(table)
            }
        }
        if !description.textColumns.isEmpty {
            doc.heading("Free-text columns")
            doc.paragraph("Free text may hold personal data, so only the number of answers is shown.")
            var table = ReportTable(header: ["variable", "answered"])
            for column in description.textColumns { table.append([column.name, "\(column.answered)"]) }
            doc.table(table)
        }
        if description.numeric.count > 1 {
            doc.heading("Correlations")
            doc.paragraph("Pearson r on pairwise-complete rows (lower triangle); "
                + "p-values and pairwise n for every pair are in correlations.csv.")
            let names = description.correlations.variables
            var table = ReportTable(header: [""] + names)
            for (i, name) in names.enumerated() {
                table.append([name] + names.indices.map { j -> String in
                    if j == i { return "1" }
                    if j > i { return "" }
                    return description.correlations.pair(names[j], name).map { ReportFormat.fixed($0.r) } ?? "NA"
                })
            }
            doc.table(table)
        }
        return doc
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
