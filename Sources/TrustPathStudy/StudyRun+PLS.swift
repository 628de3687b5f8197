import TrustPathLinalg
import TrustPathModelSpec
import TrustPathPLS
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

/// PLS-SEM in a study (`method: pls` or `both`): the CB-SEM model's constructs as mode A composites
/// of their items and its regressions among constructs as paths, estimated on the same screened
/// rows with the study's bootstrap draws and seed.
extension StudyRun {
    /// The PLS model of `table` (constructs and the regressions among them).
    static func plsModel(table: ParameterTable, file: String) throws(StudyError) -> PLSModel {
        let latent = Set(table.variables.latent)
        var lines = table.variables.latent.map { factor in
            "\(factor) =~ " + table.rows.filter { $0.op == "=~" && $0.lhs == factor }.map(\.rhs).joined(separator: " + ")
        }
        for row in table.rows where row.op == "~" {
            guard latent.contains(row.lhs) && latent.contains(row.rhs) else {
                throw .model(file: file, reason: "method pls or both needs paths among constructs; '\(row.lhs) ~ \(row.rhs)' involves an observed variable")
            }
            lines.append("\(row.lhs) ~ \(row.rhs)")
        }
        do { return try PLSModel(syntax: lines.joined(separator: "\n")) } catch { throw .model(file: file, reason: error.message(file: "the PLS model")) }
    }

    /// Estimates, quality, bootstrap and PLSpredict of the PLS model on `data`.
    static func plsResult(spec: AnalysisSpec, table: ParameterTable, data: SurveyData, jobs: Int) throws(StudyError) -> PLSReport.Result {
        let file = spec.modelPath ?? spec.source
        let model = try plsModel(table: table, file: file)
        guard spec.method != .pls || spec.bootstrapDraws > 0 else {
            throw .invalid(file: spec.source, reason: "method pls judges hypotheses by bootstrap intervals; set bootstrap draws above 0")
        }
        do {
            let standardized = try StandardizedData(data: data, indicators: model.indicators)
            let estimate = try PLSEstimate(model: model, data: standardized)
            let boot = spec.bootstrapDraws > 0 ? PLSBootstrap(estimate: estimate, data: standardized, draws: spec.bootstrapDraws, seed: spec.seed, jobs: jobs) : nil
            let prediction = try? PLSPrediction(model: model, data: standardized, weighting: .path, seed: spec.seed, jobs: jobs)
            return PLSReport.Result(estimate: estimate, quality: PLSQuality(estimate: estimate, data: standardized), bootstrap: boot, consistent: nil,
                                    prediction: prediction, data: standardized)
        } catch {
            throw .model(file: file, reason: "PLS-SEM: " + error.message(file: "the PLS model"))
        }
    }

    /// A path or effect hypothesis judged by PLS-SEM: the estimate, its 95% percentile interval and
    /// the t-based p-value of the bootstrap (a specific indirect effect from the products of its
    /// links' draws); nil for what PLS does not estimate (`:=` labels).
    static func resolvePLS(_ hypothesis: Hypothesis, result: PLSReport.Result) -> (estimate: Double, std: Double, inference: Inference)? {
        guard let boot = result.bootstrap else { return nil }
        let estimate = result.estimate, model = estimate.model, names = model.constructs.map(\.name)
        func inference(_ statistic: PLSBootstrap.Statistic) -> (estimate: Double, std: Double, inference: Inference) {
            let ci = statistic.interval()
            return (statistic.original, statistic.original,
                    Inference(standardError: statistic.standardError, zValue: statistic.tValue, pValue: statistic.pValue, lower: ci.lower, upper: ci.upper))
        }
        func pathIndex(_ from: String, _ to: String) -> Int? { model.paths.firstIndex { names[$0.from] == from && names[$0.to] == to } }
        switch hypothesis.effect {
        case .path(let outcome, let predictor):
            return pathIndex(predictor, outcome).map { inference(boot.paths[$0]) }
        case .effect(let kind, let nodes):
            guard let from = names.firstIndex(of: nodes[0]), let to = names.firstIndex(of: nodes[nodes.count - 1]) else { return nil }
            let pairs = PLSEffects.pairs(model)
            let through = Array(nodes.dropFirst().dropLast())
            switch kind {
            case .direct:
                return pathIndex(nodes[0], nodes[nodes.count - 1]).map { inference(boot.paths[$0]) }
            case .total:
                return pairs.firstIndex { $0.from == from && $0.to == to }.map { inference(boot.totalEffects[$0]) }
            case .indirect, .specific:
                if through.isEmpty { return pairs.firstIndex { $0.from == from && $0.to == to }.map { inference(boot.indirectEffects[$0]) } }
                let links = zip(nodes, nodes.dropFirst()).map { pathIndex($0, $1) }
                guard links.allSatisfy({ $0 != nil }) else { return nil }
                let statistics = links.compactMap { $0 }.map { boot.paths[$0] }
                let draws = statistics[0].draws.indices.map { d in statistics.reduce(1.0) { $0 * $1.draws[d] } }
                let original = statistics.reduce(1.0) { $0 * $1.original }
                return inference(PLSBootstrap.Statistic(name: nodes.joined(separator: " -> "), original: original, draws: draws))
            }
        default:
            return nil
        }
    }

