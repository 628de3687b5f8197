import Foundation
import TrustPathModelSpec
import TrustPathPsychometrics
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension StudyRun {
    /// The group comparison when the analysis names a `groups:` column, with the study's bootstrap
    /// (when it has one) for the path and chain differences; errors name the analysis file.
    static func groupComparison(
        spec: AnalysisSpec, data: SurveyData, blocks: [ConstructBlock], modelText: String, jobs: Int
    ) throws -> GroupComparison? {
        guard let column = spec.groupColumn else {
            if let h = spec.hypotheses.first(where: { if case .groupDifference = $0.effect { return true }; return false }) {
                throw StudyError.invalid(file: spec.source, reason: "hypothesis \(h.id) compares groups, but the analysis names no group column; add 'groups: COLUMN'")
            }
            return nil
        }
        guard data.columnNames.contains(column) else {
            throw StudyError.invalid(file: spec.source, reason: "'groups: \(column)' is not a column of the data"
                + (NameSuggestion.closest(to: column, among: data.columnNames).map { "; did you mean '\($0)'?" } ?? ""))
        }
        do {
            var options = spec.fittingOptions
            options.jobs = jobs
            let structural = spec.structuralOptions
            return try GroupComparison(measurementModel: MeasurementCFA.syntax(blocks), structuralModel: modelText, data: data,
                                       groupColumn: column, constructs: blocks.map(\.code), options: options,
                                       bootstrap: structural.resolvedSE == .bootstrap ? structural.bootstrap : nil)
        } catch SEMError.model(let error) {
            throw StudyError.model(file: spec.source, reason: error.message(file: spec.modelPath ?? spec.source))
        } catch let error as MultiGroupError {
            throw StudyError.model(file: spec.source, reason: "groups '\(column)': \(error.message)")
        } catch let error as SEMError {
            throw StudyError.model(file: spec.source, reason: "groups '\(column)': \(error.message)")
        } catch let error as ModelSpecError {
            throw StudyError.model(file: spec.source, reason: error.message(file: spec.modelPath ?? spec.source))
        }
    }

    static func resolve(_ hypothesis: Hypothesis, effect: Hypothesis.GroupEffect, first: String, second: String, comparison: GroupComparison?,
                        spec: AnalysisSpec) throws -> (estimate: Double, std: Double, inference: Inference) {
        guard let comparison else {
            throw StudyError.invalid(file: spec.source, reason: "hypothesis \(hypothesis.id) compares groups, but the analysis names no group column; add 'groups: COLUMN'")
        }
        for label in [first, second] where !comparison.labels.contains(label) {
            throw StudyError.invalid(file: spec.source, reason: "hypothesis \(hypothesis.id): '\(label)' is not a group of '\(comparison.column)' ("
                + comparison.labels.joined(separator: ", ") + ")")
        }
        guard let resolved = comparison.resolve(effect, first: first, second: second) else {
            throw StudyError.hypothesis(file: spec.source, .notInModel(id: hypothesis.id, text: hypothesis.text))
        }
        return resolved
    }

    static func appendGroupComparison(_ comparison: GroupComparison, to doc: inout ReportDocument) {
        doc.heading("Group comparison")
        doc.paragraph(plainVerdict(comparison))
        doc.paragraph("Groups are the values of `\(comparison.column)`, numbered in order of first appearance:")
        doc.table(MultiGroupReport.legend(comparison.scalar.model))
        doc.heading("Measurement invariance", level: 3)
        var table = ReportTable(header: ["Level", "χ²", "df", "CFI", "RMSEA", "SRMR", "Δχ² (p)", "ΔCFI", "ΔRMSEA", "Step holds"])
        for step in comparison.invariance.steps {
            let m = { (name: String) in ReportFormat.fixed(step.measures[name] ?? .nan) }
            let d = step.difference
            table.append([step.level.rawValue, m("chisq"), "\(Int(step.measures["df"] ?? 0))", m("cfi"), m("rmsea"), m("srmr"),
                          d.map { "\(ReportFormat.fixed($0.chisq)) (\(ReportFormat.pValue($0.pValue)))" } ?? "",
                          d.map { ReportFormat.fixed($0.cfi) } ?? "", d.map { ReportFormat.fixed($0.rmsea) } ?? "", step.holds ? "yes" : "no"])
        }
        doc.table(table)
        let level = comparison.invariance.highestLevel
        doc.paragraph(MultiGroupReport.verdict(comparison.invariance) + " The constructs' CFA is tested; a step holds when CFI drops by at most .010 "
            + "and RMSEA rises by at most .015 (Chen 2007).")
        doc.heading("Latent means", level: 3)
        var means = ReportTable(header: ["Construct", "Groups", "Difference", "SE", "Standardized (d)", "95% CI", "p"])
        for m in comparison.means {
            means.append([m.construct, "\(comparison.labels[m.first - 1]) − \(comparison.labels[m.second - 1])", ReportFormat.fixed(m.estimate),
                          ReportFormat.fixed(m.inference.standardError), ReportFormat.fixed(m.standardized),
                          "[\(ReportFormat.fixed(m.inference.lower)), \(ReportFormat.fixed(m.inference.upper))]", ReportFormat.pValue(m.inference.pValue)])
        }
        doc.table(means)
        doc.paragraph("From the scalar model (equal loadings and intercepts): the latent means of `\(comparison.labels[0])` are fixed at 0 and the others "
            + "are their differences from it, tested by Wald z; d divides by the pooled latent SD. "
            + (level == .scalar || level == .strict ? "Scalar invariance holds, so the means are comparable."
               : "Scalar invariance does not hold: treat these differences as indicative only."))
        doc.heading("Paths", level: 3)
        var header = ["Path"]
        for label in comparison.labels { header += ["b (\(label))", "β (\(label))"] }
        header += ["Difference", "p"]
        var paths = ReportTable(header: header)
        for path in comparison.paths {
            var row = ["\(path.predictor) → \(path.outcome)"]
            for e in path.estimates { row += [ReportFormat.fixed(e.estimate), ReportFormat.fixed(e.standardized)] }
            let d = path.differences.first
            row += [d.map { ReportFormat.fixed($0.estimate) } ?? "", d.map { ReportFormat.pValue($0.inference.pValue) } ?? ""]
            paths.append(row)
        }
        doc.table(paths)
        let test = comparison.equalPaths
        let tested = comparison.structuralBootstrap.map { draws in
            "by its 95% percentile interval and p from \(draws.successfulDraws) bootstrap draws resampling within the groups (seed \(draws.seed)"
                + (draws.failedDraws.isEmpty ? "" : "; \(draws.failedDraws.count) draws did not converge and were left out") + ")"
        } ?? "by Wald z over the shared parameters"
        doc.paragraph("Paths from the structural model with loadings held equal (metric level), estimated in each group; a difference is "
            + "`\(comparison.labels.dropFirst().first ?? "")` minus `\(comparison.labels[0])`, tested \(tested). "
            + "Holding every path equal across groups: Δχ²(\(Int(test.df))) = \(ReportFormat.fixed(test.chisq)), p \(ReportFormat.pRelation(test.pValue))"
            + (test.pValue < 0.05 ? ": the paths differ between groups." : ": no evidence that the paths differ between groups.")
            + (level == .configural ? " Metric invariance does not hold, so path differences may reflect measurement, not the relations." : ""))
    }

    /// The comparison in plain words: comparability, then the differences that are significant at .05.
    static func plainVerdict(_ comparison: GroupComparison) -> String {
        let level = comparison.invariance.highestLevel
        let reference = comparison.labels[0]
        var text = "In plain words: the questionnaire measures the constructs "
            + (level == .configural ? "with the same items but not equally in every group, so the groups' scores cannot be compared directly"
               : "comparably across " + comparison.labels.joined(separator: " and ") + " (\(level.rawValue) invariance)") + ". "
        if level == .scalar || level == .strict {
            let higher = comparison.means.filter { $0.inference.pValue < 0.05 }
            let none = comparison.means.filter { $0.inference.pValue >= 0.05 }.map(\.construct)
            if higher.isEmpty {
                text += "No latent mean differs between the groups. "
            } else {
                text += "Compared with \(reference), " + higher.map { m in
                    "\(comparison.labels[m.first - 1]) scores \(m.estimate > 0 ? "higher" : "lower") on \(m.construct) (d = \(ReportFormat.fixed(m.standardized, digits: 2)), p \(ReportFormat.pRelation(m.inference.pValue)))"
                }.joined(separator: " and ") + (none.isEmpty ? ". " : "; no clear difference on " + none.joined(separator: ", ") + ". ")
            }
        }
        let differing = comparison.paths.filter { ($0.differences.first?.inference.pValue ?? 1) < 0.05 }
        if differing.isEmpty {
            text += "The paths do not differ clearly between the groups."
        } else {
            text += differing.map { path in
                "the effect of \(path.predictor) on \(path.outcome) differs (β " + zip(comparison.labels, path.estimates).map { "\(ReportFormat.fixed($1.standardized, digits: 2)) \($0)" }.joined(separator: " vs ") + ")"
            }.joined(separator: "; ").capitalizedFirst + "."
        }
        return text
    }

    static func groupMeansCSV(_ comparison: GroupComparison) -> CSVTable {
        var table = CSVTable(header: ["construct", "group", "reference", "diff", "se", "z", "pvalue", "ci.lower", "ci.upper", "std.diff"])
        for m in comparison.means {
            table.append([.text(m.construct), .text(comparison.labels[m.first - 1]), .text(comparison.labels[m.second - 1]), .number(m.estimate),
                          .number(m.inference.standardError), .number(m.inference.zValue), .number(m.inference.pValue),
                          .number(m.inference.lower), .number(m.inference.upper), .number(m.standardized)])
        }
        return table
    }

    static func groupPathsCSV(_ comparison: GroupComparison) -> CSVTable {
        var table = CSVTable(header: ["lhs", "op", "rhs", "group", "label", "est", "se", "std.all", "diff.from.group1", "diff.se", "diff.pvalue"])
        for path in comparison.paths {
            for (g, e) in path.estimates.enumerated() {
                let d = path.differences.first { $0.group == g + 1 }
                table.append([.text(path.outcome), .text("~"), .text(path.predictor), .integer(g + 1), .text(comparison.labels[g]),
                              .number(e.estimate), .number(e.standardError), .number(e.standardized),
                              d.map { .number($0.estimate) } ?? .empty, d.map { .number($0.inference.standardError) } ?? .empty,
                              d.map { .number($0.inference.pValue) } ?? .empty])
            }
        }
        return table
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
