import TrustPathSEM

/// report.md and the terminal summary of a fitted model.
public enum SEMReport {
    /// Common cut-offs for approximate fit, from Hu & Bentler (1999), "Cutoff criteria for fit
    /// indexes in covariance structure analysis", *Structural Equation Modeling* 6(1), 1–55.
    public static let cutoffs: [(measure: String, label: String, threshold: Double, higherIsBetter: Bool)] = [
        ("cfi", "CFI", 0.95, true), ("tli", "TLI", 0.95, true), ("rmsea", "RMSEA", 0.06, false), ("srmr", "SRMR", 0.08, false),
    ]

    /// What the run was, for headings: the model and data file names, the verb, and how the
    /// standard errors and intervals were obtained (one sentence; bootstrap details when used).
    public struct Context: Sendable {
        public let modelName: String
        public let dataName: String
        public let verb: String
        public let inferenceNote: String
        /// How the model was estimated, when not by ML (``Estimation``).
        public let estimation: Estimation?
        public init(modelName: String, dataName: String, verb: String, inferenceNote: String, estimation: Estimation? = nil) {
            self.modelName = modelName
            self.dataName = dataName
            self.verb = verb
            self.inferenceNote = inferenceNote
            self.estimation = estimation
        }
    }

    /// An estimator other than ML: its short name, the report's Model paragraph, and the fit
    /// measures the Fit table leads with (WLSMV's scaled-shifted test and its `.scaled` indices
    /// stand in for chisq, cfi, tli and rmsea; fit.csv keeps both).
    public struct Estimation: Sendable {
        public let name: String
        public let description: String
        public let headline: FitMeasures
        public init(name: String, description: String, headline: FitMeasures) {
            self.name = name
            self.description = description
            self.headline = headline
        }
    }

    public static func stars(_ p: Double) -> String {
        guard p.isFinite else { return "" }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : ""
    }

    /// One plain sentence on approximate fit against the cut-offs.
    public static func verdict(_ measures: FitMeasures) -> String {
        let failing = cutoffs.filter { cutoff in
            guard let value = measures[cutoff.measure] else { return false }
            return cutoff.higherIsBetter ? value < cutoff.threshold : value > cutoff.threshold
        }.map(\.label)
        if failing.isEmpty { return "The model fits the data well by all four common cut-offs (Hu & Bentler 1999)." }
        if failing.count == cutoffs.count { return "The model does not fit the data well: it misses all four common cut-offs (Hu & Bentler 1999)." }
        return "The model fits the data acceptably by some criteria but not by " + failing.joined(separator: ", ")
            + " (cut-offs from Hu & Bentler 1999); look at the modification indices and residuals for where it misfits."
    }

