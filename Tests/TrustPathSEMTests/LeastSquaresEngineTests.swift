import Foundation
import Testing
import TrustPathSEM

/// The least-squares family on continuous data through ``SEM/fit(model:data:options:progress:)``
/// against lavaan 0.6-14 (tools/make-least-squares-fixtures.R): the lavaan-check suite's
/// PoliticalDemocracy model under GLS, WLS, DWLS, WLSMV and ULSMV, and its Holzinger-Swineford CFA
/// with a mean structure under GLS, WLS, ULS and DWLS. Every row in lavaan's order, estimates to 1e-6,
/// standard errors to 1e-4, every fit measure TrustPath reports to 1e-4 (relative).
@Suite struct LeastSquaresEngineTests {
    @Test(arguments: [
        ("ls-poldem-gls", "political-democracy.csv", SEMOptions(estimator: .gls)),
        ("ls-poldem-wls", "political-democracy.csv", SEMOptions(estimator: .wls)),
        ("ls-poldem-dwls", "political-democracy.csv", SEMOptions(estimator: .dwls)),
        ("ls-poldem-wlsmv", "political-democracy.csv", SEMOptions(estimator: .wlsmv)),
        ("ls-poldem-ulsmv", "political-democracy.csv", SEMOptions(estimator: .ulsmv)),
        ("ls-hs-means-gls", "holzinger-swineford-1939.csv", SEMOptions(estimator: .gls, meanStructure: true)),
        ("ls-hs-means-wls", "holzinger-swineford-1939.csv", SEMOptions(estimator: .wls, meanStructure: true)),
        ("ls-hs-means-uls", "holzinger-swineford-1939.csv", SEMOptions(estimator: .uls, meanStructure: true)),
        ("ls-hs-means-dwls", "holzinger-swineford-1939.csv", SEMOptions(estimator: .dwls, meanStructure: true)),
        ("ls-hs-covariates-wlsmv", "holzinger-swineford-1939.csv", SEMOptions(estimator: .wlsmv, meanStructure: true)),
    ])
    func everyEstimateAndFitMeasureMatchesLavaan(_ fixture: String, _ file: String, _ options: SEMOptions) throws {
        let reference = try LavaanReference(fixture)
        let result = try SEM.fit(model: reference.model, data: try LavaanReference.data(file), options: options)
        let fit = try #require(result.fit)
        var problems = reference.estimateProblems(fit, estimate: 1e-6, se: 1e-4, standardized: 1e-6)
        let required =
            ["chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "baseline.chisq"]
            + (options.resolvedTest == .scaledShifted ? ["chisq.scaled", "cfi.scaled", "rmsea.scaled"] : [])
        for (name, want) in reference.fit.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("cn_") {
            guard let value = result.measures[name] else {
                if required.contains(name) { problems.append("\(name): missing") }
                continue
            }
            if abs(value - want) > 1e-4 * max(1, abs(want)) || value.isNaN != want.isNaN {
                problems.append("\(name): \(value) vs lavaan \(want)")
            }
        }
        #expect(problems.isEmpty, "\(fixture):\n\(problems.joined(separator: "\n"))")
    }

    /// lavaan's WLSMV on continuous data is DWLS with the robust.sem sandwich: asking DWLS for
    /// se = robust.sem gives WLSMV's standard errors, and the plain DWLS ones differ from them.
    @Test func robustStandardErrorsComposeWithTheEstimator() throws {
        let reference = try LavaanReference("ls-poldem-wlsmv")
        let data = try LavaanReference.data("political-democracy.csv")
        let composed = try SEM.fit(
            model: reference.model, data: data, options: SEMOptions(estimator: .dwls, se: .robustSEM))
        let plain = try SEM.fit(model: reference.model, data: data, options: SEMOptions(estimator: .dwls))
        let fit = try #require(composed.fit)
        let plainFit = try #require(plain.fit)
        let seProblems = reference.estimateProblems(fit).filter { $0.contains(" se:") }
        #expect(seProblems.isEmpty, "\(seProblems)")
        #expect(zip(fit.estimates, plainFit.estimates).contains { abs($0.standardError - $1.standardError) > 1e-3 })
        #expect(composed.measures["chisq.scaled"] == nil)
    }
}
