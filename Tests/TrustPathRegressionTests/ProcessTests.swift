import Foundation
import Testing
@testable import TrustPathRegression
import TrustPathLinalg
import TrustPathSurvey

func pmi() throws -> SurveyData {
    try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/process/pmi.csv").path)
}

@Suite struct ProcessAgainstR {
    /// Model 1 on Hayes's glbwarm example: the fit is R's lm (b₁ = 0.120, b₃ = 0.006 as in the book),
    /// and the conditional effects at the 16th/50th/84th percentiles of age and the Johnson-Neyman
    /// points match the same formulas evaluated in R (tools/make-regression-fixtures.R).
    @Test func modelOneConditionalEffectsAndJohnsonNeyman() throws {
        let model = try ProcessModel(number: .one, x: "negemot", y: "govact", w: "age", covariates: ["posemot", "ideology", "sex"])
        let data = try ProcessData(model: model, data: try glbwarm())
        let fit = try #require(try data.fits().first)
        #expect(abs(fit.coefficients[1] - 0.11958292) < 1e-8 && abs(fit.coefficients[3] - 0.00633074) < 1e-8)
        let values = ModerationProbe.probeValues(data.values(of: "age"))
        #expect(values == [30, 51, 67])
        let effects = ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: values)
        for (ours, row) in zip(effects, try reference("process1-conditional")) {
            for (value, column) in [(ours.effect, "effect"), (ours.standardError, "se"), (ours.t, "t"), (ours.pValue, "p"),
                                    (ours.lower, "lower"), (ours.upper, "upper")] {
                let want = Double(row[column] ?? "") ?? .nan
                #expect(abs(value - want) <= 1e-8 * max(1, abs(want)), "\(column) at \(ours.moderator): \(value) vs \(want)")
            }
        }
        let age = data.values(of: "age")
        let jn = ModerationProbe.johnsonNeyman(fit, xTerm: 1, interactionTerm: 3, range: (age.min() ?? 0)...(age.max() ?? 0))
        #expect(jn == (try reference("process1-jn")).compactMap { Double($0["jn"] ?? "") })
    }

    /// At a Johnson-Neyman point the conditional effect's t equals the critical value.
    @Test func johnsonNeymanPointsSitOnTheCriticalValue() throws {
        let model = try ProcessModel(number: .one, x: "negemot", y: "govact", w: "posemot")
        let data = try ProcessData(model: model, data: try glbwarm())
        let fit = try #require(try data.fits().first)
        let points = ModerationProbe.johnsonNeyman(fit, xTerm: 1, interactionTerm: 3, range: -100...100)
        #expect(!points.isEmpty)
        let critical = StudentT.quantile(0.975, degreesOfFreedom: Double(fit.residualDF))
        for effect in ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: points) {
            #expect(abs(abs(effect.t) - critical) < 1e-8)
        }
    }

    /// Model 4 on Hayes's pmi example: a = 0.477, b = 0.506, c′ = 0.254, ab = 0.241 (the book's values),
    /// and 5,000 percentile-bootstrap draws agree with R's own 5,000 within Monte Carlo error: the SE to
    /// 10% (its sampling error with 5,000 draws is about 1% per run) and the interval ends to 0.25 SE.
    @Test func modelFourIndirectEffectAndBootstrap() throws {
        let model = try ProcessModel(number: .four, x: "cond", y: "reaction", mediators: ["pmi"])
        let data = try ProcessData(model: model, data: try pmi())
        let fits = try data.fits()
        let want = try measures("process4-pmi")
        let effects = model.effects(fits.map(\.coefficients))
        #expect(abs(fits[0].coefficients[1] - (want["a"] ?? 0)) < 1e-10)
        #expect(abs(fits[1].coefficients[2] - (want["b"] ?? 0)) < 1e-10)
        #expect(abs(effects[0].value - (want["indirect"] ?? 0)) < 1e-10)
        #expect(abs(effects[1].value - (want["c.prime"] ?? 0)) < 1e-10)
        let bootstrap = ProcessBootstrap(data: data, moderatorValues: [nil], draws: 5000, seed: 1, jobs: 2)
        #expect(bootstrap.failed == 0)
        let draws = bootstrap.draws[0]
        let mean = draws.reduce(0, +) / Double(draws.count)
        let se = (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)).squareRoot()
        let rSE = want["boot.se"] ?? 0
        #expect(abs(se - rSE) < 0.1 * rSE)
        let sorted = draws.sorted()
        #expect(abs(sorted[124] - (want["boot.lower"] ?? 0)) < 0.25 * rSE)
        #expect(abs(sorted[4874] - (want["boot.upper"] ?? 0)) < 0.25 * rSE)
    }

    @Test func bootstrapIsIdenticalForAnyNumberOfJobs() throws {
        let model = try ProcessModel(number: .seven, x: "negemot", y: "govact", mediators: ["posemot"], w: "age")
        let data = try ProcessData(model: model, data: try glbwarm())
        let one = ProcessBootstrap(data: data, moderatorValues: [nil, 30], draws: 20, seed: 3, jobs: 1)
        let two = ProcessBootstrap(data: data, moderatorValues: [nil, 30], draws: 20, seed: 3, jobs: 2)
        #expect(one.draws == two.draws)
        #expect(one.draws.count == 3)  // index, direct, conditional indirect at age 30
    }

    @Test func modelsCheckTheirVariables() {
        #expect(throws: RegressionError.self) { try ProcessModel(number: .one, x: "x", y: "y") }
        #expect(throws: RegressionError.self) { try ProcessModel(number: .six, x: "x", y: "y", mediators: ["m"]) }
    }
}

@Suite struct ProcessModelSeven {
    /// Model 7 on Hayes's protest data: the equations are lm's, the index of moderated mediation a₃b
    /// and the conditional indirect effects at sexism's percentiles equal R's, and 5,000 bootstrap
    /// draws of the index agree with R's 5,000 (SE to 10%, interval ends to 0.25 SE).
    @Test func indexAndConditionalIndirectEffects() throws {
        let protest = try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/process/protest.csv").path)
        let model = try ProcessModel(number: .seven, x: "protest", y: "liking", mediators: ["respappr"], w: "sexism")
        let data = try ProcessData(model: model, data: protest)
        let coefficients = try data.fits().map(\.coefficients)
        let want = try measures("process7-protest")
        let unconditional = model.effects(coefficients)
        #expect(abs(unconditional[0].value - (want["index"] ?? 0)) < 1e-10)
        #expect(abs(unconditional[1].value - (want["c.prime"] ?? 0)) < 1e-10)
        let values = ModerationProbe.probeValues(data.values(of: "sexism"))
        for (k, w) in values.enumerated() {
            #expect(abs(model.effects(coefficients, at: w)[0].value - (want["conditional.\(k + 1)"] ?? 0)) < 1e-10)
        }
        let bootstrap = ProcessBootstrap(data: data, moderatorValues: [nil], draws: 5000, seed: 1, jobs: 2)
        let index = bootstrap.draws[0].sorted()
        let mean = index.reduce(0, +) / Double(index.count)
        let se = (index.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(index.count - 1)).squareRoot()
        let rSE = want["index.boot.se"] ?? 0
        #expect(abs(se - rSE) < 0.1 * rSE)
        #expect(abs(SampleQuantile.type6(sorted: index, 0.025) - (want["index.boot.lower"] ?? 0)) < 0.25 * rSE)
        #expect(abs(SampleQuantile.type6(sorted: index, 0.975) - (want["index.boot.upper"] ?? 0)) < 0.25 * rSE)
    }
}
