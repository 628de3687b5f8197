import TrustPathLinalg

/// Nonparametric bootstrap of a fitted model (Efron & Tibshirani 1993; lavaan's `se = "bootstrap"`):
/// each draw resamples the complete rows with replacement, refits from the ML estimates and keeps
/// every estimate row (free and fixed parameters, `:=` values) and its std.all value.
///
/// Draw b uses its own random stream, `RandomStream(seed: seed, stream: b)`, so the result is
/// identical for any number of jobs; jobs take every `jobs`-th draw. Draws that fail to converge
/// are counted and left out.
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
    /// Standard errors of the estimate rows, the draws' standard deviation as lavaan reports it:
    /// divisor R for parameters (its bootstrap vcov), R - 1 for `:=` values (R's `sd()` of the
    /// defined function applied to each draw).
    public let standardErrors: [Double]

    /// Runs `draws` bootstrap draws of `fit` on `cases` (the rows it was fitted to) with `jobs` threads.
    public init(fit: SEMFit, cases: CompleteCases, draws: Int, seed: UInt64, jobs: Int = 1, jackknife: Bool = false,
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.draws = draws
        self.seed = seed
        let n = cases.count
        let rowCount = fit.estimates.count
        let curvature = fit.inverseHessian
        let perDraw = ParallelMap.run(count: draws, jobs: jobs, progress: progress) { b in
            let stream = RandomStream(seed: seed, stream: UInt64(b))
            let sample = (0..<n).map { _ in stream.integer(below: n) }
            return SEMBootstrap.refit(fit, moments: cases.moments(of: sample), curvature: curvature)
        }
        let effectCount = fit.effects.count
        var values = [[Double]](repeating: [], count: rowCount), standardized = values
        var effectValues = [[Double]](repeating: [], count: effectCount)
        var failed: [Int] = []
        for (b, result) in perDraw.enumerated() {
            guard let draw = result, draw.effects.count == effectCount else { failed.append(b); continue }
            for k in 0..<rowCount { values[k].append(draw.values[k]); standardized[k].append(draw.standardized[k]) }
            for k in 0..<effectCount { effectValues[k].append(draw.effects[k]) }
        }
        self.values = values
        self.effectValues = effectValues
        self.standardized = standardized
        failedDraws = failed
        let parameterRows = fit.model.rows.count
        standardErrors = (0..<rowCount).map { k in
            let r = Double(values[k].count)
            let se = BootstrapInterval.standardError(values[k])
            return k < parameterRows || r < 2 ? se : se * (r / (r - 1)).squareRoot()
        }
        if jackknife {
            let leaveOneOut = ParallelMap.run(count: n, jobs: jobs, progress: nil) { i in
                SEMBootstrap.refit(fit, moments: cases.moments(of: (0..<n).filter { $0 != i }), curvature: curvature)
            }
            var columns = [[Double]](repeating: [], count: rowCount)
            var effectColumns = [[Double]](repeating: [], count: effectCount)
            for case let draw? in leaveOneOut where draw.effects.count == effectCount {
                for k in 0..<rowCount { columns[k].append(draw.values[k]) }
                for k in 0..<effectCount { effectColumns[k].append(draw.effects[k]) }
            }
            self.jackknife = columns
            effectJackknife = effectColumns
        } else {
            self.jackknife = []
            effectJackknife = []
        }
    }

    /// One draw: the estimate rows, their std.all, and the structural effects.
    struct Draw: Sendable {
        let values: [Double], standardized: [Double], effects: [Double]
    }

    /// The ML solution for `moments`, started from the fit's estimates and curvature, or nil when it fails.
    static func refit(_ fit: SEMFit, moments: SampleMoments, curvature: Matrix?) -> Draw? {
        let model = fit.model.with(moments: moments)
        guard let solution = try? MLEstimator.estimate(model, start: fit.solution.theta, curvature: curvature),
              let evaluation = try? ModelEvaluation(model: model, theta: solution.theta) else { return nil }
        let rowValues = model.rowValues(solution.theta)
        let all = Standardization(model: model, rowValues: rowValues, evaluation: evaluation).all
        let effects = SEMFit.effects(model: model, rowValues: rowValues, evaluation: evaluation).map(\.estimate)
        return Draw(values: rowValues + fit.definedValues(rowValues), standardized: all + fit.definedValues(all), effects: effects)
    }

    /// Bootstrap standard error of estimate row k.
    public func standardError(row k: Int) -> Double { standardErrors[k] }

    /// Successful draws.
    public var successfulDraws: Int { draws - failedDraws.count }
}
