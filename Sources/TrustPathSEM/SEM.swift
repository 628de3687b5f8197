import TrustPathModelSpec
import TrustPathSurvey

/// The one entry point of the SEM engine: the command line (`cfa`, `sem`), studies and notebooks
/// fit every model through ``fit(model:data:options:progress:)``, and nothing else decides which
/// estimator, standard errors or test run. The pieces compose as lavaan's do: the sample
/// statistics (complete rows, missing-data patterns, polychoric or conditional moments), the
/// discrepancy (ML, FIML, least squares), the standard errors (expected or observed information,
/// Huber-White or Satorra-Bentler sandwich, bootstrap) and the test (standard, Yuan-Bentler,
/// Satorra-Bentler, scaled-shifted, Bollen-Stine) are chosen separately; a combination is refused
/// only by the table in ``SEMOptions/refusalRules``.
public enum SEM {
    /// Fits `text` (lavaan syntax) to `data` as `requested`; `progress` hears the bootstrap's draws.
    public static func fit(
        model text: String, data: SurveyData, options requested: SEMOptions,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(SEMError) -> SEMResult {
        // Every numerical derivative below uses `options.jobs` threads.
        let outcome = ObservedInformation.$jobs.withValue(requested.jobs) { () -> Result<SEMResult, SEMError> in
            do throws(SEMError) {
                return .success(try fitOnce(model: text, data: data, options: requested, progress: progress))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    static func fitOnce(
        model text: String, data: SurveyData, options requested: SEMOptions,
        progress: (@Sendable (Int) -> Void)?
    ) throws(SEMError) -> SEMResult {
        let (options, warnings) = requested.adjusted()
        if let refusal = options.refusal() { throw .refused(refusal) }
        let table = try checkedTable(model: text, options: options)
        let continuous = try continuousVariables(options.ordered, variables: table.variables)
        if let refusal = options.refusal(variables: table.variables) { throw .refused(refusal) }
        if options.resolvedSE == .none || options.resolvedTest == .none {
            return try fitOnce(model: text, data: data, options: options.computable, progress: progress)
                .omitting(as: options, warnings: warnings)
        }
        if options.group != nil {
            return try fitGroups(
                text: text, table: table, data: data, options: options, progress: progress, warnings: warnings)
        }
        if !options.ordered.isEmpty {
            return try fitOrdinal(
                table: table, data: data, options: options, continuous: continuous, progress: progress,
                warnings: warnings)
        }
        if let estimator = LeastSquaresFit.Estimator(rawValue: options.estimator.rawValue) {
            return try fitLeastSquares(
                table: table, data: data, estimator: estimator, options: options, progress: progress, warnings: warnings)
        }
        if options.missing == .fiml {
            return try fitFIML(table: table, data: data, options: options, progress: progress, warnings: warnings)
        }
        return try fitComplete(table: table, data: data, options: options, progress: progress, warnings: warnings)
    }

    /// The table the options are checked against: the model's, or with groups group 1's view of it
    /// (each `c(...)` modifier's first entry) without the `:=` rows, whose labels may be other groups'.
    static func checkedTable(model text: String, options: SEMOptions) throws(SEMError) -> ParameterTable {
        guard options.group != nil else {
            do { return try ParameterTable(model: text, options: options.modelOptions) } catch { throw .model(error) }
        }
        let statements: [ModelStatement]
        do { statements = try ModelParser.parse(text) } catch { throw .model(.syntax(error)) }
        let groupCount =
            statements.lazy.compactMap { statement -> Int? in
                guard case .relation(_, _, let terms, _) = statement else { return nil }
                return terms.lazy.flatMap(\.modifiers).compactMap { modifier -> Int? in
                    if case .perGroup(let values) = modifier { return values.count }
                    return nil
                }.first
            }.first ?? 1
        let structural = statements.filter { statement in
            if case .definition = statement { return false }
            return true
        }
        do {
            return try ParameterTable(
                statements: try ModelStatement.forGroup(0, of: groupCount, structural), options: options.modelOptions)
        } catch { throw .model(error) }
    }

    /// The continuous observed variables beside the ordered ones (none without ordered items);
    /// an ordered name that is not an observed variable of the model is bad input.
    public static func continuousVariables(
        _ ordered: SEMOptions.Ordered, variables: ModelVariables
    ) throws(SEMError) -> Set<String> {
        let covariates = Set(variables.exogenousObserved)
        let items = variables.observed.filter { !covariates.contains($0) }
        switch ordered {
        case .none, .all: return []
        case .variables(let named):
            for name in named where !variables.observed.contains(name) {
                throw .orderedNotInModel(
                    name: name, suggestion: NameSuggestion.closest(to: name, among: variables.observed))
            }
            if let covariate = named.first(where: covariates.contains) {
                throw .unsupported(
                    "ordering the observed predictor '\(covariate)' (predictors stay continuous: the items are modelled given them, "
                        + "lavaan's conditional.x); ordering it")
            }
            return Set(items.filter { !named.contains($0) })
        }
    }

    /// ML on the complete rows, with the standard errors and test asked for.
    static func fitComplete(
        table: ParameterTable, data: SurveyData, options: SEMOptions,
        progress: (@Sendable (Int) -> Void)?, warnings: [String]
    ) throws(SEMError) -> SEMResult {
        let cases = try CompleteCases(data: data, variables: table.variables.observed)
        let se = options.resolvedSE
        let test = options.resolvedTest
        // A sandwich replaces the covariance, so only standard errors from the information need the observed one.
        let information: SEMFit.Information =
            se == .standard && options.resolvedInformation == .observed ? .observed : .expected
        var base = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)), information: information)
        if se == .standard && options.resolvedInformation == .firstOrder {
            // lavaan's information = "first.order": B⁻¹/N, B the mean cross-product of the casewise scores.
            let scores = try RobustGroup(model: base.model, evaluation: base.evaluation, cases: cases)
            let (covariance, weak) = SEMFit.covariance(
                unitInformation: scores.scoreCrossProduct, count: cases.count, model: base.model)
            if let weak { throw .notIdentified(parameters: weak) }
            base = base.replacingCovariance(covariance)
        }
        let huberWhite =
            se == .robustHuberWhite || test == .yuanBentlerMplus ? try RobustML(fit: base, cases: cases) : nil
        let satorraBentler =
            se == .robustSEM || [.satorraBentler, .yuanBentler, .scaledShifted, .meanVarianceAdjusted].contains(test)
            ? try RobustML(satorraBentler: base, cases: cases) : nil
        let sandwich = se == .robustHuberWhite ? huberWhite : se == .robustSEM ? satorraBentler : nil
        let fit = sandwich?.applied(to: base) ?? base
        var measures = FitMeasures(fit: base)
        var headline = measures
        var yuanBentler: RobustML?
        if test == .yuanBentler, let satorraBentler {
            let scores = try RobustGroup(model: base.model, evaluation: base.evaluation, cases: cases)
            yuanBentler = satorraBentler.withYuanBentlerFactors(
                [(scores, Array(0..<base.model.freeCount), 1)], parameterRows: base.model.freeRowCount)
        }
        if let scaling =
            test == .yuanBentlerMplus ? huberWhite : test == .satorraBentler ? satorraBentler : yuanBentler
        {
            measures = scaling.measures(measures)
            headline = measures.robustHeadline
        } else if test == .scaledShifted, let shifted = satorraBentler?.scaledShiftedMeasures(measures) {
            measures = shifted
            headline = measures.scaledHeadline
        } else if test == .meanVarianceAdjusted, let adjusted = satorraBentler?.meanVarianceAdjustedMeasures(measures) {
            measures = adjusted
            headline = FitMeasures(renaming: measures.scaledHeadline, ["df": "df.scaled"])
        }
        var notes = warnings
        if test == .bollenStine {
            try BollenStine(
                fit: base, cases: cases, draws: options.bootstrap.draws, seed: options.bootstrap.seed,
                jobs: options.jobs
            ).record(measures: &measures, headline: &headline, notes: &notes)
        }
        var bootstrap: SEMBootstrap?
        var inference = fit.estimates.map { $0.normalInference() }
        if se == .bootstrap {
            let draws = resample(
                base, sampleSize: cases.count, options: options, progress: progress, notes: &notes,
                refit: SEMBootstrap.maximumLikelihood(base, cases: cases))
            inference = draws.inference(for: fit, interval: options.bootstrap.interval)
            bootstrap = draws
        }
        var result = SEMResult(
            options: options, structure: .single(fit), estimates: fit.estimates, inference: inference,
            measures: measures,
            headline: headline, diagnostics: fit.diagnostics, residuals: nil,
            sample: .init(analysed: cases.count, droppedRows: cases.droppedRows),
            freeCount: fit.model.freeCount, degreesOfFreedom: fit.model.degreesOfFreedom,
            iterations: fit.solution.iterations,
            cases: cases, bootstrap: bootstrap,
            resampled: bootstrap.map { SEMResult.Resampling(draws: $0.draws, failed: $0.failedDraws.count) },
            warnings: notes)
        if [.scaledShifted, .meanVarianceAdjusted].contains(test) {
            result.satorra2000 = satorraBentler?.satorra2000(
                chisq: measures["chisq"] ?? .nan, df: base.model.degreesOfFreedom)
        }
        return result
    }

    /// The bootstrap of a one-group fit (`se = bootstrap`) over its `sampleSize` rows, `refit`
    /// fitting one draw's rows by the fit's own estimator; failed draws are noted.
    static func resample(
        _ fit: SEMFit, sampleSize: Int, options: SEMOptions, progress: (@Sendable (Int) -> Void)?,
        notes: inout [String], refit: @escaping @Sendable ([Int]) -> (model: SEMModel, theta: [Double])?
    ) -> SEMBootstrap {
        let draws = SEMBootstrap(
            fit: fit, sampleSize: sampleSize, draws: options.bootstrap.draws, seed: options.bootstrap.seed,
            jobs: options.jobs, jackknife: options.bootstrap.interval == .bca, progress: progress, refit: refit)
        if !draws.failedDraws.isEmpty {
            notes.append("\(draws.failedDraws.count) of \(draws.draws) bootstrap draws did not converge and were left out")
        }
        return draws
    }

    /// The least-squares family on continuous data (GLS, ULS, WLS, DWLS, and ULSMV/WLSMV's robust
    /// statistics), with the bootstrap when asked for: each draw refits by the same estimator, its
    /// weight from the draw's own moments.
    static func fitLeastSquares(
        table: ParameterTable, data: SurveyData, estimator: LeastSquaresFit.Estimator, options: SEMOptions,
        progress: (@Sendable (Int) -> Void)?, warnings: [String]
    ) throws(SEMError) -> SEMResult {
        let scaled = options.resolvedTest == .scaledShifted
        let cases = try CompleteCases(data: data, variables: table.variables.observed)
        let fitted = try LeastSquaresFit(
            table: table, cases: cases, estimator: estimator, robust: options.resolvedSE == .robustSEM,
            scaledShifted: scaled)
        let fit = fitted.fit
        var inference = fit.estimates.map { $0.normalInference() }
        var bootstrap: SEMBootstrap?
        var notes = warnings
        if options.resolvedSE == .bootstrap {
            let draws = resample(fit, sampleSize: cases.count, options: options, progress: progress, notes: &notes) {
                rows in fitted.refit(cases: cases, rows: rows)
            }
            inference = draws.inference(for: fit, interval: options.bootstrap.interval)
            bootstrap = draws
        }
        var result = SEMResult(
            options: options, structure: .single(fit), estimates: fit.estimates, inference: inference,
            measures: fitted.measures, headline: scaled ? fitted.measures.scaledHeadline : fitted.measures,
            diagnostics: fit.diagnostics, residuals: nil,
            sample: .init(analysed: fit.count, droppedRows: fit.model.moments.droppedRows),
            freeCount: fit.model.freeCount, degreesOfFreedom: fit.model.degreesOfFreedom,
            iterations: fit.solution.iterations, cases: nil, bootstrap: bootstrap,
            resampled: bootstrap.map { SEMResult.Resampling(draws: $0.draws, failed: $0.failedDraws.count) },
            warnings: notes)
        result.satorra2000 = fitted.differenceTest
        return result
    }

    /// Full-information ML over the missing-data patterns; MLR's sandwich and test when asked for,
    /// or the bootstrap (each draw resamples the rows used, missing answers and all, and refits by FIML).
    static func fitFIML(
        table: ParameterTable, data: SurveyData, options: SEMOptions,
        progress: (@Sendable (Int) -> Void)?, warnings: [String]
    ) throws(SEMError) -> SEMResult {
        let fiml = try FIMLFit(table: table, data: data)
        let se = options.resolvedSE
        let test = options.resolvedTest
        let robust = se == .robustHuberWhite || test == .yuanBentlerMplus ? try RobustML(fiml: fiml) : nil
        var fit = se == .robustHuberWhite ? robust?.applied(to: fiml.fit) ?? fiml.fit : fiml.fit
        if se == .standard && options.resolvedInformation == .expected {
            // lavaan's information = "expected" with missing data: each pattern's, at the implied moments.
            guard let information = fiml.expectedInformation() else {
                throw .notIdentified(parameters: fit.informationProblem ?? [])
            }
            let (covariance, weak) = SEMFit.covariance(
                unitInformation: information, count: fiml.patterns.count, model: fit.model)
            if let weak { throw .notIdentified(parameters: weak) }
            fit = fit.replacingCovariance(covariance)
        }
        var measures = FitMeasures(fiml: fiml)
        var headline = measures
        if test == .yuanBentlerMplus, let robust {
            measures = robust.measures(measures)
            headline = measures.robustHeadline
        } else if test == .standard {
            // lavaan reports the FIML-corrected robust indices beside the standard test too.
            measures = FIMLCorrection.measures(
                measures, standardTestOf: RobustML.FIMLGroupPart.parts(of: fiml), freeCount: fit.model.freeCount,
                df: fit.model.degreesOfFreedom)
        }
        let patterns = fiml.patterns
        var sample = SEMResult.Sample(analysed: patterns.count, droppedRows: 0, patterns: patterns.patterns.count)
        sample.rowsWithNothing = patterns.rowsWithNothing
        sample.rowsMissingCovariates = patterns.rowsMissingCovariates
        var inference = fit.estimates.map { $0.normalInference() }
        var bootstrap: SEMBootstrap?
        var notes = warnings
        if se == .bootstrap {
            let draws = resample(fit, sampleSize: patterns.count, options: options, progress: progress, notes: &notes) {
                rows in fiml.refit(rows: rows)
            }
            inference = draws.inference(for: fit, interval: options.bootstrap.interval)
            bootstrap = draws
        }
        return SEMResult(
            options: options, structure: .single(fit), estimates: fit.estimates, inference: inference,
            measures: measures, headline: headline, diagnostics: fit.diagnostics, residuals: nil, sample: sample,
            freeCount: fit.model.freeCount, degreesOfFreedom: fit.model.degreesOfFreedom,
            iterations: fit.solution.iterations, cases: nil, bootstrap: bootstrap,
            resampled: bootstrap.map { SEMResult.Resampling(draws: $0.draws, failed: $0.failedDraws.count) },
            warnings: notes)
    }

    /// WLSMV on ordered items: plain (ordered and continuous together), or conditional on the
    /// observed predictors (lavaan's conditional.x).
    static func fitOrdinal(
        table: ParameterTable, data: SurveyData, options: SEMOptions, continuous: Set<String>,
        progress: (@Sendable (Int) -> Void)?, warnings: [String]
    ) throws(SEMError) -> SEMResult {
        let covariates = table.variables.exogenousObserved
        if !covariates.isEmpty {
            let cases = try CompleteCases(data: data, variables: table.variables.observed)
            let fitted = try ConditionalWLSMVFit(table: table, cases: cases)
            var sample = SEMResult.Sample(
                analysed: fitted.moments.count, droppedRows: fitted.fit.model.moments.droppedRows)
            sample.orderedItems = table.variables.observed.count - covariates.count
            sample.thresholds = fitted.moments.thresholdCount
            return SEMResult(
                options: options, structure: .single(fitted.fit), estimates: fitted.estimates,
                inference: fitted.estimates.map { $0.normalInference() }, measures: fitted.measures,
                headline: fitted.measures.scaledHeadline, diagnostics: fitted.diagnostics, residuals: fitted.residuals,
                sample: sample, freeCount: Int(fitted.measures["npar"] ?? 0), degreesOfFreedom: fitted.degreesOfFreedom,
                iterations: fitted.fit.solution.iterations, cases: nil, bootstrap: nil, resampled: nil,
                warnings: warnings)
        }
        let estimator = LeastSquaresFit.Estimator(rawValue: options.estimator.rawValue) ?? .wlsmv
        let robust = options.resolvedSE == .robustSEM, scaledShifted = options.resolvedTest == .scaledShifted
        let cases = options.missing == .pairwise ? nil : try CompleteCases(data: data, variables: table.variables.observed)
        let fitted: WLSMVFit
        if let cases {
            fitted = try WLSMVFit(
                table: table, cases: cases, continuous: continuous, estimator: estimator, robust: robust,
                scaledShifted: scaledShifted)
        } else {
            fitted = try WLSMVFit(
                table: table, moments: try PolychoricMoments(pairwise: data, variables: table.variables.observed),
                estimator: estimator, robust: robust, scaledShifted: scaledShifted)
        }
        var sample = SEMResult.Sample(analysed: fitted.moments.count, droppedRows: fitted.moments.droppedRows)
        sample.orderedItems = table.variables.observed.count - continuous.count
        sample.thresholds = fitted.moments.thresholdCount
        sample.continuous = table.variables.observed.filter(continuous.contains)
        var inference = fitted.estimates.map { $0.normalInference() }
        var bootstrap: SEMBootstrap?
        var notes = warnings
        if options.resolvedSE == .bootstrap, let cases {
            let draws = SEMBootstrap(
                fit: fitted.fit, sampleSize: cases.count, draws: options.bootstrap.draws, seed: options.bootstrap.seed,
                jobs: options.jobs, jackknife: options.bootstrap.interval == .bca, progress: progress,
                extraWidth: fitted.moments.slotCount
            ) { rows in fitted.refit(cases: cases, rows: rows) }
            if !draws.failedDraws.isEmpty {
                notes.append("\(draws.failedDraws.count) of \(draws.draws) bootstrap draws did not converge (or lost a category) and were left out")
            }
            inference = fitted.bootstrapInference(draws, interval: options.bootstrap.interval)
            bootstrap = draws
        }
        var result = SEMResult(
            options: options, structure: .single(fitted.fit), estimates: fitted.estimates,
            inference: inference, measures: fitted.measures,
            headline: scaledShifted ? fitted.measures.scaledHeadline : fitted.measures, diagnostics: fitted.diagnostics,
            residuals: nil, sample: sample,
            freeCount: Int(fitted.measures["npar"] ?? 0), degreesOfFreedom: fitted.degreesOfFreedom,
            iterations: fitted.fit.solution.iterations, cases: nil, bootstrap: bootstrap,
            resampled: bootstrap.map { SEMResult.Resampling(draws: $0.draws, failed: $0.failedDraws.count) }, warnings: notes)
        result.satorra2000 = fitted.differenceTest
        return result
    }
}
