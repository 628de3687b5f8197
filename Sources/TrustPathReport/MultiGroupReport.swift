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

    static func meansSentence(_ model: MultiGroupModel) -> String {
        guard model.equal.contains(.intercepts) else { return "Each group has its own intercepts; latent means are 0 in every group." }
        return model.equal.contains(.means) ? "Latent means are 0 in every group."
            : "Latent means are 0 in group 1 and estimated in the others: their differences from group 1."
    }

    public static func document(_ fit: MultiGroupFit, measures: FitMeasures, context: SEMReport.Context) -> ReportDocument {
        var doc = ReportDocument(title: "Multi-group \(context.verb.uppercased()) of \(context.modelName) on \(context.dataName)")
        let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
        let robust = measures["chisq.scaled"] != nil
        doc.paragraph((robust ? "Robust maximum likelihood (MLR)" : "Maximum likelihood") + " over \(fit.model.groups.count) groups, \(fit.count) rows"
            + (fit.model.rowsWithoutGroup > 0 ? " (\(fit.model.rowsWithoutGroup) rows without a group left out)" : "") + ". "
            + equalitySentence(fit.model) + " " + meansSentence(fit.model))
        doc.heading("Groups")
        doc.table(legend(fit.model))
        doc.heading("Fit")
        if robust {
            doc.paragraph("Yuan-Bentler scaled χ²(\(Int(measures["df"] ?? 0))) = \(m("chisq.scaled")) (scaling factor \(m("chisq.scaling.factor"))), "
                + "p \(ReportFormat.pRelation(measures["pvalue.scaled"] ?? .nan)); robust CFI = \(m("cfi.robust")), TLI = \(m("tli.robust")), "
                + "RMSEA = \(m("rmsea.robust")) [\(m("rmsea.ci.lower.robust")), \(m("rmsea.ci.upper.robust"))], SRMR = \(m("srmr")) "
                + "(Brosseau-Liard & Savalei 2012, as lavaan's .robust measures; the unscaled χ² is \(m("chisq")), and all are in fit.csv). "
                + SEMReport.verdict(measures.robustHeadline))
        } else {
            doc.paragraph("χ²(\(Int(measures["df"] ?? 0))) = \(m("chisq")), p \(ReportFormat.pRelation(measures["pvalue"] ?? .nan)); CFI = \(m("cfi")), TLI = \(m("tli")), "
                + "RMSEA = \(m("rmsea")) [\(m("rmsea.ci.lower")), \(m("rmsea.ci.upper"))], SRMR = \(m("srmr")). " + SEMReport.verdict(measures))
        }
        for (g, label) in fit.model.labels.enumerated() {
            doc.heading("Group \(g + 1): \(label)")
            var table = ReportTable(header: ["Parameter", "Estimate", "SE", "p", "Std. all"])
            // Fixed latent means (0) are left out; free intercepts and means are shown.
            for e in fit.estimates where e.group == g + 1 && (e.op != "~1" || e.isFree) {
                table.append(["\(e.lhs) \(e.op) \(e.rhs)".trimmingCharacters(in: .whitespaces) + (e.label.isEmpty ? "" : " (\(e.label))"),
                              ReportFormat.fixed(e.estimate), e.isFree ? ReportFormat.fixed(e.standardError) : "fixed",
                              e.isFree ? ReportFormat.pValue(e.pValue) : "", ReportFormat.fixed(e.stdAll)])
            }
            doc.table(table)
        }
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
                   : failed.level == .scalar ? "do not compare latent means unless a partial scalar model (--group-partial with the intercepts that differ) holds."
                   : "compare latent, not observed, scores.")
        }
        return text
    }

    public static func invarianceDocument(_ sequence: InvarianceSequence, context: SEMReport.Context) -> ReportDocument {
        var doc = ReportDocument(title: "Measurement invariance of \(context.modelName) across groups of \(context.dataName)")
        guard let first = sequence.steps.first else { return doc }
        doc.heading("Groups")
        doc.table(legend(first.fit.model))
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
            + (robust ? "With MLR the χ² are Yuan-Bentler scaled, each Δχ² is the Satorra-Bentler (2001) scaled difference of the unscaled "
                + "statistics (lavaan's lavTestLRT), and CFI, TLI and RMSEA are the robust ones (Brosseau-Liard & Savalei 2012, 2014). " : "")
            + context.inferenceNote)
        return doc
    }
}
