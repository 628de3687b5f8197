import TrustPathSEM

/// report.md of a multi-group fit and the measurement-invariance table.
public enum MultiGroupReport {
    /// The groups legend: number (as in estimates.csv), label, rows analysed.
    public static func legend(_ model: MultiGroupModel) -> ReportTable {
        var table = ReportTable(header: ["Group", "Label", "n"])
        for (g, label) in model.labels.enumerated() { table.append(["\(g + 1)", label, "\(model.groups[g].moments.count)"]) }
        return table
    }

    static func equalitySentence(_ model: MultiGroupModel) -> String {
        let equal = MultiGroupModel.EqualityClass.allCases.filter(model.equal.contains).map(\.rawValue)
        return (equal.isEmpty ? "Nothing is held equal across groups (configural model)" : "Held equal across groups: " + equal.joined(separator: ", "))
            + (model.partial.isEmpty ? "." : "; freed in each group: " + model.partial.sorted().joined(separator: ", ") + ".")
    }

    static func meansSentence(_ model: MultiGroupModel, ordinal: Bool = false) -> String {
        if ordinal {
            guard model.equal.contains(.thresholds) else { return "Each group has its own thresholds; latent means are 0 in every group." }
            return model.equal.contains(.means) ? "Thresholds are equal across groups; latent means are 0 in every group."
                : "Thresholds are equal across groups, so the latent means of groups 2+ (their differences from group 1) and their items' scale factors (`~*~`) are estimated."
        }
        guard model.equal.contains(.intercepts) else { return "Each group has its own intercepts; latent means are 0 in every group." }
        return model.equal.contains(.means) ? "Latent means are 0 in every group."
            : "Latent means are 0 in group 1 and estimated in the others: their differences from group 1."
    }

    public static func document(_ fit: MultiGroupFit, measures: FitMeasures, context: SEMReport.Context) -> ReportDocument {
        document(model: fit.model, estimates: fit.estimates, inference: fit.estimates.map { $0.normalInference() },
                 measures: measures, context: context, estimator: measures["chisq.scaled"] != nil ? .mlr : .ml,
                 diagnostics: fit.diagnostics)
    }

