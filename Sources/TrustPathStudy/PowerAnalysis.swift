import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSEM

/// Monte Carlo power of a hypothesis (Muthén & Muthén 2002): for each sample size n, draw
/// `replications` data sets of n respondents from a population model, fit the analysis model to
/// each by maximum likelihood, and count how often the hypothesis is supported (the estimate has
/// the predicted sign and its 95% interval excludes zero). Power is that share among the
/// replications that converged.
///
/// Intervals are normal-theory: Wald for paths, the delta method for indirect effects (Sobel 1982).
/// For an indirect effect the delta method is conservative next to the bootstrap a study reports,
/// so the n found is on the safe side. Replication r at size index s reads random streams from
/// s·R + r only, so the result is the same for any number of jobs.
public struct PowerAnalysis: Sendable {
    public struct Point: Sendable, Equatable {
        public let n: Int
        public let replications: Int
        public let converged: Int
        public let supported: Int
        /// Mean estimate over converged replications (its bias shows small-sample trouble).
        public let meanEstimate: Double
        public var power: Double { converged > 0 ? Double(supported) / Double(converged) : .nan }
    }

    public let hypothesis: Hypothesis
    public let points: [Point]

    public init(population: PopulationModel, model: ParameterTable, hypothesis: Hypothesis, sizes: [Int], replications: Int,
                seed: UInt64, likert: LikertCut? = nil, jobs: Int) throws(SimulationError) {
        for name in model.variables.observed where !population.variables.contains(name) {
            throw .invalidOption("the analysis model uses '\(name)', which the population model does not generate")
        }
        // A pilot data set (a stream no replication uses) checks Σ and that the model has the hypothesis's effect.
        let pilot = try SimulatedSample(population: population, sizes: [sizes.max() ?? 1], seed: seed, likert: likert,
                                        replication: sizes.count * replications)
        if let cases = try? pilot.completeCases(of: model.variables.observed),
           let fit = try? SEMFit(try SEMModel(table: model, moments: SampleMoments(cases))),
           hypothesis.resolve(fit: fit, inference: fit.estimates.map { $0.normalInference() }, effectInference: fit.effectInference()) == nil {
            throw .invalidOption("hypothesis \(hypothesis.id): the analysis model has no '\(hypothesis.text)'")
        }
        var points: [Point] = []
        for (s, n) in sizes.enumerated() {
            let outcomes = ParallelMap.run(count: replications, jobs: jobs) { r -> (estimate: Double, supported: Bool)? in
                guard let sample = try? SimulatedSample(population: population, sizes: [n], seed: seed, likert: likert, replication: s * replications + r),
                      let cases = try? sample.completeCases(of: model.variables.observed),
                      let fit = try? SEMFit(try SEMModel(table: model, moments: SampleMoments(cases))),
                      let resolved = hypothesis.resolve(fit: fit, inference: fit.estimates.map { $0.normalInference() }, effectInference: fit.effectInference())
                else { return nil }
                let verdict = Hypothesis.verdict(estimate: resolved.estimate, inference: resolved.inference, sign: hypothesis.sign)
                return (resolved.estimate, verdict == "supported")
            }
            let converged = outcomes.compactMap { $0 }
            points.append(Point(n: n, replications: replications, converged: converged.count, supported: converged.filter(\.supported).count,
                                meanEstimate: converged.map(\.estimate).reduce(0, +) / Double(max(1, converged.count))))
        }
        self.hypothesis = hypothesis
        self.points = points
    }

    /// The smallest sample size whose power reaches `target`, if any.
    public func smallestSize(reaching target: Double = 0.8) -> Int? {
        points.filter { $0.power >= target }.map(\.n).min()
    }
}
