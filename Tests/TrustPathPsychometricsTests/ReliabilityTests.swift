import Testing
import TrustPathLinalg
@testable import TrustPathPsychometrics

@Suite struct ReliabilityAgainstPsychAndSemTools {
    @Test(arguments: ReferenceSet.allCases)
    func alphaMatchesPsychAlpha(_ set: ReferenceSet) throws {
        let items = try set.items()
        let results = set.blocks.map { CronbachAlpha(items: $0.items, of: items) }
        var found = mismatches("alpha", results.map(\.alpha), try set.column("alpha", "alpha"), tolerance: 1e-10)
        found += mismatches("alpha.std", results.map(\.standardizedAlpha), try set.column("alpha", "alpha.std"), tolerance: 1e-10)
        found += mismatches("feldt.lower", results.map(\.feldtLower), try set.column("alpha", "feldt.lower"), tolerance: 1e-8)
        found += mismatches("feldt.upper", results.map(\.feldtUpper), try set.column("alpha", "feldt.upper"), tolerance: 1e-8)
        found += mismatches("alpha.if.deleted", results.flatMap(\.alphaIfDeleted), try set.column("alpha-items", "alpha.if.deleted"), tolerance: 1e-10)
        found += mismatches("r.drop", results.flatMap(\.correctedItemTotal), try set.column("alpha-items", "r.drop"), tolerance: 1e-10)
        #expect(found.isEmpty, "\(found)")
    }

    @Test(arguments: ReferenceSet.allCases)
    func kmoAndBartlettMatchPsych(_ set: ReferenceSet) throws {
        let adequacy = try SamplingAdequacy(try set.items())
        var found = mismatches("MSA", [adequacy.overall] + adequacy.perItem, try set.column("kmo", "msa"), tolerance: 1e-10)
        found += mismatches("bartlett", [adequacy.bartlettChiSquare, Double(adequacy.bartlettDF)],
                            [try set.column("bartlett", "chisq")[0], try set.column("bartlett", "df")[0]], tolerance: 1e-9)
        #expect(found.isEmpty, "\(found)")
    }

    @Test(arguments: ReferenceSet.allCases)
    func htmtMatchesSemTools(_ set: ReferenceSet) throws {
        let items = try set.items()
        let index = Dictionary(uniqueKeysWithValues: items.items.enumerated().map { ($1, $0) })
        var found: [String] = []
        for (mean, file) in [(HeterotraitMonotrait.Mean.arithmetic, "htmt"), (.geometric, "htmt2")] {
            let ratios = HeterotraitMonotrait(blocks: set.blocks, correlation: items.correlation, itemIndex: index, mean: mean).ratios
            for construct in set.blocks.map(\.code) {
                let row = set.blocks.firstIndex { $0.code == construct } ?? 0
                found += mismatches("\(file) \(construct)", ratios.row(row), try set.column(file, construct), tolerance: 1e-10)
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// CR and AVE from the CFA's std.all loadings, latent correlations and one-factor omega: the
    /// fits are iterative, so 1e-4 (lavaan stops at its default tolerance).
    @Test(arguments: ReferenceSet.allCases)
    func compositeReliabilityAveAndOmegaMatchLavaanAndSemTools(_ set: ReferenceSet) throws {
        let items = try set.items()
        let cfa = try MeasurementCFA(blocks: set.blocks, items: items)
        let omega = try set.blocks.map { try McDonaldOmega.total(block: $0, items: items) }
        var found = mismatches("cr", cfa.compositeReliability, try set.column("reliability", "cr"), tolerance: 1e-4)
        found += mismatches("ave", cfa.averageVarianceExtracted, try set.column("reliability", "ave"), tolerance: 1e-4)
        found += mismatches("omega", omega, try set.column("reliability", "omega"), tolerance: 1e-4)
        for (i, construct) in set.blocks.map(\.code).enumerated() {
            found += mismatches("cor.lv \(construct)", cfa.latentCorrelations.row(i), try set.column("latent-cor", construct), tolerance: 1e-4)
        }
        found += mismatches("chisq", [cfa.measures["chisq"] ?? .nan], try set.column("cfa-fit", "chisq"), tolerance: 1e-4)
        #expect(found.isEmpty, "\(found)")
    }
}
