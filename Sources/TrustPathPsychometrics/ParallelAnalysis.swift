import TrustPathLinalg

/// Horn's (1965) parallel analysis, as `psych::fa.parallel(fa = "both")`: the eigenvalues of the
/// observed correlation matrix (principal components) and of a one-factor solution's reduced
/// matrix (factors, psych's `fa(·, nfactors = 1)$values` with the chosen extraction), against the
/// same from `draws` data sets of independent normal variables of the same size. The suggested
/// number is the count of leading observed eigenvalues above the 95th percentile of the simulated
/// ones (psych's default `quant = .95`; Glorfeld 1995).
///
/// Draw b uses `RandomStream(seed: seed, stream: b)`, so results do not depend on the number of jobs.
/// They cannot reproduce R's draws (R's Mersenne-Twister seeding and normal generator differ), so only
/// the observed eigenvalues are comparable with psych's number for number; the simulated ones agree
/// in distribution.
public struct ParallelAnalysis: Sendable {
    public let observedComponents: [Double]
    public let observedFactors: [Double]
    /// Mean and 95th percentile of the simulated eigenvalues, per position.
    public let simulatedComponentsMean: [Double]
    public let simulatedComponents95: [Double]
    public let simulatedFactorsMean: [Double]
    public let simulatedFactors95: [Double]
    public let suggestedComponents: Int
    public let suggestedFactors: Int
    public let draws: Int
    public let seed: UInt64

    public init(items: ItemMatrix, extraction: FactorExtraction.Method, draws: Int = 20, seed: UInt64 = 1, jobs: Int = 1) throws(PsychometricsError) {
        let p = items.items.count, n = items.count
        guard let eigen = try? SymmetricEigen(items.correlation) else { throw .singularCorrelation(items: items.items) }
        observedComponents = eigen.values
        observedFactors = try FactorExtraction(correlation: items.correlation, factors: 1, method: extraction).reducedEigenvalues
        let simulated = ParallelMap.run(count: draws, jobs: jobs) { b -> ([Double], [Double])? in
            let stream = RandomStream(seed: seed, stream: UInt64(b))
            let values = (0..<(n * p)).map { _ in stream.normal() }
            guard let sample = try? ItemMatrix(items: items.items, values: values),
                  let components = try? SymmetricEigen(sample.correlation).values,
                  let factors = try? FactorExtraction(correlation: sample.correlation, factors: 1, method: extraction).reducedEigenvalues
            else { return nil }
            return (components, factors)
        }.compactMap { $0 }
        guard !simulated.isEmpty else { throw .notConverged(what: "parallel analysis (no simulated data set could be factored)") }
        func summary(_ pick: ([Double], [Double]) -> [Double]) -> (mean: [Double], upper: [Double]) {
            let columns = (0..<p).map { k in simulated.map { pick($0.0, $0.1)[k] }.sorted() }
            return (columns.map { $0.reduce(0, +) / Double($0.count) }, columns.map { Self.quantile7($0, 0.95) })
        }
        (simulatedComponentsMean, simulatedComponents95) = summary { c, _ in c }
        (simulatedFactorsMean, simulatedFactors95) = summary { _, f in f }
        suggestedComponents = zip(observedComponents, simulatedComponents95).prefix { $0 > $1 }.count
        suggestedFactors = zip(observedFactors, simulatedFactors95).prefix { $0 > $1 }.count
        self.draws = simulated.count
        self.seed = seed
    }

    /// R's default quantile (type 7) of sorted values.
    static func quantile7(_ sorted: [Double], _ probability: Double) -> Double {
        let h = Double(sorted.count - 1) * probability
        let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}
