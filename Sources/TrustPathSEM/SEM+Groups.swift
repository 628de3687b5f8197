import TrustPathModelSpec
import TrustPathSurvey

extension SEM {
    /// One model over the groups of `options.group`: ML on complete rows or FIML, with MLR's or
    /// MLM's sandwich and test when asked for; WLSMV for ordered items.
    static func fitGroups(
        text: String, table: ParameterTable, data: SurveyData, options: SEMOptions,
        progress: (@Sendable (Int) -> Void)?, warnings: [String]
    ) throws(SEMError) -> SEMResult {
        guard let group = options.group else { preconditionFailure("internal error: fitGroups without a group column") }
        do {
            if !options.ordered.isEmpty {
                let scaledShifted = options.resolvedTest == .scaledShifted
                let fitted = try WLSMVGroupsFit(
                    model: text, data: data, groupColumn: group, options: options.modelOptions,
                    equal: options.groupEqual, partial: options.groupPartial,
                    estimator: LeastSquaresFit.Estimator(rawValue: options.estimator.rawValue) ?? .wlsmv,
                    robust: options.resolvedSE == .robustSEM, scaledShifted: scaledShifted)
                var sample = SEMResult.Sample(
                    analysed: fitted.model.count, droppedRows: fitted.moments.reduce(0) { $0 + $1.droppedRows })
                sample.orderedItems = table.variables.observed.count
                sample.thresholds = fitted.moments.reduce(0) { $0 + $1.thresholdCount }
                sample.rowsWithoutGroup = fitted.model.rowsWithoutGroup
                var result = SEMResult(
                    options: options, structure: .groups(fitted.model), estimates: fitted.estimates,
                    inference: fitted.estimates.map { $0.normalInference() }, measures: fitted.measures,
                    headline: scaledShifted ? fitted.measures.scaledHeadline : fitted.measures,
                    diagnostics: fitted.diagnostics, residuals: nil, sample: sample,
                    freeCount: fitted.freeCount, degreesOfFreedom: fitted.degreesOfFreedom,
                    iterations: fitted.iterations,
                    cases: nil, bootstrap: nil, resampled: nil, warnings: warnings)
                result.satorra2000 = scaledShifted ? fitted.differenceTest : nil
                return result
            }
            if let estimator = LeastSquaresFit.Estimator(rawValue: options.estimator.rawValue) {
                let fitted = try LeastSquaresGroupsFit(
                    model: MultiGroupModel(
                        model: text, data: data, groupColumn: group, options: options.modelOptions,
                        equal: options.groupEqual, partial: options.groupPartial),
                    estimator: estimator, robust: options.resolvedSE == .robustSEM,
                    scaledShifted: options.resolvedTest == .scaledShifted)
                let model = fitted.fit.model
                var sample = SEMResult.Sample(
                    analysed: model.count, droppedRows: model.cases.reduce(0) { $0 + $1.droppedRows })
                sample.rowsWithoutGroup = model.rowsWithoutGroup
                return SEMResult(
                    options: options, structure: .groups(model), estimates: fitted.fit.estimates,
                    inference: fitted.fit.estimates.map { $0.normalInference() }, measures: fitted.measures,
                    headline: options.resolvedTest == .scaledShifted ? fitted.measures.scaledHeadline : fitted.measures,
                    diagnostics: fitted.fit.diagnostics, residuals: nil, sample: sample,
                    freeCount: model.freeCount, degreesOfFreedom: model.degreesOfFreedom,
                    iterations: fitted.fit.solution.iterations, cases: nil, bootstrap: nil, resampled: nil,
                    warnings: warnings)
            }
            let fullInformation = options.missing == .fiml
            let se = options.resolvedSE
            let test = options.resolvedTest
            // A sandwich replaces the covariance, so only standard errors from the information need the observed one.
            let ml = try MultiGroupFit(
                MultiGroupModel(
                    model: text, data: data, groupColumn: group, options: options.modelOptions,
                    equal: options.groupEqual, partial: options.groupPartial, fullInformation: fullInformation),
                information: se == .standard ? SEMFit.Information(rawValue: options.resolvedInformation.rawValue) : nil)
            let huberWhite = se == .robustHuberWhite || test == .yuanBentlerMplus ? try RobustML(multiGroup: ml) : nil
            let satorraBentler =
                se == .robustSEM
                    || [.satorraBentler, .yuanBentler, .scaledShifted, .meanVarianceAdjusted].contains(test)
                ? try RobustML(satorraBentlerMultiGroup: ml) : nil
            let sandwich = se == .robustHuberWhite ? huberWhite : se == .robustSEM ? satorraBentler : nil
            let fit = sandwich?.applied(to: ml) ?? ml
            var measures = FitMeasures(multiGroup: ml)
            var headline = measures
            let yuanBentler =
                test == .yuanBentler
                ? try satorraBentler?.withYuanBentlerFactors(
                    ml.model.groups.indices.map { g in
                        (
                            try RobustGroup(
                                model: ml.model.groups[g], evaluation: ml.evaluations[g], cases: ml.model.cases[g]),
                            ml.model.globalCoordinates[g], ml.model.weights[g]
                        )
                    }, parameterRows: ml.model.groups.reduce(0) { $0 + $1.freeRowCount }) : nil
            if let scaling =
                test == .yuanBentlerMplus ? huberWhite : test == .satorraBentler ? satorraBentler : yuanBentler
            {
                measures = scaling.measures(measures, groups: ml.model.groups.count)
                headline = measures.robustHeadline
            } else if test == .scaledShifted,
                let shifted = satorraBentler?.scaledShiftedMeasures(measures, groups: ml.model.groups.count)
            {
                measures = shifted
                headline = measures.scaledHeadline
            } else if test == .meanVarianceAdjusted,
                let adjusted = satorraBentler?.meanVarianceAdjustedMeasures(measures, groups: ml.model.groups.count)
            {
                measures = adjusted
                headline = FitMeasures(renaming: measures.scaledHeadline, ["df": "df.scaled"])
            } else if test == .standard && fullInformation {
                // lavaan reports the FIML-corrected robust indices beside the standard test too.
                measures = FIMLCorrection.measures(
                    measures, standardTestOf: RobustML.FIMLGroupPart.parts(of: ml), freeCount: ml.model.freeCount,
                    df: ml.model.degreesOfFreedom)
            }
            let model = fit.model
            var inference = fit.estimates.map { $0.normalInference() }
            var notes = warnings
            if test == .bollenStine {
                try BollenStine(
                    groups: ml, draws: options.bootstrap.draws, seed: options.bootstrap.seed, jobs: options.jobs
                ).record(measures: &measures, headline: &headline, notes: &notes)
            }
            var resampled: SEMResult.Resampling?
            if se == .bootstrap {
                let draws = MultiGroupBootstrap(
                    fit: fit, draws: options.bootstrap.draws, seed: options.bootstrap.seed, jobs: options.jobs,
                    jackknife: options.bootstrap.interval == .bca, progress: progress)
                if !draws.failedDraws.isEmpty {
                    notes.append(
                        "\(draws.failedDraws.count) of \(draws.draws) bootstrap draws did not converge and were left out"
                    )
                }
                inference = draws.inference(for: fit, interval: options.bootstrap.interval)
                resampled = SEMResult.Resampling(draws: draws.draws, failed: draws.failedDraws.count)
            }
            var sample = SEMResult.Sample(
                analysed: model.count, droppedRows: model.cases.reduce(0) { $0 + $1.droppedRows })
            if fullInformation {
                sample.droppedRows = 0
                sample.patterns = model.patterns.reduce(0) { $0 + $1.patterns.count }
                sample.rowsWithNothing = model.patterns.reduce(0) { $0 + $1.rowsWithNothing }
                sample.rowsMissingCovariates = model.patterns.reduce(0) { $0 + $1.rowsMissingCovariates }
            }
            sample.rowsWithoutGroup = model.rowsWithoutGroup
            var result = SEMResult(
                options: options, structure: .groups(model), estimates: fit.estimates, inference: inference,
                measures: measures,
                headline: headline, diagnostics: fit.diagnostics, residuals: nil, sample: sample,
                freeCount: model.freeCount,
                degreesOfFreedom: model.degreesOfFreedom, iterations: fit.solution.iterations, cases: nil,
                bootstrap: nil,
                resampled: resampled, warnings: notes, groupsFit: fit)
            if [.scaledShifted, .meanVarianceAdjusted].contains(test) {
                result.satorra2000 = satorraBentler?.satorra2000(
                    chisq: measures["chisq"] ?? .nan, df: model.degreesOfFreedom)
            }
            return result
        } catch let error as SEMError {
            throw error
        } catch let error as ModelSpecError {
            throw .model(error)
        } catch let error as MultiGroupError {
            throw .groups(error)
        } catch let error as SurveyError {
            throw .data(error)
        } catch {
            preconditionFailure("internal error: a multi-group fit threw \(error)")
        }
    }
}
