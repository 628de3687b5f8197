import TrustPathLinalg
import TrustPathPsychometrics

/// The tables, scree plot and efa.md of `trustpath efa`.
public enum FactorAnalysisReport {
    static func factorNames(_ m: Int) -> [String] { (1...m).map { "F\($0)" } }

    /// loadings.csv: pattern loadings with communality and uniqueness per item.
    public static func loadings(_ efa: ExploratoryFactorAnalysis) -> CSVTable {
        var table = CSVTable(header: ["item"] + factorNames(efa.factors) + ["h2", "u2"])
        for (i, item) in efa.items.enumerated() {
            table.append([.text(item)] + efa.pattern.row(i).map { .number($0) } + [.number(efa.communalities[i]), .number(efa.uniquenesses[i])])
        }
        return table
    }

    /// structure.csv: correlations of items with factors (ΛΦ).
    public static func structure(_ efa: ExploratoryFactorAnalysis) -> CSVTable {
        var table = CSVTable(header: ["item"] + factorNames(efa.factors))
        for (i, item) in efa.items.enumerated() { table.append([.text(item)] + efa.structure.row(i).map { .number($0) }) }
        return table
    }

    /// variance.csv: psych's Vaccounted, with the factor correlations beside it.
    public static func variance(_ efa: ExploratoryFactorAnalysis) -> CSVTable {
        let names = factorNames(efa.factors)
        var table = CSVTable(header: ["factor", "ss.loadings", "proportion.var", "cumulative.var", "proportion.explained", "cumulative.proportion"]
                             + names.map { "phi.\($0)" })
        var cumulative = 0.0, cumulativeShare = 0.0
        for k in 0..<efa.factors {
            cumulative += efa.proportionOfVariance[k]
            cumulativeShare += efa.proportionExplained[k]
            table.append([.text(names[k]), .number(efa.sumsOfSquares[k]), .number(efa.proportionOfVariance[k]), .number(cumulative),
                          .number(efa.proportionExplained[k]), .number(cumulativeShare)] + efa.phi.row(k).map { .number($0) })
        }
        return table
    }

    /// kmo.csv: overall and per-item sampling adequacy, and Bartlett's test.
    public static func adequacy(_ adequacy: SamplingAdequacy) -> CSVTable {
        var table = CSVTable(header: ["item", "msa"])
        table.append([.text("overall"), .number(adequacy.overall)])
        for (item, msa) in zip(adequacy.items, adequacy.perItem) { table.append([.text(item), .number(msa)]) }
        return table
    }

    /// scree.csv: observed and simulated eigenvalues by position.
    public static func scree(_ parallel: ParallelAnalysis) -> CSVTable {
        var table = CSVTable(header: ["position", "pc.observed", "pc.simulated.mean", "pc.simulated.95", "fa.observed", "fa.simulated.mean", "fa.simulated.95"])
        for k in parallel.observedComponents.indices {
            table.append([.integer(k + 1), .number(parallel.observedComponents[k]), .number(parallel.simulatedComponentsMean[k]),
                          .number(parallel.simulatedComponents95[k]), .number(parallel.observedFactors[k]),
                          .number(parallel.simulatedFactorsMean[k]), .number(parallel.simulatedFactors95[k])])
        }
        return table
    }

    /// scree.svg: the parallel-analysis scree plot.
    public static func screePlot(_ parallel: ParallelAnalysis) -> String {
        var plot = LinePlot(title: "Parallel analysis scree plot", xLabel: "Factor or component number", yLabel: "Eigenvalue")
        func points(_ values: [Double]) -> [(x: Double, y: Double)] { values.enumerated().map { (Double($0.offset + 1), $0.element) } }
        plot.series = [
            .init(label: "PC observed", points: points(parallel.observedComponents)),
            .init(label: "PC simulated 95%", points: points(parallel.simulatedComponents95), dashed: true),
            .init(label: "FA observed", points: points(parallel.observedFactors)),
            .init(label: "FA simulated 95%", points: points(parallel.simulatedFactors95), dashed: true),
        ]
        plot.horizontalLines = [1]
        return plot.rendered()
    }

