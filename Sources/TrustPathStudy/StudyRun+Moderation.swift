import Foundation
import TrustPathPsychometrics
import TrustPathRegression
import TrustPathReport
import TrustPathSEM
import TrustPathSurvey

extension StudyRun {
    /// The moderation hypotheses' tests on the screened data with construct scores added and, when
    /// a moderator is a Hofstede dimension, the country scores joined by the instrument's country column.
    static func moderationTests(spec: AnalysisSpec, instrument: Instrument, screened: ScreenedSurvey, blocks: [ConstructBlock],
                                fit: SEMFit) throws -> [ModerationTest] {
        let hypotheses = spec.hypotheses.compactMap { h -> (Hypothesis, String, String, String)? in
            if case .moderation(let y, let x, let w) = h.effect { return (h, y, x, w) }
            return nil
        }
        guard !hypotheses.isEmpty else { return [] }
        var data = screened.kept
        for block in blocks { data = try ScaleScore(name: block.code, items: block.items).adding(to: data) }
        let hofstede = hypotheses.filter { HofstedeScores.dimensions.contains($0.3) && !data.columnNames.contains($0.3) }
        if let first = hofstede.first {
            guard let country = instrument.respondent.country else {
                throw StudyError.invalid(file: spec.source, reason: "hypothesis \(first.0.id) names the Hofstede dimension '\(first.3)', "
                    + "but the instrument declares no country column (respondent: country:)")
            }
            guard let folder = spec.hofstedeFolder else {
                throw StudyError.invalid(file: spec.source, reason: "hypothesis \(first.0.id) names the Hofstede dimension '\(first.3)'; "
                    + "add 'hofstede: DIR', the folder holding hofstede-6d.csv and hofstede-iso3166.csv (Surveys/reference)")
            }
            let scores = try HofstedeScores(scores: folder + "/hofstede-6d.csv", isoMap: folder + "/hofstede-iso3166.csv")
            data = try scores.joined(to: data, by: country)
        }
        let constructs = Set(blocks.map(\.code))
        var tests: [ModerationTest] = []
        for (hypothesis, outcome, predictor, moderator) in hypotheses {
            guard constructs.contains(outcome), fit.estimates.contains(where: { $0.op == "~" && $0.lhs == outcome && $0.rhs == predictor }) else {
                throw StudyError.hypothesis(file: spec.source, .notInModel(id: hypothesis.id, text: "\(outcome) ~ \(predictor)"))
            }
            guard data.columnNames.contains(moderator) else {
                throw StudyError.invalid(file: spec.source, reason: "hypothesis \(hypothesis.id): the moderator '\(moderator)' is neither a construct, "
                    + "a column of the data nor a Hofstede dimension (" + HofstedeScores.dimensions.joined(separator: ", ") + ")"
                    + (NameSuggestion.closest(to: moderator, among: data.columnNames + HofstedeScores.dimensions).map { "; did you mean '\($0)'?" } ?? ""))
            }
            let covariates = fit.estimates.filter { $0.op == "~" && $0.lhs == outcome && $0.rhs != predictor && $0.rhs != moderator }.map(\.rhs)
            do {
                tests.append(try ModerationTest(hypothesis: hypothesis, outcome: outcome, predictor: predictor, moderator: moderator,
                                          covariates: covariates, data: data, groupColumn: instrument.respondent.country))
            } catch {
                throw StudyError.model(file: spec.source, reason: "hypothesis \(hypothesis.id): " + error.message)
            }
        }
        return tests
    }

