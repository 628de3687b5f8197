import TrustPathRegression

/// The files and terminal table of `trustpath regress`.
public enum RegressionReport {
    public static func coefficients(_ fit: OLSFit, standardErrors type: OLSFit.StandardErrors) -> CSVTable {
        var table = CSVTable(header: ["term", "estimate", "se", "t", "p", "ci.lower", "ci.upper", "beta", "vif"])
        let se = fit.standardErrors(type), tests = fit.tests(type)
        for (k, term) in fit.design.termNames.enumerated() {
            table.append([.text(term), .number(fit.coefficients[k]), .number(se[k]), .number(tests[k].t), .number(tests[k].pValue),
                          .number(tests[k].lower), .number(tests[k].upper), .number(fit.standardizedCoefficients[k]),
                          .number(fit.varianceInflationFactors[k])])
        }
        return table
    }

    public static func summary(_ fit: OLSFit) -> CSVTable {
        var table = CSVTable(header: ["measure", "value"])
        let f = fit.fStatistic
        for (name, value) in [("n", Double(fit.n)), ("r.squared", fit.rSquared), ("adj.r.squared", fit.adjustedRSquared),
                              ("sigma", fit.sigma), ("f", f.value), ("f.df1", Double(f.df1)), ("f.df2", Double(f.df2)), ("f.p", f.pValue)] {
            table.append([.text(name), .number(value)])
        }
        return table
    }

    /// blocks.csv: R² of each block and its change from the previous one.
    public static func blocks(_ fits: [OLSFit]) -> CSVTable {
        var table = CSVTable(header: ["block", "terms", "r.squared", "delta.r.squared", "f.change", "df1", "df2", "p"])
        for (b, fit) in fits.enumerated() {
            let terms = Array(fit.design.termNames.dropFirst()).joined(separator: " + ")
            if b == 0 {
                let f = fit.fStatistic
                table.append([.integer(1), .text(terms), .number(fit.rSquared), .number(fit.rSquared), .number(f.value),
                              .integer(f.df1), .integer(f.df2), .number(f.pValue)])
            } else {
                let change = fit.change(from: fits[b - 1])
                table.append([.integer(b + 1), .text(terms), .number(fit.rSquared), .number(change.deltaRSquared), .number(change.f),
                              .integer(change.df1), .integer(change.df2), .number(change.pValue)])
            }
        }
        return table
    }

    public static func logisticCoefficients(_ fit: LogisticFit) -> CSVTable {
        var table = CSVTable(header: ["term", "estimate", "se", "z", "p", "odds.ratio", "or.lower", "or.upper"])
        for (k, (term, test)) in zip(fit.design.termNames, fit.tests()).enumerated() {
            table.append([.text(term), .number(fit.coefficients[k]), .number(fit.standardErrors[k]), .number(test.z), .number(test.pValue),
                          .number(test.oddsRatio), .number(test.lower), .number(test.upper)])
        }
        return table
    }

    public static func logisticSummary(_ fit: LogisticFit) -> CSVTable {
        var table = CSVTable(header: ["measure", "value"])
        let lr = fit.likelihoodRatio
        for (name, value) in [("n", Double(fit.design.count)), ("loglik", fit.logLikelihood), ("loglik.null", fit.nullLogLikelihood),
                              ("lr.chisq", lr.chisq), ("lr.df", Double(lr.df)), ("lr.p", lr.pValue), ("mcfadden", fit.mcFaddenRSquared),
                              ("nagelkerke", fit.nagelkerkeRSquared), ("aic", fit.aic)] {
            table.append([.text(name), .number(value)])
        }
        return table
    }

    /// A readable rendering of a CSV table: numbers to three decimals, p-values APA style, counts
    /// and degrees of freedom whole; in a `measure,value` table the measure's name decides.
    public static func readable(_ table: CSVTable) -> ReportTable {
        var result = ReportTable(header: table.header)
        let pNames: Set<String> = ["p", "f.p", "lr.p"], countNames: Set<String> = ["n", "f.df1", "f.df2", "lr.df", "df1", "df2"]
        for row in table.rows {
            let measure: String? = { if case .text(let name)? = row.first, table.header.first == "measure" { return name }; return nil }()
            result.append(zip(table.header, row).map { column, cell in
                let name = measure ?? column
                switch cell {
                case .text(let text): return text
                case .integer(let value): return "\(value)"
                case .number(let value):
                    if pNames.contains(name) { return ReportFormat.pValue(value) }
                    if countNames.contains(name) { return ReportFormat.fixed(value, digits: 0) }
                    return ReportFormat.fixed(value)
                case .missing: return "NA"
                case .empty: return ""
                }
            })
        }
        return result
    }
}
