import Foundation
import Testing
@testable import TrustPathRegression
import TrustPathSurvey

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func glbwarm() throws -> SurveyData {
    try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/process/glbwarm.csv").path)
}

/// A fixture table (tools/make-regression-fixtures.R, R's lm/glm).
func reference(_ name: String) throws -> [[String: String]] {
    guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name).csv") else { throw CocoaError(.fileNoSuchFile) }
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
}

func measures(_ name: String) throws -> [String: Double] {
    Dictionary(uniqueKeysWithValues: try reference(name).compactMap { row in row["value"].flatMap(Double.init).map { (row["measure"] ?? "", $0) } })
}

/// Every difference beyond 1e-8 (relative, absolute near 0), by term and column.
func problems(_ rows: [[String: String]], _ values: [String: [Double]], terms: [String]) -> [String] {
    var found: [String] = []
    if rows.map({ $0["term"] ?? "" }) != terms { found.append("terms \(terms) vs R \(rows.map { $0["term"] ?? "" })") }
    for (column, ours) in values.sorted(by: { $0.key < $1.key }) {
        for (k, row) in rows.enumerated() where k < ours.count {
            let want = Double(row[column] ?? "") ?? .nan
            if want.isNaN && ours[k].isNaN { continue }
            if !(abs(ours[k] - want) <= 1e-8 * max(1, abs(want))) { found.append("\(terms[k]) \(column): \(ours[k]) vs R \(want)") }
        }
    }
    return found
}

@Suite struct OLSAgainstR {
    @Test(arguments: [("govact", "govact ~ negemot + posemot + ideology + age + sex", false),
                      ("govact-interaction", "govact ~ negemot + age + negemot:age", false),
                      ("govact-interaction-centered", "govact ~ negemot*age", true)])
    func coefficientsStandardErrorsAndSummaryMatchLm(_ name: String, _ formula: String, _ center: Bool) throws {
        let fit = try OLSFit(try DesignMatrix(formula: try RegressionFormula(parsing: formula), data: try glbwarm(), center: center))
        let tests = fit.tests()
        let found = problems(try reference("\(name)-coefficients"), [
            "estimate": fit.coefficients, "se": fit.standardErrors(), "t": tests.map(\.t), "p": tests.map(\.pValue),
            "ci.lower": tests.map(\.lower), "ci.upper": tests.map(\.upper),
            "se.hc0": fit.standardErrors(.hc0), "se.hc1": fit.standardErrors(.hc1), "se.hc2": fit.standardErrors(.hc2),
            "se.hc3": fit.standardErrors(.hc3), "beta": fit.standardizedCoefficients, "vif": fit.varianceInflationFactors,
        ], terms: fit.design.termNames)
        let summary = try measures("\(name)-summary"), f = fit.fStatistic
        var summaryProblems: [String] = []
        for (key, value) in [("n", Double(fit.n)), ("r.squared", fit.rSquared), ("adj.r.squared", fit.adjustedRSquared), ("sigma", fit.sigma),
                             ("f", f.value), ("f.df1", Double(f.df1)), ("f.df2", Double(f.df2)), ("f.p", f.pValue)] {
            let want = summary[key] ?? .nan
            if !(abs(value - want) <= 1e-8 * max(1, abs(want))) { summaryProblems.append("\(key): \(value) vs R \(want)") }
        }
        #expect((found + summaryProblems).isEmpty, "\((found + summaryProblems).joined(separator: "\n"))")
    }

    @Test func hierarchicalChangeMatchesAnova() throws {
        let full = try OLSFit(try DesignMatrix(formula: try RegressionFormula(parsing: "govact ~ negemot + posemot + ideology + age + sex"), data: try glbwarm()))
        let reduced = try OLSFit(full.design.restricted(toTerms: 2))
        let change = full.change(from: reduced)
        let want = try measures("govact-hierarchical")
        for (key, value) in [("delta.r.squared", change.deltaRSquared), ("f.change", change.f), ("df1", Double(change.df1)),
                             ("df2", Double(change.df2)), ("p", change.pValue)] {
            #expect(abs(value - (want[key] ?? .nan)) <= 1e-8 * max(1, abs(want[key] ?? 1)), "\(key)")
        }
    }
}

@Suite struct LogisticAgainstR {
    @Test func coefficientsOddsRatiosAndFitMatchGlm() throws {
        let fit = try LogisticFit(try DesignMatrix(formula: try RegressionFormula(parsing: "sex ~ negemot + posemot + ideology + age"), data: try glbwarm()))
        let tests = fit.tests()
        let found = problems(try reference("sex-logistic-coefficients"), [
            "estimate": fit.coefficients, "se": fit.standardErrors, "z": tests.map(\.z), "p": tests.map(\.pValue),
            "odds.ratio": tests.map(\.oddsRatio), "or.lower": tests.map(\.lower), "or.upper": tests.map(\.upper),
        ], terms: fit.design.termNames)
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
        let want = try measures("sex-logistic-summary"), lr = fit.likelihoodRatio
        for (key, value) in [("loglik", fit.logLikelihood), ("loglik.null", fit.nullLogLikelihood), ("lr.chisq", lr.chisq),
                             ("lr.df", Double(lr.df)), ("lr.p", lr.pValue), ("mcfadden", fit.mcFaddenRSquared),
                             ("nagelkerke", fit.nagelkerkeRSquared), ("aic", fit.aic)] {
            #expect(abs(value - (want[key] ?? .nan)) <= 1e-8 * max(1, abs(want[key] ?? 1)), "\(key): \(value) vs \(want[key] ?? .nan)")
        }
    }
}

@Suite struct RegressionInputErrors {
    @Test(arguments: [
        ("govact negemot", "'govact negemot': expected exactly one '~'; expected a formula such as 'PI ~ PT + HA + HA:UAI'"),
        ("govact ~ negemot + ", "'govact ~ negemot + ': a '+' has nothing on one side; expected a formula such as 'PI ~ PT + HA + HA:UAI'"),
        ("govact ~ negemt", "the formula uses 'negemt', which is not a column of the data; did you mean 'negemot'?"),
    ])
    func badFormulaGivesItsMessage(_ formula: String, _ message: String) throws {
        let data = try glbwarm()
        do {
            _ = try OLSFit(try DesignMatrix(formula: try RegressionFormula(parsing: formula), data: data))
            Issue.record("no error")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func collinearPredictorsAreNamed() throws {
        let data = try glbwarm()
        // sex is 0/1, so sex:sex equals sex.
        #expect(throws: RegressionError.collinear(terms: ["sex:sex"])) {
            _ = try OLSFit(try DesignMatrix(formula: try RegressionFormula(parsing: "govact ~ negemot + sex + sex:sex"), data: data))
        }
    }

    @Test func logisticNeedsABinaryOutcome() throws {
        #expect(throws: RegressionError.notBinary(outcome: "govact", values: ["1.0", "1.2", "1.4", "1.6", "1.8", "2.0"])) {
            _ = try LogisticFit(try DesignMatrix(formula: try RegressionFormula(parsing: "govact ~ negemot"), data: try glbwarm()))
        }
    }
}