    static func appendModeration(_ tests: [ModerationTest], to doc: inout ReportDocument) {
        guard !tests.isEmpty else { return }
        doc.heading("Moderation")
        var table = ReportTable(header: ["Hypothesis", "Moderation", "b (X·W)", "β", "95% CI", "p", "ΔR² of X·W", "n"])
        for test in tests {
            table.append([test.hypothesis.id, "\(test.moderator) on \(test.predictor) → \(test.outcome)", ReportFormat.fixed(test.estimate, digits: 4),
                          ReportFormat.fixed(test.standardized), "[\(ReportFormat.fixed(test.interaction.lower, digits: 4)), \(ReportFormat.fixed(test.interaction.upper, digits: 4))]",
                          ReportFormat.pValue(test.interaction.pValue), ReportFormat.fixed(test.rSquaredChange), "\(test.fit.n)"])
        }
        doc.table(table)
        doc.paragraph("Each moderation is a regression of the outcome's construct score on the predictor's score, the moderator and their product, "
            + "with the outcome's other predictors in the model as covariates; predictor and moderator are mean-centred before the product is formed "
            + "(Hayes 2022, model 1). b (X·W) is the change in the effect of X per unit of W, tested with the t test of R's lm.")
        for test in tests {
            doc.heading("\(test.hypothesis.id): the effect of \(test.predictor) on \(test.outcome) by \(test.moderator)", level: 3)
            let grouped = test.probes.contains { $0.withinSlope != nil }
            var probes = ReportTable(header: [grouped ? "Group" : "Point", test.moderator] + (grouped ? ["n"] : [])
                                     + ["Effect of \(test.predictor)", "95% CI", "p"] + (grouped ? ["Slope within group"] : []))
            for probe in test.probes {
                let effect = probe.effect
                probes.append([probe.label, ReportFormat.fixed(probe.moderator, digits: 2)] + (grouped ? ["\(probe.count)"] : [])
                              + [ReportFormat.fixed(effect.effect), "[\(ReportFormat.fixed(effect.lower)), \(ReportFormat.fixed(effect.upper))]", ReportFormat.pValue(effect.pValue)]
                              + (grouped ? [probe.withinSlope.map { ReportFormat.fixed($0) } ?? "–"] : []))
            }
            doc.table(probes)
        }
        if tests.contains(where: { $0.probes.contains { $0.withinSlope != nil } }) {
            doc.paragraph("A country-level moderator takes one value per country, so its interaction rests on as many distinct values as there are countries: "
                + "the pooled t test treats respondents as independent and is optimistic when countries differ in other ways too. "
                + "The slopes fitted within each country are shown beside the pooled conditional effects as a check; with few countries, read the "
                + "verdict as exploratory and confirm it with a multi-group model.")
        }
    }

    /// moderation.csv: one row per moderation hypothesis, every term of its regression.
    static func moderationCSV(_ tests: [ModerationTest]) -> CSVTable {
        // The columns of `trustpath regress`'s coefficients.csv, with the hypothesis, outcome, n and R².
        var table = CSVTable(header: ["id", "outcome", "term", "estimate", "se", "t", "p", "ci.lower", "ci.upper", "beta", "n", "r2"])
        for test in tests {
            let se = test.fit.standardErrors(), tests = test.fit.tests(), beta = test.fit.standardizedCoefficients
            for (k, name) in test.fit.design.termNames.enumerated() {
                table.append([.text(test.hypothesis.id), .text(test.outcome), .text(name), .number(test.fit.coefficients[k]),
                              .number(se[k]), .number(tests[k].t), .number(tests[k].pValue), .number(tests[k].lower), .number(tests[k].upper),
                              k == 0 ? .missing : .number(beta[k]), .integer(test.fit.n), .number(test.fit.rSquared)])
            }
        }
        return table
    }

    /// simple-slopes.csv: the effect of X at each probe value of W, and the slope within each group.
    static func simpleSlopesCSV(_ tests: [ModerationTest]) -> CSVTable {
        var table = CSVTable(header: ["id", "group", "n", "moderator", "value", "effect", "se", "pvalue", "ci.lower", "ci.upper", "within.slope"])
        for test in tests {
            for probe in test.probes {
                let e = probe.effect
                table.append([.text(test.hypothesis.id), .text(probe.label), .integer(probe.count), .text(test.moderator), .number(probe.moderator),
                              .number(e.effect), .number(e.standardError), .number(e.pValue), .number(e.lower), .number(e.upper),
                              probe.withinSlope.map { .number($0) } ?? .missing])
            }
        }
        return table
    }
}
