import Foundation
import TrustPathModelSpec
import TrustPathPsychometrics
import TrustPathReport
import TrustPathSEM
import TrustPathImport
import TrustPathSurvey

/// A whole study, as a paper's results section runs it: screening, descriptives, measurement
/// quality, the structural model with bootstrap intervals, mediation, hypothesis verdicts; every
/// table as CSV, report.md with the path diagram, and manifest.json. Files are only assembled
/// here; the caller writes them atomically.
public struct StudyRun: Sendable {
    public let spec: AnalysisSpec
    public let bundle: OutputBundle
    /// The hypothesis table, for the terminal.
    public let hypothesisTable: ReportTable
    public let summary: String

    public init(spec: AnalysisSpec, version: String, jobs: Int) throws {
        self.spec = spec
        let instrument = try Instrument.read(path: spec.instrumentPath)
        let raw = try SurveyImport.read(spec.dataPath)
        let screened = try ScreenedSurvey(data: raw, instrument: instrument, rules: spec.rules)
        let blocks = instrument.constructs.map { ConstructBlock(code: $0.code, name: $0.name, items: $0.itemCodes) }
        let items = try ItemMatrix(data: screened.kept, items: blocks.flatMap(\.items))
        let quality: MeasurementQuality
        do { quality = try MeasurementQuality(blocks: blocks, items: items, bootstrapDraws: spec.bootstrapDraws, seed: spec.seed, jobs: jobs) } catch {
            throw StudyError.model(file: spec.source, reason: "the measurement model: \(error.message)")
        }
        let modelText = try Self.modelText(spec: spec, blocks: blocks)
        let (fitted, table) = try Self.structuralFit(spec: spec, modelText: modelText, data: screened.kept, jobs: jobs)
        let fit = fitted.fit, measures = fitted.measures
        let inference = fitted.inference, effectInference = fitted.effectInference, inferenceNote: String
        if let resampled = fitted.resampled {
            inferenceNote = "95% percentile intervals and p-values from \(resampled.successful) nonparametric bootstrap draws "
                + "(seed \(spec.seed)" + (spec.fullInformation ? ", each refitted by FIML" : "") + ")"
                + (resampled.failed == 0 ? "" : "; \(resampled.failed) draws did not converge and were left out")
        } else {
            inferenceNote = (spec.fullInformation ? (spec.estimator == .mlr ? "robust FIML (MLR) standard errors" : "FIML standard errors (observed information)")
                : spec.estimator == .ml ? "normal-theory standard errors (expected information)" : "robust (\(spec.estimator.rawValue.uppercased())) standard errors")
                + " and delta-method intervals for effects"
        }
        let pls = spec.method == .cbsem ? nil : try Self.plsResult(spec: spec, table: table, data: screened.kept, jobs: jobs)
        var verdicts: [(Hypothesis, (estimate: Double, std: Double, inference: Inference), String)] = []
        // Hypotheses on := parameters over group-specific labels, estimated across the groups.
        var groupDefined: [String] = []
        let moderation = try Self.moderationTests(spec: spec, instrument: instrument, screened: screened, blocks: blocks, fit: fit)
        let comparison = try Self.groupComparison(
            spec: spec, data: screened.kept, blocks: blocks, modelText: modelText, jobs: jobs)
        for hypothesis in spec.hypotheses {
            if let test = moderation.first(where: { $0.hypothesis == hypothesis }) {
                let resolved = (estimate: test.estimate, std: test.standardized, inference: test.interaction)
                verdicts.append((hypothesis, resolved, Hypothesis.verdict(estimate: test.estimate, inference: test.interaction, sign: hypothesis.sign)))
                continue
            }
            if case .groupDifference(let effect, let first, let second) = hypothesis.effect {
                let resolved = try Self.resolve(hypothesis, effect: effect, first: first, second: second, comparison: comparison, spec: spec)
                verdicts.append((hypothesis, resolved, Hypothesis.verdict(estimate: resolved.estimate, inference: resolved.inference, sign: hypothesis.sign)))
                continue
            }
            if spec.method == .pls, let pls {
                guard let resolved = Self.resolvePLS(hypothesis, result: pls) else {
                    throw StudyError.hypothesis(file: spec.source, .notInModel(id: hypothesis.id, text: hypothesis.text))
                }
                verdicts.append((hypothesis, resolved, Hypothesis.verdict(estimate: resolved.estimate, inference: resolved.inference, sign: hypothesis.sign)))
                continue
            }
            let pooled = hypothesis.resolve(fit: fit, inference: inference, effectInference: effectInference)
            var acrossGroups: (estimate: Double, std: Double, inference: Inference)?
            if pooled == nil, case .defined(let name) = hypothesis.effect { acrossGroups = comparison?.defined(name) }
            if acrossGroups != nil { groupDefined.append(hypothesis.id) }
            guard let resolved = pooled ?? acrossGroups else {
                throw StudyError.hypothesis(file: spec.source, .notInModel(id: hypothesis.id, text: hypothesis.text))
            }
            verdicts.append((hypothesis, resolved, Hypothesis.verdict(estimate: resolved.estimate, inference: resolved.inference, sign: hypothesis.sign)))
        }

        let codes = blocks.map(\.code)
        var bundle = OutputBundle()
        bundle.add("flow.csv", ScreeningReport.flow(screened.screening).rendered())
        bundle.add("screening.csv", ScreeningReport.flags(screened.screening).rendered())
        bundle.add("descriptives.csv", Self.descriptives(items, blocks: blocks, scores: quality.scores).rendered())
        bundle.add("reliability.csv", MeasureReport.reliability(quality).rendered())
        bundle.add("validity.csv", MeasureReport.square(quality.fornellLarcker, constructs: codes).rendered())
        bundle.add("htmt.csv", MeasureReport.square(quality.htmt.ratios, constructs: codes).rendered())
        bundle.add("estimates.csv", SEMTables.estimates(fit, inference: inference).rendered())
        bundle.add("fit.csv", SEMTables.fit(measures).rendered())
        bundle.add("effects.csv", SEMTables.effects(fit.effects, inference: effectInference).rendered())
        if !moderation.isEmpty {
            bundle.add("moderation.csv", Self.moderationCSV(moderation).rendered())
            bundle.add("simple-slopes.csv", Self.simpleSlopesCSV(moderation).rendered())
        }
        if let comparison {
            bundle.add("invariance.csv", MultiGroupReport.invarianceTable(comparison.invariance).rendered())
            bundle.add("group-means.csv", Self.groupMeansCSV(comparison).rendered())
            bundle.add("group-paths.csv", Self.groupPathsCSV(comparison).rendered())
        }
        if let pls {
            bundle.add("pls-estimates.csv", PLSReport.estimates(pls).rendered())
            bundle.add("pls-quality.csv", PLSReport.quality(pls).rendered())
            bundle.add("pls-htmt.csv", PLSReport.htmt(pls).rendered())
            if let prediction = PLSReport.prediction(pls) { bundle.add("pls-predict.csv", prediction.rendered()) }
            bundle.add("cbsem-vs-pls.csv", Self.comparisonCSV(fit: fit, inference: inference, pls: pls).rendered())
        }
        bundle.add("hypotheses.csv", Self.hypothesesCSV(verdicts).rendered())
        let diagram = Self.diagram(fit: fit, inference: inference)
        bundle.add("path-diagram.svg", diagram.rendered())

        var doc = ReportDocument(title: spec.title)
        doc.paragraph("Study `\(spec.study)`: \(screened.screening.received) responses in \((spec.dataPath as NSString).lastPathComponent), "
            + "instrument \((spec.instrumentPath as NSString).lastPathComponent) (\(codes.count) constructs, \(items.items.count) items). "
            + "Sections follow a paper's results: sample, descriptives, measurement model, structural model, mediation, "
            + (moderation.isEmpty ? "" : "moderation, ") + (comparison == nil ? "" : "group comparison, ") + "hypotheses, method notes.")
        ScreeningReport.append(screened.screening, personal: screened.personal, kept: screened.keptRaw, demographics: instrument.respondent.demographics,
                               suppressBelow: spec.suppressBelow, mardia: screened.mardia, to: &doc)
        Self.appendDescriptives(items, blocks: blocks, scores: quality.scores, to: &doc)
        doc.heading("Measurement model")
        Self.appendConstructs(instrument, to: &doc)
        let measure = MeasureReport.document(quality, dataName: (spec.dataPath as NSString).lastPathComponent, reverseCoded: instrument.reverseCodedItems, commonMethod: nil)
        for block in measure.blocks.drop(while: { block in if case .heading(_, let text) = block { return text != "Reliability and convergent validity" }; return true }) {
            if case .heading(let level, let text) = block { doc.heading(text, level: level + 1) } else { doc.blocks.append(block) }
        }
        if !instrument.reverseCodedItems.isEmpty {
            doc.paragraph("Reverse-coded items recoded as min + max - x before any statistic: " + instrument.reverseCodedItems.joined(separator: ", ") + ".")
        }
        Self.appendStructural(fit: fit, measures: measures, inference: inference, rows: fitted.rowsDescription, to: &doc)
        Self.appendMediation(fit: fit, inference: effectInference, note: inferenceNote, to: &doc)
        Self.appendModeration(moderation, to: &doc)
        if let comparison { Self.appendGroupComparison(comparison, to: &doc) }
        if let pls { Self.appendPLS(pls, fit: fit, inference: inference, method: spec.method, to: &doc) }
        let hypothesisTable = Self.hypothesisTable(verdicts)
        doc.heading("Hypotheses")
        doc.table(hypothesisTable)
        let supported = verdicts.filter { $0.2 == "supported" }.count
        doc.paragraph("\(supported) of \(verdicts.count) hypotheses are supported: the estimate has the predicted sign and its 95% interval excludes zero ("
            + (spec.method == .pls ? "PLS-SEM: percentile intervals from \(spec.bootstrapDraws) bootstrap draws, seed \(spec.seed)" : inferenceNote) + ").")
        if let comparison, !groupDefined.isEmpty {
            doc.paragraph(
                "\(groupDefined.joined(separator: ", ")) \(groupDefined.count == 1 ? "names a parameter" : "name parameters") "
                    + "of the structural model across the groups of `\(comparison.column)` (group-specific labels, equal loadings), "
                    + "estimated there with "
                    + (comparison.structuralBootstrap.map {
                        "95% percentile intervals from \($0.successfulDraws) bootstrap draws resampled within the groups"
                    } ?? "delta-method intervals") + "; the pooled model leaves those labels out.")
        }
        Self.appendMethodNotes(spec: spec, version: version, structuralNote: fitted.methodNote, to: &doc)
        bundle.add("report.md", MarkdownRenderer.render(doc))
        bundle.add("manifest.json", try Self.manifest(spec: spec, version: version, screened: screened, analysed: fitted.analysed))
        self.bundle = bundle
        self.hypothesisTable = hypothesisTable
        summary = "\(screened.screening.received) responses, \(screened.screening.kept.count) kept after screening, \(fitted.analysed) analysed; "
            + "χ²(\(Int(measures["df"] ?? 0))) = \(ReportFormat.fixed(measures["chisq"] ?? .nan)), CFI \(ReportFormat.fixed(measures["cfi"] ?? .nan)), "
            + "RMSEA \(ReportFormat.fixed(measures["rmsea"] ?? .nan)); \(supported) of \(verdicts.count) hypotheses supported."
    }
}
