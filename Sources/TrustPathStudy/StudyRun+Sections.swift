import Foundation
import TrustPathPsychometrics
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension StudyRun {
    /// The model file's text, or the instrument's constructs (`=~`) plus the spec's `paths:`.
    static func modelText(spec: AnalysisSpec, blocks: [ConstructBlock]) throws(StudyError) -> String {
        if let path = spec.modelPath {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .model(file: path, reason: "the model file cannot be read (no such file, or not UTF-8 text)") }
            return text
        }
        return MeasurementCFA.syntax(blocks) + "\n" + spec.paths.joined(separator: "\n") + "\n"
    }

    /// descriptives.csv: mean and SD (n - 1) of every item and construct score, on the analysed rows.
    static func descriptives(_ items: ItemMatrix, blocks: [ConstructBlock], scores: ConstructScores) -> CSVTable {
        var table = CSVTable(header: ["construct", "variable", "n", "mean", "sd"])
        for (c, block) in blocks.enumerated() {
            let (mean, sd) = meanAndSD(scores.scores[c])
            table.append([.text(block.code), .text(block.code + " (score)"), .integer(items.count), .number(mean), .number(sd)])
            for item in block.items {
                guard let j = items.items.firstIndex(of: item) else { continue }
                table.append([.text(block.code), .text(item), .integer(items.count), .number(items.mean(j)), .number(items.covariance[j, j].squareRoot())])
            }
        }
        return table
    }

    static func meanAndSD(_ values: [Double]) -> (Double, Double) {
        let n = Double(values.count), mean = values.reduce(0, +) / n
        return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot())
    }

    static func appendDescriptives(_ items: ItemMatrix, blocks: [ConstructBlock], scores: ConstructScores, to doc: inout ReportDocument) {
        doc.heading("Descriptives")
        var table = ReportTable(header: ["Construct", "Items", "Mean", "SD"] + blocks.map(\.code))
        for (a, block) in blocks.enumerated() {
            let (mean, sd) = meanAndSD(scores.scores[a])
            let correlations = blocks.indices.map { b -> String in
                b < a ? ReportFormat.fixed(ConstructScores.correlation(scores.scores[a], scores.scores[b])) : (b == a ? "1" : "")
            }
            table.append(["\(block.name) (\(block.code))", "\(block.items.count)", ReportFormat.fixed(mean, digits: 2), ReportFormat.fixed(sd, digits: 2)] + correlations)
        }
        doc.table(table)
        doc.paragraph("Construct scores are item means on the \(items.count) analysed respondents (reverse-coded items recoded); correlations are Pearson's r. Item statistics are in descriptives.csv.")
    }

    /// The constructs' definitions and sources, when the instrument gives them.
    static func appendConstructs(_ instrument: Instrument, to doc: inout ReportDocument) {
        guard instrument.constructs.contains(where: { $0.definition != nil || $0.reference != nil }) else { return }
        var table = ReportTable(header: ["Construct", "Definition", "Items", "Source"])
        for construct in instrument.constructs {
            table.append(["\(construct.name) (\(construct.code))", construct.definition ?? "", construct.itemCodes.joined(separator: ", "), construct.reference ?? ""])
        }
        doc.table(table)
    }

    static func appendStructural(fit: SEMFit, measures: FitMeasures, inference: [Inference], rows: String, to doc: inout ReportDocument) {
        doc.heading("Structural model")
        let m = { (name: String) in measures[name] ?? .nan }
        doc.paragraph(rows + ": "
            + "χ²(\(Int(m("df")))) = \(ReportFormat.fixed(m("chisq"))), p \(ReportFormat.pRelation(m("pvalue"))); CFI = \(ReportFormat.fixed(m("cfi"))), TLI = \(ReportFormat.fixed(m("tli"))), "
            + "RMSEA = \(ReportFormat.fixed(m("rmsea"))) [\(ReportFormat.fixed(m("rmsea.ci.lower"))), \(ReportFormat.fixed(m("rmsea.ci.upper")))], SRMR = \(ReportFormat.fixed(m("srmr"))). "
            + SEMReport.verdict(measures))
        if let scaled = measures["chisq.scaled"], let shift = measures["chisq.shift.parameter"] {
            doc.paragraph("Ordinal items (WLSMV): scaled-shifted χ²(\(Int(m("df")))) = \(ReportFormat.fixed(scaled)) (scaling factor "
                + "\(ReportFormat.fixed(m("chisq.scaling.factor"))), shift \(ReportFormat.fixed(shift))), p \(ReportFormat.pRelation(m("pvalue.scaled"))); "
                + "scaled CFI = \(ReportFormat.fixed(m("cfi.scaled"))), TLI = \(ReportFormat.fixed(m("tli.scaled"))), RMSEA = \(ReportFormat.fixed(m("rmsea.scaled"))), "
                + "as lavaan's; the χ² above is the unadjusted DWLS statistic.")
        } else if let scaled = measures["chisq.scaled"] {
            doc.paragraph("Robust statistics: scaled χ²(\(Int(m("df")))) = \(ReportFormat.fixed(scaled)) "
                + "(scaling factor \(ReportFormat.fixed(m("chisq.scaling.factor")))), p \(ReportFormat.pRelation(m("pvalue.scaled"))); robust CFI = \(ReportFormat.fixed(m("cfi.robust"))), "
                + "TLI = \(ReportFormat.fixed(m("tli.robust"))), RMSEA = \(ReportFormat.fixed(m("rmsea.robust"))) (Brosseau-Liard & Savalei 2012), as lavaan's.")
        }
        guard fit.estimates.contains(where: { $0.op == "~" }) else {
            appendFactorCorrelations(fit: fit, inference: inference, to: &doc)
            return
        }
        var table = ReportTable(header: ["Path", "b", "SE", "β", "95% CI (b)", "p"])
        for (e, i) in zip(fit.estimates, inference) where e.op == "~" {
            table.append(["\(e.rhs) → \(e.lhs)", ReportFormat.fixed(e.estimate), ReportFormat.fixed(i.standardError), ReportFormat.fixed(e.stdAll) + SEMReport.stars(i.pValue),
                          "[\(ReportFormat.fixed(i.lower)), \(ReportFormat.fixed(i.upper))]", ReportFormat.pValue(i.pValue)])
        }
        doc.table(table)
        let r2 = fit.rSquared.filter { name in fit.estimates.contains { $0.op == "~" && $0.lhs == name.variable } }
        doc.paragraph("R²: " + r2.map { "\($0.variable) \(ReportFormat.fixed($0.value))" }.joined(separator: ", ") + ". ![Path diagram](path-diagram.svg)")
    }

    /// A model without regressions (a CFA): its factor covariances and correlations instead of paths.
    static func appendFactorCorrelations(fit: SEMFit, inference: [Inference], to doc: inout ReportDocument) {
        let latent = fit.model.table.variables.latent
        var table = ReportTable(header: ["Factors", "Covariance", "SE", "Correlation", "95% CI (covariance)", "p"])
        for (e, i) in zip(fit.estimates, inference) where e.op == "~~" && e.lhs != e.rhs && latent.contains(e.lhs) && latent.contains(e.rhs) {
            table.append(["\(e.lhs) ↔ \(e.rhs)", ReportFormat.fixed(e.estimate), ReportFormat.fixed(i.standardError), ReportFormat.fixed(e.stdAll) + SEMReport.stars(i.pValue),
                          "[\(ReportFormat.fixed(i.lower)), \(ReportFormat.fixed(i.upper))]", ReportFormat.pValue(i.pValue)])
        }
        doc.paragraph("The model has no regressions: it is a confirmatory factor model, and what it says about the constructs is how strongly they correlate.")
        doc.table(table)
        doc.paragraph("![Path diagram](path-diagram.svg)")
    }

    static func appendMediation(fit: SEMFit, inference: [Inference], note: String, to doc: inout ReportDocument) {
        let effects = Array(zip(fit.effects, inference)).filter { $0.0.kind != .direct }
        guard !effects.isEmpty, fit.hasMediation else { return }
        doc.heading("Mediation")
        var table = ReportTable(header: ["Effect", "Path", "Estimate", "β", "95% CI", "p"])
        for (effect, i) in effects {
            table.append([effect.kind.rawValue, effect.path.replacingOccurrences(of: "->", with: "→"), ReportFormat.fixed(effect.estimate),
                          ReportFormat.fixed(effect.stdAll), "[\(ReportFormat.fixed(i.lower)), \(ReportFormat.fixed(i.upper))]", ReportFormat.pValue(i.pValue)])
        }
        doc.table(table)
        doc.paragraph("Indirect effects are products of the coefficients along each path (Bollen 1987); \(note).")
    }

    static func hypothesisTable(_ verdicts: [(Hypothesis, (estimate: Double, std: Double, inference: Inference), String)]) -> ReportTable {
        var table = ReportTable(header: ["Hypothesis", "Effect", "Predicted", "β", "b", "95% CI", "p", "Verdict"])
        for (h, r, verdict) in verdicts {
            // Per-point slopes of a 0-100 moderator such as a Hofstede score need a fourth decimal.
            let digits = abs(r.estimate) < 0.01 ? 4 : 3
            table.append([h.id, h.text, h.sign > 0 ? "+" : "−", ReportFormat.fixed(r.std), ReportFormat.fixed(r.estimate, digits: digits),
                          "[\(ReportFormat.fixed(r.inference.lower, digits: digits)), \(ReportFormat.fixed(r.inference.upper, digits: digits))]",
                          ReportFormat.pValue(r.inference.pValue), verdict])
        }
        return table
    }

    static func hypothesesCSV(_ verdicts: [(Hypothesis, (estimate: Double, std: Double, inference: Inference), String)]) -> CSVTable {
        var table = CSVTable(header: ["id", "effect", "predicted", "est", "std.all", "se", "ci.lower", "ci.upper", "pvalue", "verdict"])
        for (h, r, verdict) in verdicts {
            table.append([.text(h.id), .text(h.text), .text(h.sign > 0 ? "positive" : "negative"), .number(r.estimate), .number(r.std),
                          .number(r.inference.standardError), .number(r.inference.lower), .number(r.inference.upper), .number(r.inference.pValue), .text(verdict)])
        }
        return table
    }

    static func diagram(fit: SEMFit, inference: [Inference]) -> PathDiagram {
        let regressions = Array(zip(fit.estimates, inference)).filter { $0.0.op == "~" }
        if regressions.isEmpty {
            // A factor model: the factors in one column with their correlations.
            let latent = fit.model.table.variables.latent
            let correlations = zip(fit.estimates, inference).filter { $0.0.op == "~~" && $0.0.lhs != $0.0.rhs && latent.contains($0.0.lhs) && latent.contains($0.0.rhs) }
            return PathDiagram(constructs: latent, paths: [], rSquared: [:],
                               correlations: correlations.map { PathDiagram.Path(from: $0.0.lhs, to: $0.0.rhs, standardized: $0.0.stdAll, pValue: $0.1.pValue) })
        }
        var constructs: [String] = []
        for (e, _) in regressions { for name in [e.rhs, e.lhs] where !constructs.contains(name) { constructs.append(name) } }
        let r2 = Dictionary(fit.rSquared.filter { r in regressions.contains { $0.0.lhs == r.variable } }.map { ($0.variable, $0.value) }, uniquingKeysWith: { a, _ in a })
        return PathDiagram(constructs: constructs, paths: regressions.map { PathDiagram.Path(from: $0.0.rhs, to: $0.0.lhs, standardized: $0.0.stdAll, pValue: $0.1.pValue) },
                           rSquared: r2)
    }

    /// `structuralNote`: the structural model's estimation and inference, written from the fit that ran
    /// (``SEMMethodNote``).
    static func appendMethodNotes(spec: AnalysisSpec, version: String, structuralNote: String, to doc: inout ReportDocument) {
        doc.heading("Method notes")
        let rules = spec.rules
        var notes = [
            "Screening, in order: no consent; a failed attention check; straight-lining (longstring ≥ \(rules.longstring)\(rules.flatConstructs ? ", or no variance within every construct" : "")); "
                + "speeding (duration under \(rules.speederFraction) of the median\(rules.minimumDuration.map { " or under \($0) s" } ?? "")); multivariate outliers (Mahalanobis D², p < \(rules.mahalanobisP)).",
            "Personal columns (declared, or recognised by name or content) are removed on reading; demographic cells below \(spec.suppressBelow) respondents are suppressed.",
            spec.fullInformation
                ? "Missing data: the structural model (and any group comparison) by full-information ML over the missing-data patterns, its H1 model the "
                    + "saturated model estimated by EM (lavaan's missing = \"ml\"); measurement quality, moderation and PLS-SEM listwise. Reverse-coded items: min + max - x."
                : spec.missing == .pairwise
                ? "Missing data: the structural model by pairwise deletion (lavaan's missing = \"pairwise\": each item's thresholds from the rows "
                    + "answering it, each polychoric correlation from the rows answering both); measurement quality, moderation and PLS-SEM listwise. "
                    + "Reverse-coded items: min + max - x."
                : "Missing data: listwise deletion. Reverse-coded items: min + max - x.",
            "Measurement: Cronbach's alpha with Feldt's interval; omega from one-factor models; CR and AVE from the standardized loadings of the CFA of all constructs; HTMT with \(spec.bootstrapDraws) bootstrap draws.",
            "Structural model (lavaan's sem() defaults: first loadings fixed to 1, exogenous constructs correlated): "
                + structuralNote,
            "A hypothesis is supported when its estimate has the predicted sign and its 95% interval excludes zero.",
            "TrustPath \(version); the input files' SHA-256 digests, row counts and options are in manifest.json.",
        ]
        if spec.hypotheses.contains(where: { if case .moderation = $0.effect { return true }; return false }) {
            notes.insert("Moderation: OLS on construct mean scores with the predictor and moderator mean-centred before forming their product (Hayes 2022, model 1), "
                + "the outcome's other predictors as covariates, listwise over the variables of each regression; country-level moderators are "
                + "Hofstede's six-dimension scores (2015 release) joined by the instrument's country column.", at: notes.count - 2)
        }
        if spec.modelPath == nil { notes.insert("Model: the instrument's constructs with the paths " + spec.paths.joined(separator: "; ") + ".", at: 3) }
        if spec.method != .cbsem {
            notes.insert("PLS-SEM (method: \(spec.method.rawValue)): the constructs as mode A composites, path weighting, indicators standardized "
                + "(divisor n - 1), convergence at 1e-7 as seminr; \(spec.bootstrapDraws) bootstrap draws, seed \(spec.seed), without sign correction; "
                + "PLSpredict with 10 folds and 10 repetitions.", at: notes.count - 1)
        }
        for note in notes { doc.paragraph("- " + note) }
    }

    /// manifest.json: what was read (file names, SHA-256, rows), the options and seed, the version; no data.
    static func manifest(spec: AnalysisSpec, version: String, screened: ScreenedSurvey, analysed: Int) throws -> String {
        func digest(_ path: String) -> String { FileManager.default.contents(atPath: path).map(SHA256.hex) ?? "" }
        var files: [[String: Any]] = [
            ["role": "data", "file": (spec.dataPath as NSString).lastPathComponent, "sha256": digest(spec.dataPath)],
            ["role": "instrument", "file": (spec.instrumentPath as NSString).lastPathComponent, "sha256": digest(spec.instrumentPath)],
            ["role": "analysis", "file": (spec.source as NSString).lastPathComponent, "sha256": digest(spec.source)],
        ]
        if let model = spec.modelPath { files.append(["role": "model", "file": (model as NSString).lastPathComponent, "sha256": digest(model)]) }
        if let folder = spec.hofstedeFolder {
            for name in ["hofstede-6d.csv", "hofstede-iso3166.csv"] {
                files.append(["role": "country scores", "file": name, "sha256": digest(folder + "/" + name)])
            }
        }
        var options: [String: Any] = [
            "estimator": spec.estimator.rawValue, "method": spec.method.rawValue, "missing": spec.missing.rawValue, "bootstrap_draws": spec.bootstrapDraws, "seed": spec.seed, "interval": "percentile",
            "longstring": spec.rules.longstring, "flat_constructs": spec.rules.flatConstructs, "speeder_fraction": spec.rules.speederFraction,
            "minimum_duration": spec.rules.minimumDuration.map { $0 as Any } ?? NSNull(), "mahalanobis_p": spec.rules.mahalanobisP,
            "suppress_below": spec.suppressBelow, "groups": spec.groupColumn.map { $0 as Any } ?? NSNull(),
        ]
        switch spec.ordered {
        case .none: break
        case .all: options["ordered"] = "all"
        case .variables(let names): options["ordered"] = names
        }
        let object: [String: Any] = [
            "trustpath": version,
            "study": spec.study,
            "inputs": files,
            "rows": ["received": screened.screening.received, "kept_after_screening": screened.screening.kept.count, "analysed": analysed],
            "removed_by": Dictionary(screened.screening.steps.map { ($0.reason.rawValue, $0.removed) }, uniquingKeysWith: +),
            "personal_columns_removed": screened.personal.map(\.column),
            "options": options,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }
}