    public static func document(_ fit: SEMFit, measures: FitMeasures, modificationIndices: [ModificationIndex],
                                inference: [Inference], effects: [(StructuralEffect, Inference)], context: Context) -> ReportDocument {
        var doc = ReportDocument(title: "\(context.verb.uppercased()) of \(context.modelName) on \(context.dataName)")
        let moments = fit.model.moments
        doc.heading("Model")
        let measures = context.estimation?.headline ?? measures
        doc.paragraph(context.estimation?.description ?? ("Maximum likelihood (lavaan's ML), \(fit.information.rawValue) information; N = \(moments.count)"
            + (moments.droppedRows > 0 ? " complete rows (\(moments.droppedRows) rows with a missing value in a model variable were left out)" : "")
            + "; \(fit.model.freeCount) free parameters, \(fit.model.degreesOfFreedom) degrees of freedom; "
            + "converged after \(fit.solution.iterations) iterations of Fisher scoring then BFGS (largest gradient \(ReportFormat.scientific(fit.solution.gradientNorm)))."))

        doc.heading("Fit")
        if measures["chisq"] != nil {
            appendFitTable(measures, to: &doc)
        } else {
            doc.paragraph("The model was not tested (test = \"none\"): there is no χ² and no fit index.")
        }

        let estimates = Array(zip(fit.estimates, inference))
        doc.paragraph(context.inferenceNote)
        func section(_ title: String, _ rows: [(ParameterEstimate, Inference)], _ name: (ParameterEstimate) -> String) {
            guard !rows.isEmpty else { return }
            doc.heading(title)
            var table = ReportTable(header: ["parameter", "estimate", "se", "z", "p", "", "95% CI", "std.all"])
            for (e, i) in rows {
                table.append([name(e), ReportFormat.fixed(e.estimate), e.isFree ? ReportFormat.fixed(i.standardError) : "",
                              e.isFree ? ReportFormat.fixed(i.zValue, digits: 2) : "", e.isFree ? ReportFormat.pValue(i.pValue) : "",
                              e.isFree ? stars(i.pValue) : "",
                              e.isFree ? "[\(ReportFormat.fixed(i.lower)), \(ReportFormat.fixed(i.upper))]" : "",
                              ReportFormat.fixed(e.stdAll)])
            }
            doc.table(table)
        }
        section("Loadings", estimates.filter { $0.0.op == "=~" }) { "\($0.lhs) =~ \($0.rhs)" }
        section("Regressions", estimates.filter { $0.0.op == "~" }) { "\($0.lhs) ~ \($0.rhs)" + ($0.label.isEmpty ? "" : " (\($0.label))") }
        section("Covariances", estimates.filter { $0.0.op == "~~" && $0.0.lhs != $0.0.rhs }) { "\($0.lhs) ~~ \($0.rhs)" }
        section("Variances", estimates.filter { $0.0.op == "~~" && $0.0.lhs == $0.0.rhs }) { $0.lhs }
        section("Intercepts", estimates.filter { $0.0.op == "~1" }) { $0.lhs }
        section("Defined parameters", estimates.filter { $0.0.op == ":=" }) { "\($0.lhs) := \($0.rhs)" }
        doc.paragraph("Stars: * p < .05, ** p < .01, *** p < .001 (two-sided). Fixed parameters have no standard error.")

        if !effects.isEmpty {
            doc.heading("Effects")
            doc.paragraph("Direct, indirect and total effects from the structural paths (Bollen 1987): a specific indirect effect "
                + "is the product of the coefficients along its path; an indirect effect whose interval excludes 0 supports mediation.")
            var table = ReportTable(header: ["effect", "kind", "estimate", "se", "95% CI", "p", "", "std.all"])
            for (e, i) in effects {
                table.append([e.path, e.kind.rawValue, ReportFormat.fixed(e.estimate), ReportFormat.fixed(i.standardError),
                              "[\(ReportFormat.fixed(i.lower)), \(ReportFormat.fixed(i.upper))]", ReportFormat.pValue(i.pValue),
                              stars(i.pValue), ReportFormat.fixed(e.stdAll)])
            }
            doc.table(table)
        }

        let r2 = fit.rSquared
        if !r2.isEmpty {
            doc.heading("R-squared")
            var table = ReportTable(header: ["variable", "R²"])
            for item in r2 { table.append([item.variable, ReportFormat.fixed(item.value)]) }
            doc.table(table)
        }

        doc.heading("Diagnostics")
        let diagnostics = fit.diagnostics
        if diagnostics.isEmpty {
            doc.paragraph("No Heywood cases: every variance is positive and every standardized loading and correlation lies within ±1.")
        } else {
            for d in diagnostics { doc.paragraph("- " + d.message) }
        }
        appendLargestModificationIndices(modificationIndices, groupLabels: nil, to: &doc)
        return doc
    }

    /// The five largest modification indices when the largest passes 3.84, with each one's group
    /// label when `groupLabels` are given (a multi-group fit).
    static func appendLargestModificationIndices(
        _ modificationIndices: [ModificationIndex], groupLabels: [String]?, to doc: inout ReportDocument
    ) {
        let largest = modificationIndices.sorted { $0.mi > $1.mi }.prefix(5)
        guard let top = largest.first, top.mi > 3.84 else { return }
        doc.heading("Largest modification indices")
        doc.paragraph("Freeing one of these would lower chi-square by about its MI (3.84 is significant at .05 on 1 df); "
            + "free a parameter only when theory supports it. All are in modindices.csv.")
        var table = ReportTable(header: (groupLabels == nil ? [] : ["group"]) + ["parameter", "mi", "epc", "sepc.all"])
        for m in largest {
            let group = groupLabels.map { labels in [labels.indices.contains(m.group - 1) ? labels[m.group - 1] : "\(m.group)"] }
            table.append((group ?? []) + ["\(m.lhs) \(m.op) \(m.rhs)", ReportFormat.fixed(m.mi), ReportFormat.fixed(m.epc),
                                          ReportFormat.fixed(m.sepcAll)])
        }
        doc.table(table)
    }