    /// report.md of a multi-group fit by `estimator`: the groups legend, the fit (scaled and robust
    /// statistics first when the estimator has them) and each group's parameters. Thresholds are
    /// left to estimates.csv; scale factors are shown where free. `inference` is each estimate row's
    /// standard error and p-value (normal theory, or the bootstrap's when `bootstrapped`), as in estimates.csv.
    /// `estimator` picks the statistics the fit leads with (`.wlsmv`: the scaled-shifted ones);
    /// `ordinal` says whether the items are ordered (thresholds) or continuous.
    public static func document(model: MultiGroupModel, estimates: [ParameterEstimate], inference: [Inference],
                                bootstrapped: Bool = false, measures: FitMeasures, context: SEMReport.Context,
                                estimator: InvarianceSequence.Estimator, ordinal: Bool? = nil, diagnostics: [Diagnostic] = [],
                                modificationIndices: [ModificationIndex] = []) -> ReportDocument {
        var doc = ReportDocument(title: "Multi-group \(context.verb.uppercased()) of \(context.modelName) on \(context.dataName)")
        let ordinal = ordinal ?? (estimator == .wlsmv)
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        let name: String
        switch estimator {
        case .ml: name = model.patterns.isEmpty ? "Maximum likelihood" : "Full-information maximum likelihood (FIML, lavaan's missing = \"ml\")"
        case .mlr: name = model.patterns.isEmpty ? "Robust maximum likelihood (MLR)" : "Robust FIML (MLR with missing = \"ml\", robust indices FIML-corrected)"
        case .mlm: name = "Robust maximum likelihood (MLM: Satorra-Bentler)"
        case .wlsmv: name = "WLSMV on ordinal items (thresholds and polychoric correlations per group, delta parameterization)"
        }
        // The estimation paragraph written from what ran, where there is one (any fit but plain ML).
        doc.paragraph(
            (context.estimation.map { $0.description.hasSuffix(".") ? $0.description : $0.description + "." }
                ?? name + " over \(model.groups.count) groups, \(model.count) rows"
                + (model.rowsWithoutGroup > 0 ? " (\(model.rowsWithoutGroup) rows without a group left out)" : "") + ".")
            + " " + equalitySentence(model) + " " + meansSentence(model, ordinal: ordinal))
        doc.heading("Groups")
        doc.table(legend(model))
        doc.heading("Fit")
        let df = "\(Int(measures["df"] ?? 0))"
        switch measures["chisq"] == nil ? nil : estimator {
        case nil: doc.paragraph("The model was not tested (test = \"none\"): there is no χ² and no fit index.")
        case .ml:
            doc.paragraph("χ²(\(df)) = \(m("chisq")), p \(ReportFormat.pRelation(measures["pvalue"] ?? .nan)); CFI = \(m("cfi")), TLI = \(m("tli")), "
                + "RMSEA = \(m("rmsea")) [\(m("rmsea.ci.lower")), \(m("rmsea.ci.upper"))], SRMR = \(m("srmr")). " + SEMReport.verdict(measures))
        case .mlr, .mlm:
            doc.paragraph((estimator == .mlm ? "Satorra-Bentler" : "Yuan-Bentler") + " scaled χ²(\(df)) = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor"))), "
                + "p \(ReportFormat.pRelation(measures["pvalue.scaled"] ?? .nan)); robust CFI = \(m("cfi.robust")), TLI = \(m("tli.robust")), "
                + "RMSEA = \(m("rmsea.robust")) [\(m("rmsea.ci.lower.robust")), \(m("rmsea.ci.upper.robust"))], SRMR = \(m("srmr")) "
                + "(Brosseau-Liard & Savalei 2012, as lavaan's .robust measures; the unscaled χ² is \(m("chisq")), and all are in fit.csv). "
                + SEMReport.verdict(measures.robustHeadline))
        case .wlsmv where measures["chisq.shift.parameter"] == nil && measures["df.scaled"] != measures["df"]:
            doc.paragraph("Mean-and-variance adjusted χ²(\(m("df.scaled"))) = \(m("chisq.scaled")) (scaling factor "
                + "\(m("chisq.scaling.factor")); Satterthwaite's df), p \(ReportFormat.pRelation(measures["pvalue.scaled"] ?? .nan)); "
                + "scaled CFI = \(m("cfi.scaled")), TLI = \(m("tli.scaled")), RMSEA = \(m("rmsea.scaled")), SRMR = \(m("srmr")) "
                + "(as lavaan's; the unadjusted χ² is \(m("chisq")), and all are in fit.csv). "
                + SEMReport.verdict(measures.scaledHeadline))
        case .wlsmv:
            doc.paragraph("Scaled-shifted χ²(\(df)) = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor")), shift \(m("chisq.shift.parameter"))), "
                + "p \(ReportFormat.pRelation(measures["pvalue.scaled"] ?? .nan)); scaled CFI = \(m("cfi.scaled")), TLI = \(m("tli.scaled")), "
                + "RMSEA = \(m("rmsea.scaled")) [\(m("rmsea.ci.lower.scaled")), \(m("rmsea.ci.upper.scaled"))], SRMR = \(m("srmr")) "
                + "(Asparouhov & Muthén 2010, as lavaan's; the unadjusted χ² is \(m("chisq")), and all are in fit.csv). "
                + SEMReport.verdict(measures.scaledHeadline))
        }
        if !diagnostics.isEmpty {
            doc.paragraph("Inadmissible or doubtful estimates, reported and not blocked (as lavaan): "
                + diagnostics.map(\.message).joined(separator: "; ") + ".")
        }
        for (g, label) in model.labels.enumerated() {
            doc.heading("Group \(g + 1): \(label)")
            var table = ReportTable(header: ["Parameter", "Estimate", "SE", "p", "Std. all"])
            // Fixed means, intercepts and scale factors and every threshold are left out of the report.
            for (e, i) in zip(estimates, inference)
            where e.group == g + 1 && e.op != "|" && ((e.op != "~1" && e.op != "~*~") || e.isFree) {
                table.append(["\(e.lhs) \(e.op) \(e.rhs)".trimmingCharacters(in: .whitespaces) + (e.label.isEmpty ? "" : " (\(e.label))"),
                              ReportFormat.fixed(e.estimate), e.isFree ? ReportFormat.fixed(i.standardError) : "fixed",
                              e.isFree ? ReportFormat.pValue(i.pValue) : "", ReportFormat.fixed(e.stdAll)])
            }
            doc.table(table)
        }
        let defined = zip(estimates, inference).filter { $0.0.op == ":=" }
        if !defined.isEmpty {
            doc.heading("Defined parameters")
            var table = ReportTable(header: ["Parameter", "Definition", "Estimate", "SE", "p", "Std. all"])
            for (e, i) in defined {
                table.append([e.lhs, e.rhs, ReportFormat.fixed(e.estimate), ReportFormat.fixed(i.standardError),
                              ReportFormat.pValue(i.pValue), ReportFormat.fixed(e.stdAll)])
            }
            doc.table(table)
            doc.paragraph("Each defined parameter (:=) combines the labelled parameters of the groups it names; its standard error is "
                + (bootstrapped
                    ? "the standard deviation of its value over the bootstrap draws, as lavaan's."
                    : "by the delta method over the shared parameters, as lavaan's."))
        }
        if ordinal {
            doc.paragraph("The items' thresholds (`|` rows, t1, t2, ...) of every group are in estimates.csv; an item's residual variance is 1/Δ² "
                + "minus its explained variance (delta parameterization), and Δ (`~*~`) is 1 unless the thresholds are held equal.")
        }
        SEMReport.appendLargestModificationIndices(modificationIndices, groupLabels: model.labels, to: &doc)
        doc.paragraph(context.inferenceNote)
        return doc
    }

    /// invariance.csv: one row per level with its fit and the change from the previous level.
    /// With MLR the columns are lavaan's scaled and robust measures, named as fitMeasures names them.
    public static func invarianceTable(_ sequence: InvarianceSequence) -> CSVTable {
        let e = sequence.estimator
        let measureNames = ["npar", "chisq"] + (e == .ml ? [] : ["chisq.scaling.factor", e.chisq]) + ["df", e.pvalue, e.cfi, e.tli, e.rmsea, e.rmseaLower, e.rmseaUpper, "srmr"]
        var table = CSVTable(header: ["level"] + measureNames + [e == .ml ? "chisq.diff" : "chisq.diff.scaled", "df.diff", "pvalue.diff", "cfi.diff", "rmsea.diff", "holds"])
        for step in sequence.steps {
            let m = { (name: String) -> CSVTable.Cell in .number(step.measures[name] ?? .nan) }
            let d = step.difference
            table.append([.text(step.level.rawValue)] + measureNames.map(m) + [
                          d.map { .number($0.chisq) } ?? .empty, d.map { .number($0.df) } ?? .empty, d.map { .number($0.pValue) } ?? .empty,
                          d.map { .number($0.cfi) } ?? .empty, d.map { .number($0.rmsea) } ?? .empty, .text(step.holds ? "yes" : "no")])
        }
        return table
    }

    /// The plain verdict: the highest level supported and what it allows.
    public static func verdict(_ sequence: InvarianceSequence) -> String {
        let level = sequence.highestLevel
        var text = "Highest level supported: \(level.rawValue) invariance: \(level.meaning)."
        if let failed = sequence.steps.first(where: { !$0.holds }), let d = failed.difference {
            text += " \(failed.level.rawValue.capitalized) invariance does not hold (ΔCFI = \(ReportFormat.fixed(d.cfi)), ΔRMSEA = \(ReportFormat.fixed(d.rmsea))"
                + "; Δχ²(\(Int(d.df))) = \(ReportFormat.fixed(d.chisq)), p \(ReportFormat.pRelation(d.pValue))): "
                + (failed.level == .metric ? "compare the groups' paths only after freeing the loadings that differ (--group-partial)."
                   : failed.level == .scalar ? "do not compare latent means unless a partial scalar model (--group-partial with the "
                       + (sequence.estimator == .wlsmv ? "thresholds that differ, e.g. 'x1 | t2'" : "intercepts that differ") + ") holds."
                   : "compare latent, not observed, scores.")
        }
        return text
    }

    public static func invarianceDocument(_ sequence: InvarianceSequence, context: SEMReport.Context) -> ReportDocument {
        var doc = ReportDocument(title: "Measurement invariance of \(context.modelName) across groups of \(context.dataName)")
        guard let first = sequence.steps.first else { return doc }
        doc.heading("Groups")
        doc.table(legend(first.model))
        doc.heading("Invariance tests")
        let e = sequence.estimator, robust = e != .ml
        var table = ReportTable(header: ["Level", robust ? "Scaled χ²" : "χ²", "df", "CFI", "TLI", "RMSEA", "SRMR", robust ? "Scaled Δχ²" : "Δχ²", "Δdf",
                                         "p (Δχ²)", "ΔCFI", "ΔRMSEA", "Step holds"])
        for step in sequence.steps {
            let m = { (name: String) in ReportFormat.fixed(step.measures[name] ?? .nan) }
            let d = step.difference
            table.append([step.level.rawValue, m(e.chisq), "\(Int(step.measures["df"] ?? 0))", m(e.cfi), m(e.tli), m(e.rmsea), m("srmr"),
                          d.map { ReportFormat.fixed($0.chisq) } ?? "", d.map { "\(Int($0.df))" } ?? "", d.map { ReportFormat.pValue($0.pValue) } ?? "",
                          d.map { ReportFormat.fixed($0.cfi) } ?? "", d.map { ReportFormat.fixed($0.rmsea) } ?? "", step.holds ? "yes" : "no"])
        }
        doc.table(table)
        doc.paragraph(verdict(sequence))
        doc.paragraph("Each level adds equality constraints to the one before: metric holds the loadings equal, scalar also the intercepts, strict also "
            + "the residual variances (Meredith 1993; Vandenberg & Lance 2000). A level holds when CFI drops by at most "
            + "\(ReportFormat.fixed(InvarianceSequence.maximumCFIDrop)) and RMSEA rises by at most \(ReportFormat.fixed(InvarianceSequence.maximumRMSEARise)) "
            + "against the level before (Chen 2007; Cheung & Rensvold 2002); the chi-square difference test is shown too, but with large samples it "
            + "rejects trivial differences. "
            + (e.isRobustML ? "With \(e.rawValue.uppercased()) the χ² are \(e == .mlr ? "Yuan-Bentler" : "Satorra-Bentler") scaled, each Δχ² is the Satorra-Bentler (2001) scaled difference of the unscaled "
                + "statistics (lavaan's lavTestLRT), and CFI, TLI and RMSEA are the robust ones (Brosseau-Liard & Savalei 2012, 2014). " : "")
            + (e == .wlsmv ? "The items are ordinal (WLSMV): scalar invariance holds their thresholds equal (freeing the scale factors and latent means of "
                + "groups 2+, as lavaan), the χ² are scaled-shifted, each Δχ² is lavaan's scaled-shifted Satorra (2000) difference test (Mplus's DIFFTEST), "
                + "and CFI, TLI and RMSEA are the scaled ones; strict invariance is not tested, as the delta parameterization has no residual variances to hold equal. " : "")
            + context.inferenceNote)
        return doc
    }
}