    /// efa.md.
    public static func document(_ efa: ExploratoryFactorAnalysis, adequacy: SamplingAdequacy, parallel: ParallelAnalysis?,
                                dataName: String, factorChoice: String, droppedRows: Int, count: Int) -> ReportDocument {
        var doc = ReportDocument(title: "Exploratory factor analysis on \(dataName)")
        let f = { (value: Double) in ReportFormat.fixed(value) }
        doc.heading("Data and factorability")
        doc.paragraph("\(count) complete rows and \(efa.items.count) items" + (droppedRows > 0 ? " (\(droppedRows) rows with a missing answer left out)" : "")
            + ". Kaiser-Meyer-Olkin MSA = \(f(adequacy.overall)) (\(SamplingAdequacy.label(adequacy.overall)), Kaiser 1974; at least .60 is usually asked for); "
            + "Bartlett's test of sphericity χ²(\(adequacy.bartlettDF)) = \(f(adequacy.bartlettChiSquare)), p \(ReportFormat.pRelation(adequacy.bartlettPValue))"
            + (adequacy.bartlettPValue < 0.05 ? ": the items correlate enough to factor." : ": the correlations may be too weak to factor."))
        let weak = zip(adequacy.items, adequacy.perItem).filter { $0.1 < 0.6 }.map { "\($0.0) (\(f($0.1)))" }
        if !weak.isEmpty { doc.paragraph("Items with MSA below .60: " + weak.joined(separator: ", ") + ".") }
        if let parallel {
            doc.heading("Number of factors")
            doc.paragraph("Parallel analysis (Horn 1965; as psych::fa.parallel) with \(parallel.draws) simulated normal data sets (seed \(parallel.seed)): "
                + "\(parallel.suggestedFactors) factor\(parallel.suggestedFactors == 1 ? "" : "s") and \(parallel.suggestedComponents) component\(parallel.suggestedComponents == 1 ? "" : "s") "
                + "have eigenvalues above the 95th percentile of the simulated ones. ![Scree plot](scree.svg)")
        }
        doc.heading("Loadings")
        let extraction = efa.extraction.method == .pa ? "principal axis factoring (SMC start, as psych fm = \"pa\")" : "maximum likelihood"
        doc.paragraph("\(efa.factors) factor\(efa.factors == 1 ? "" : "s") (\(factorChoice)) by \(extraction), \(efa.rotation == .none ? "unrotated" : "\(efa.rotation.rawValue) rotation")"
            + (efa.isOblique ? "; pattern loadings (the structure loadings are in structure.csv)" : "") + ". Loadings below .30 in absolute value are shown in parentheses.")
        let names = factorNames(efa.factors)
        var table = ReportTable(header: ["Item"] + names + ["h²"])
        for (i, item) in efa.items.enumerated() {
            table.append([item] + efa.pattern.row(i).map { abs($0) < 0.3 ? "(\(f($0)))" : f($0) } + [f(efa.communalities[i])])
        }
        doc.table(table)
        var variance = ReportTable(header: [""] + names)
        variance.append(["SS loadings"] + efa.sumsOfSquares.map(f))
        variance.append(["Proportion of variance"] + efa.proportionOfVariance.map(f))
        variance.append(["Proportion explained"] + efa.proportionExplained.map(f))
        doc.table(variance)
        if efa.isOblique && efa.factors > 1 {
            doc.heading("Factor correlations", level: 3)
            var phi = ReportTable(header: [""] + names)
            for k in 0..<efa.factors { phi.append([names[k]] + efa.phi.row(k).map(f)) }
            doc.table(phi)
        }
        let heywood = efa.items.indices.filter { efa.communalities[$0] >= 1 }.map { efa.items[$0] }
        if !heywood.isEmpty { doc.paragraph("Heywood case: communality at or above 1 for " + heywood.joined(separator: ", ") + "; interpret with caution or extract fewer factors.") }
        return doc
    }
}