    /// The fit table against Hu & Bentler's cut-offs and the verdict.
    static func appendFitTable(_ measures: FitMeasures, to doc: inout ReportDocument) {
        var fitTable = ReportTable(header: ["measure", "value", "cut-off", "meets it"])
        let chisq = measures["chisq"] ?? .nan, df = measures["df"] ?? .nan, p = measures["pvalue"] ?? .nan
        // A mean-and-variance adjusted test has fractional degrees of freedom (Satterthwaite's).
        let dfText = ReportFormat.fixed(df, digits: df == df.rounded() ? 0 : 2)
        fitTable.append(["chi-square (df = \(dfText))", ReportFormat.fixed(chisq), "p >= .05", p.isNaN ? "" : p >= 0.05 ? "yes" : "no"])
        fitTable.append(["p-value", ReportFormat.pValue(p), "", ""])
        if let bootstrapP = measures["bollen.stine.pvalue"] {
            fitTable.append(["Bollen-Stine bootstrap p (\(Int(measures["bollen.stine.draws"] ?? 0)) draws)", ReportFormat.pValue(bootstrapP),
                             "p >= .05", bootstrapP >= 0.05 ? "yes" : "no"])
        }
        for cutoff in cutoffs {
            let value = measures[cutoff.measure] ?? .nan
            let meets = cutoff.higherIsBetter ? value >= cutoff.threshold : value <= cutoff.threshold
            var shown = ReportFormat.fixed(value)
            if cutoff.measure == "rmsea" {
                shown += " [\(ReportFormat.fixed(measures["rmsea.ci.lower"] ?? .nan)), \(ReportFormat.fixed(measures["rmsea.ci.upper"] ?? .nan))]"
            }
            fitTable.append([cutoff.label, shown, (cutoff.higherIsBetter ? ">= " : "<= ") + ReportFormat.fixed(cutoff.threshold, digits: 2), meets ? "yes" : "no"])
        }
        doc.table(fitTable)
        doc.paragraph(verdict(measures) + " The chi-square test is exact but rejects small misfit in large samples; "
            + "RMSEA's 90% interval is shown in brackets. Every fit measure is in fit.csv.")
    }

    /// A compact summary in the spirit of lavaan's `summary()`.
    public static func terminalSummary(_ fit: SEMFit, measures: FitMeasures, inference: [Inference], context: Context) -> String {
        let m = context.estimation?.headline ?? measures
        var out = "TrustPath \(context.verb): \(context.modelName) on \(context.dataName), \(context.estimation?.name ?? "ML"), N = \(fit.model.moments.count), "
            + "\(context.estimation?.headline["npar"].map { Int($0) } ?? fit.model.freeCount) free parameters, converged in \(fit.solution.iterations) iterations\n"
        if m["chisq"] == nil { out += "  not tested (test = none)\n" } else {
        out += "  chi-square \(ReportFormat.fixed(m["chisq"] ?? .nan)), df \(ReportFormat.fixed(m["df"] ?? .nan, digits: 0)), "
            + "p \(ReportFormat.pValue(m["pvalue"] ?? .nan))   CFI \(ReportFormat.fixed(m["cfi"] ?? .nan))   TLI \(ReportFormat.fixed(m["tli"] ?? .nan))   "
            + "RMSEA \(ReportFormat.fixed(m["rmsea"] ?? .nan)) [\(ReportFormat.fixed(m["rmsea.ci.lower"] ?? .nan)), \(ReportFormat.fixed(m["rmsea.ci.upper"] ?? .nan))]   "
            + "SRMR \(ReportFormat.fixed(m["srmr"] ?? .nan))\n"
        }
        var table = ReportTable(header: ["parameter", "estimate", "se", "z", "p", "std.all"])
        for (e, i) in zip(fit.estimates, inference) where e.op != "~~" || e.lhs != e.rhs {
            let name = e.op == ":=" ? "\(e.lhs) :=" : "\(e.lhs) \(e.op) \(e.rhs)"
            table.append([name, ReportFormat.fixed(e.estimate), e.isFree ? ReportFormat.fixed(i.standardError) : "",
                          e.isFree ? ReportFormat.fixed(i.zValue, digits: 2) : "", e.isFree ? ReportFormat.pValue(i.pValue) : "",
                          ReportFormat.fixed(e.stdAll)])
        }
        out += PlainTextRenderer.render(table)
        if m["chisq"] != nil { out += verdict(m) + "\n" }
        return out
    }
}
