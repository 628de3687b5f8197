import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

extension StudyRun {
    /// The structural model fitted as the analysis asks: listwise ML (its complete rows kept for
    /// the bootstrap), or FIML over the missing-data patterns (`missing: fiml`), each with MLR's or
    /// MLM's robust statistics when the estimator says so.
    struct StructuralFit {
        let fit: SEMFit
        let measures: FitMeasures
        /// The complete rows, for the bootstrap (nil with FIML, whose inference is the model's own).
        let cases: CompleteCases?
        let analysed: Int
        /// How the rows were used, for the report.
        let rowsDescription: String
    }

    static func structuralFit(spec: AnalysisSpec, modelText: String, data: SurveyData) throws -> (StructuralFit, ParameterTable) {
        let file = spec.modelPath ?? spec.source
        do {
            if spec.fullInformation {
                let table = try ParameterTable(model: modelText, options: ModelOptions(meanStructure: true))
                let fiml = try FIMLFit(table: table, data: data)
                var fit = fiml.fit, measures = FitMeasures(fiml: fiml)
                if spec.estimator == "mlr" {
                    let robust = try RobustML(fiml: fiml)
                    fit = robust.applied(to: fit)
                    measures = robust.measures(measures)
                }
                let patterns = fiml.patterns
                let left = patterns.rowsWithNothing + patterns.rowsMissingCovariates
                return (StructuralFit(fit: fit, measures: measures, cases: nil, analysed: patterns.count,
                                      rowsDescription: "Full-information maximum likelihood on \(patterns.count) rows in \(patterns.patterns.count) missing-data patterns"
                                          + (left > 0 ? " (\(left) rows without a usable answer left out)" : "")), table)
            }
            let table = try ParameterTable(model: modelText)
            let cases = try CompleteCases(data: data, variables: table.variables.observed)
            var fit = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)))
            var measures = FitMeasures(fit: fit)
            if spec.estimator != "ml" {
                let robust = spec.estimator == "mlm" ? try RobustML(satorraBentler: fit, cases: cases) : try RobustML(fit: fit, cases: cases)
                fit = robust.applied(to: fit)
                measures = robust.measures(measures)
            }
            return (StructuralFit(fit: fit, measures: measures, cases: cases, analysed: cases.count,
                                  rowsDescription: "Maximum likelihood on \(cases.count) complete rows"
                                      + (cases.droppedRows > 0 ? " (\(cases.droppedRows) with a missing answer left out)" : "")), table)
        } catch let error as SEMError {
            throw StudyError.model(file: file, reason: error.message)
        } catch let error as ModelSpecError {
            throw StudyError.model(file: file, reason: error.message(file: file))
        }
    }
}
