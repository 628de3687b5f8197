import TrustPathModelSpec
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension StudyRun {
    /// The structural model fitted as the analysis asks (``AnalysisSpec/structuralOptions``):
    /// listwise ML or FIML over the missing-data patterns, with the study's bootstrap, or MLR's or
    /// MLM's test beside it; WLSMV for ordered items.
    struct StructuralFit {
        let fit: SEMFit
        let measures: FitMeasures
        /// The estimate rows' and the structural effects' inference: the bootstrap's, or the model's own.
        let inference: [Inference]
        let effectInference: [Inference]
        /// The bootstrap's draws, when it ran.
        let resampled: SEMResult.Resampling?
        let analysed: Int
        /// How the rows were used, for the report.
        let rowsDescription: String
        /// The estimation and inference as they ran, for the method notes (``SEMMethodNote``).
        let methodNote: String
    }

    static func structuralFit(spec: AnalysisSpec, modelText: String, data: SurveyData, jobs: Int) throws -> (StructuralFit, ParameterTable) {
        let file = spec.modelPath ?? spec.source
        var options = spec.structuralOptions
        options.jobs = jobs
        // Beside a group comparison the pooled fit reads a multi-group model without its c(...) labels.
        options.poolsGroupModifiers = spec.groupColumn != nil
        let result: SEMResult
        do { result = try SEM.fit(model: modelText, data: data, options: options) } catch {
            if case .model(let specification) = error { throw StudyError.model(file: file, reason: specification.message(file: file)) }
            throw StudyError.model(file: file, reason: error.message)
        }
        guard let fit = result.fit else { preconditionFailure("internal error: a study's structural model fitted across groups") }
        let sample = result.sample
        let rows: String
        if sample.orderedItems > 0 {
            let estimation = options.estimator.rawValue.uppercased()
            rows = (options.missing == .pairwise
                    ? "\(estimation) on \(sample.analysed) rows under pairwise deletion"
                        + (sample.droppedRows > 0 ? " (\(sample.droppedRows) answering no item left out)" : "")
                    : "\(estimation) on \(sample.analysed) complete rows"
                        + (sample.droppedRows > 0 ? " (\(sample.droppedRows) with a missing answer left out)" : ""))
                + ", \(sample.orderedItems) ordinal items with \(sample.thresholds) thresholds"
        } else if let patterns = sample.patterns {
            let left = sample.rowsWithNothing + sample.rowsMissingCovariates
            rows = "Full-information maximum likelihood on \(sample.analysed) rows in \(patterns) missing-data patterns"
                + (left > 0 ? " (\(left) rows without a usable answer left out)" : "")
        } else {
            let estimation = options.estimator.isMaximumLikelihood ? "Maximum likelihood" : options.estimator.rawValue.uppercased()
            rows = "\(estimation) on \(sample.analysed) complete rows" + (sample.droppedRows > 0 ? " (\(sample.droppedRows) with a missing answer left out)" : "")
        }
        let structural = StructuralFit(
            fit: fit, measures: result.measures, inference: Self.rowInference(result, fit: fit),
            effectInference: result.effectInference,
            resampled: result.resampled, analysed: sample.analysed, rowsDescription: rows,
            methodNote: SEMMethodNote.description(result) + " " + SEMMethodNote.inference(result))
        return (structural, fit.model.table)
    }

    /// The result's inference for each row of `fit` (the result lists more rows with ordered items:
    /// thresholds, scale factors, intercepts).
    static func rowInference(_ result: SEMResult, fit: SEMFit) -> [Inference] {
        var index: [String: Int] = [:]
        for (k, row) in result.estimates.enumerated() { index["\(row.lhs) \(row.op) \(row.rhs) \(row.group)", default: k] = k }
        return fit.estimates.map { row in
            index["\(row.lhs) \(row.op) \(row.rhs) \(row.group)"].map { result.inference[$0] } ?? row.normalInference()
        }
    }
}
