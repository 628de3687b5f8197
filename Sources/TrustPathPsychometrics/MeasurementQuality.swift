import TrustPathLinalg
import TrustPathSEM

/// The whole measurement checklist of a set of constructs: reliability (alpha, omega, CR),
/// convergent validity (AVE, loadings), discriminant validity (Fornell-Larcker, HTMT, HTMT2 with
/// bootstrap intervals, cross-loadings), each judged against its usual threshold.
public struct MeasurementQuality: Sendable {
    public let blocks: [ConstructBlock]
    public let items: ItemMatrix
    /// nil for a single-item construct (alpha is undefined).
    public let alphas: [CronbachAlpha?]
    /// NaN where undefined (fewer than three items).
    public let omegas: [Double]
    public let cfa: MeasurementCFA
    public let htmt: HeterotraitMonotrait
    public let htmt2: HeterotraitMonotrait
    public let htmtBootstrap: HTMTBootstrap?
    public let scores: ConstructScores

    public init(blocks: [ConstructBlock], items: ItemMatrix, bootstrapDraws: Int, seed: UInt64, jobs: Int) throws(SEMError) {
        self.blocks = blocks
        self.items = items
        alphas = blocks.map { $0.items.count > 1 ? CronbachAlpha(items: $0.items, of: items) : nil }
        var omegas: [Double] = []
        for block in blocks { omegas.append(try McDonaldOmega.total(block: block, items: items)) }
        self.omegas = omegas
        cfa = try MeasurementCFA(blocks: blocks, items: items)
        let index = Dictionary(uniqueKeysWithValues: items.items.enumerated().map { ($1, $0) })
        htmt = HeterotraitMonotrait(blocks: blocks, correlation: items.correlation, itemIndex: index, mean: .arithmetic)
        htmt2 = HeterotraitMonotrait(blocks: blocks, correlation: items.correlation, itemIndex: index, mean: .geometric)
        htmtBootstrap = bootstrapDraws > 0 && blocks.count > 1
            ? HTMTBootstrap(blocks: blocks, items: items, draws: bootstrapDraws, seed: seed, jobs: jobs) : nil
        scores = ConstructScores(blocks: blocks, items: items)
    }

    /// The Fornell-Larcker table: sqrt(AVE) on the diagonal, latent correlations below and above.
    public var fornellLarcker: Matrix {
        var table = cfa.latentCorrelations
        for (i, ave) in cfa.averageVarianceExtracted.enumerated() { table[i, i] = ave.squareRoot() }
        return table
    }

    /// Whether construct i's sqrt(AVE) exceeds its correlation with every other construct; nil when undefined.
    public func passesFornellLarcker(_ i: Int) -> Bool? {
        let root = cfa.averageVarianceExtracted[i].squareRoot()
        guard root.isFinite else { return nil }
        return (0..<blocks.count).allSatisfy { $0 == i || abs(cfa.latentCorrelations[i, $0]) < root }
    }
}

/// The usual cut-offs of measurement quality and where they come from.
public enum MeasurementThreshold {
    public static let alpha = (value: 0.70, source: "Nunnally & Bernstein 1994")
    public static let compositeReliability = (value: 0.70, source: "Hair et al. 2019")
    public static let averageVarianceExtracted = (value: 0.50, source: "Fornell & Larcker 1981")
    public static let loading = (value: 0.70, source: "Hair et al. 2019")
    public static let htmtStrict = (value: 0.85, source: "Henseler, Ringle & Sarstedt 2015")
    public static let htmtLiberal = (value: 0.90, source: "Gold, Malhotra & Segars 2001; Henseler et al. 2015")
    public static let harman = (value: 0.50, source: "Podsakoff et al. 2003")
    public static let fullCollinearityVIF = (value: 3.3, source: "Kock 2015")
}
