import TrustPathLinalg
import TrustPathResampling

/// Nonparametric bootstrap of a fitted model (Efron & Tibshirani 1993; lavaan's `se = "bootstrap"`):
/// each draw resamples the complete rows with replacement (``Bootstrap``), refits from the ML
/// estimates and keeps every estimate row (free and fixed parameters, `:=` values), its std.all
/// value and the structural effects. Draws that fail to converge are counted and left out.
public struct SEMBootstrap: Sendable {
    public let draws: Int
    public let seed: UInt64
    public let failedDraws: [Int]
    /// For each estimate row (the fit's `estimates` order), the values over the successful draws.
    public let values: [[Double]]
    /// std.all of each estimate row over the successful draws.
    public let standardized: [[Double]]
    /// For each structural effect (the fit's `effects` order), the values over the successful draws.
    public let effectValues: [[Double]]
    /// Leave-one-out estimates for each row (for BCa); empty unless asked for.
    public let jackknife: [[Double]]
    /// Leave-one-out values of each structural effect (for BCa); empty unless asked for.
    public let effectJackknife: [[Double]]
    /// Statistics beside the model's rows (the thresholds of ordinal items) over the successful
    /// draws, and their leave-one-out values (for BCa; empty unless asked for).
    public let extraValues: [[Double]]
    let extraJackknife: [[Double]]
    /// Standard errors of the estimate rows, the draws' standard deviation as lavaan reports it:
    /// divisor R for parameters (its bootstrap vcov), R - 1 for `:=` values (R's `sd()` of the
    /// defined function applied to each draw).
    public let standardErrors: [Double]
    /// Per estimate row, lavaan's bias for the normal interval: each row's function of the draws'
    /// mean parameters minus its estimate (for a parameter, the draws' mean minus the estimate).
    public let bias: [Double]

    /// Runs `draws` bootstrap draws of `fit` on `cases` (the rows it was fitted to) with `jobs`
    /// threads, each refitted by ML from the fit's estimates and curvature.
    public init(fit: SEMFit, cases: CompleteCases, draws: Int, seed: UInt64, jobs: Int = 1, jackknife: Bool = false,
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.init(fit: fit, sampleSize: cases.count, draws: draws, seed: seed, jobs: jobs, jackknife: jackknife,
                  progress: progress, refit: Self.maximumLikelihood(fit, cases: cases))
    }

    /// The ML refit of one draw's rows of `cases`, from the fit's estimates and curvature.
    static func maximumLikelihood(
        _ fit: SEMFit, cases: CompleteCases
    ) -> @Sendable ([Int]) -> (model: SEMModel, theta: [Double])? {
        let curvature = fit.inverseHessian
        return { rows in
            let model = fit.model.with(moments: cases.moments(of: rows))
            guard let solution = try? MLEstimator.estimate(model, start: fit.solution.theta, curvature: curvature)
            else { return nil }
            return (model, solution.theta)
        }
    }

    /// Runs `draws` bootstrap draws of `fit` over its `sampleSize` data rows: `refit` fits the model to
    /// the rows of one draw (any estimator: ML on their moments, FIML on their patterns) and
    /// returns the model on the draw's sample and its estimates, or nil when it fails.
    init(fit: SEMFit, sampleSize: Int, draws: Int, seed: UInt64, jobs: Int, jackknife: Bool,
         progress: (@Sendable (Int) -> Void)?, refit: @escaping @Sendable ([Int]) -> (model: SEMModel, theta: [Double])?) {
        self.init(
            fit: fit, sampleSize: sampleSize, draws: draws, seed: seed, jobs: jobs, jackknife: jackknife, progress: progress,
            extraWidth: 0
        ) { rows in refit(rows).map { ($0.model, $0.theta, []) } }
    }

    /// The same with `extraWidth` statistics beside the model's rows that `refit` returns per draw
    /// (the saturated thresholds of ordinal items), kept in ``extraValues``.
    init(fit: SEMFit, sampleSize: Int, draws: Int, seed: UInt64, jobs: Int, jackknife: Bool,
         progress: (@Sendable (Int) -> Void)?, extraWidth: Int,
         refit: @escaping @Sendable ([Int]) -> (model: SEMModel, theta: [Double], extra: [Double])?) {
        self.draws = draws
        self.seed = seed
        let rowCount = fit.estimates.count, effectCount = fit.effects.count
        let modelWidth = 2 * rowCount + effectCount, width = modelWidth + extraWidth
        let statistic: @Sendable ([Int]) -> [Double]? = { rows in
            guard let draw = refit(rows), draw.extra.count == extraWidth,
                let statistics = SEMBootstrap.statistics(fit, model: draw.model, theta: draw.theta)
            else { return nil }
            return statistics + draw.extra
        }
        let bootstrap = Bootstrap.resample(
            draws: draws, seed: seed, jobs: jobs, scheme: .rows(sampleSize), width: width, progress: progress
        ) { rows in statistic(rows[0]) }
        let values = bootstrap.slice(0..<rowCount)
        self.values = values
        standardized = bootstrap.slice(rowCount..<2 * rowCount)
        effectValues = bootstrap.slice(2 * rowCount..<modelWidth)
        extraValues = bootstrap.slice(modelWidth..<width)
        failedDraws = bootstrap.failedDraws
        let parameterRows = fit.model.rows.count
        standardErrors = values.indices.map { k in
            let r = Double(values[k].count)
            let se = BootstrapInterval.standardError(values[k])
            return k < parameterRows || r < 2 ? se : se * (r / (r - 1)).squareRoot()
        }
        let meanRows = values.prefix(parameterRows).map { $0.isEmpty ? Double.nan : $0.reduce(0, +) / Double($0.count) }
        bias = zip(meanRows + fit.definedValues(meanRows), fit.estimates).map { $0 - $1.estimate }
        if jackknife {
            let leaveOneOut = Bootstrap.jackknife(count: sampleSize, jobs: jobs, width: width, statistic: statistic)
            self.jackknife = Array(leaveOneOut[0..<rowCount])
            effectJackknife = Array(leaveOneOut[2 * rowCount..<modelWidth])
            extraJackknife = Array(leaveOneOut[modelWidth..<width])
        } else {
            self.jackknife = []
            effectJackknife = []
            extraJackknife = []
        }
    }

    /// One draw's statistics as one vector: the estimate rows with the `:=` values, their std.all,
    /// the structural effects; nil when the solution cannot be evaluated.
    static func statistics(_ fit: SEMFit, model: SEMModel, theta: [Double]) -> [Double]? {
        guard let evaluation = try? ModelEvaluation(model: model, theta: theta) else { return nil }
        let rowValues = model.rowValues(theta)
        let all = Standardization(model: model, rowValues: rowValues, evaluation: evaluation).all
        let effects = SEMFit.effects(model: model, rowValues: rowValues, evaluation: evaluation).map(\.estimate)
        guard effects.count == fit.effects.count else { return nil }
        return rowValues + fit.definedValues(rowValues) + all + fit.definedValues(all) + effects
    }

    /// Bootstrap standard error of estimate row k.
    public func standardError(row k: Int) -> Double { standardErrors[k] }

    /// Successful draws.
    public var successfulDraws: Int { draws - failedDraws.count }
}