    /// cbsem-vs-pls.csv: each path's standardized CB-SEM estimate and PLS coefficient with their p-values.
    static func comparisonCSV(fit: SEMFit, inference: [Inference], pls: PLSReport.Result) -> CSVTable {
        var table = CSVTable(header: ["outcome", "predictor", "cbsem.std", "cbsem.pvalue", "pls", "pls.pvalue", "difference"])
        for row in comparisonRows(fit: fit, inference: inference, pls: pls) {
            table.append([.text(row.outcome), .text(row.predictor), .number(row.cbsem), .number(row.cbsemP), .number(row.pls),
                          row.plsP.map { .number($0) } ?? .missing, .number(row.pls - row.cbsem)])
        }
        return table
    }

    static func comparisonRows(fit: SEMFit, inference: [Inference], pls: PLSReport.Result)
        -> [(outcome: String, predictor: String, cbsem: Double, cbsemP: Double, pls: Double, plsP: Double?)] {
        let model = pls.estimate.model, names = model.constructs.map(\.name)
        return model.paths.enumerated().compactMap { p, path in
            guard let k = fit.estimates.firstIndex(where: { $0.op == "~" && $0.lhs == names[path.to] && $0.rhs == names[path.from] }) else { return nil }
            return (names[path.to], names[path.from], fit.estimates[k].stdAll, inference[k].pValue, pls.estimate.pathCoefficients[path.from, path.to],
                    pls.bootstrap.map { $0.paths[p].pValue })
        }
    }

    /// The "PLS-SEM beside CB-SEM" section.
    static func appendPLS(_ pls: PLSReport.Result, fit: SEMFit, inference: [Inference], method: AnalysisSpec.Method, to doc: inout ReportDocument) {
        doc.heading("PLS-SEM beside CB-SEM")
        var table = ReportTable(header: ["path", "CB-SEM (std.)", "p", "PLS-SEM", "p", "PLS - CB"])
        for row in comparisonRows(fit: fit, inference: inference, pls: pls) {
            table.append(["\(row.predictor) → \(row.outcome)", ReportFormat.fixed(row.cbsem), ReportFormat.pValue(row.cbsemP), ReportFormat.fixed(row.pls),
                          row.plsP.map(ReportFormat.pValue) ?? "", ReportFormat.fixed(row.pls - row.cbsem)])
        }
        doc.table(table)
        let names = pls.estimate.model.constructs.map(\.name)
        doc.paragraph((method == .pls ? "The hypotheses below are judged by PLS-SEM (bootstrap percentile intervals). " : "The hypotheses below are judged by CB-SEM. ")
            + "PLS-SEM estimates each construct as a weighted composite of its items, CB-SEM as a common factor that excludes their "
            + "measurement error: PLS paths are attenuated towards zero and its loadings inflated when items are unreliable, so the two "
            + "agree in sign and ranking more than in size (Dijkstra & Henseler 2015; Hair et al. 2022). PLS R²: "
            + pls.estimate.model.endogenous.map { "\(names[$0]) \(ReportFormat.fixed(pls.estimate.rSquared[$0]))" }.joined(separator: ", ")
            + "; ρA ranges " + ReportFormat.fixed(pls.quality.rhoA.min() ?? .nan) + "–" + ReportFormat.fixed(pls.quality.rhoA.max() ?? .nan)
            + (pls.prediction.map { "; PLSpredict: predictive power \($0.predictivePower)" } ?? "")
            + ". Every PLS value is in pls-estimates.csv, pls-quality.csv, pls-htmt.csv and pls-predict.csv.")
    }
}
