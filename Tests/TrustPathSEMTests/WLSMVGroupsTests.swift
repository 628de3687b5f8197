import Foundation
import Testing
import TrustPathModelSpec
@testable import TrustPathSEM
import TrustPathSurvey

/// Multi-group WLSMV against lavaan (tools/make-wlsmv-groups-fixtures.R): the campaign study's
/// structural model on its 7-point items in two variants, configural, metric and scalar
/// (thresholds equal, scale factors and latent means free in group 2). Estimates to 1e-4, standard
/// errors and scaled statistics to 1e-3 (the issue's WLSMV tolerances), the rest of the fit to 1e-4.
@Suite struct WLSMVGroupsTests {
    static let levels: [String: Set<MultiGroupModel.EqualityClass>] = ["configural": [], "metric": [.loadings], "scalar": [.loadings, .thresholds],
                                                                       "scalar-partial": [.loadings, .thresholds]]

    static func fitted(_ level: String) throws -> WLSMVGroupsFit {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/wlsmv-groups/model.lav").path, encoding: .utf8)
        let data = try SurveyReader.read(LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        return try WLSMVGroupsFit(model: model, data: data, groupColumn: "variant", equal: levels[level] ?? [],
                                  partial: level == "scalar-partial" ? ["HA1 | t2", "ID3|t1"] : [])
    }

    static func reference(_ level: String) throws -> (estimates: [[String: String]], fit: [String: Double]) {
        try MultiGroupTests.fixture(level, folder: "wlsmv-groups")
    }

    @Test(arguments: ["configural", "metric", "scalar", "scalar-partial"])
    func matchesLavaan(level: String) throws {
        let fit = try Self.fitted(level)
        let reference = try Self.reference(level)
        #expect(fit.model.labels == ["live", "short"])
        #expect(fit.estimates.count == reference.estimates.count)
        for (ours, theirs) in zip(fit.estimates, reference.estimates) {
            let where_ = "\(level): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && ours.rhs == (theirs["rhs"] ?? "") && "\(ours.group)" == theirs["group"], "\(where_)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(where_) est \(ours.estimate)")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(where_) se \(ours.standardError)")
            #expect(abs(ours.stdAll - (Double(theirs["std.all"] ?? "") ?? .nan)) < 1e-4, "\(where_) std.all \(ours.stdAll)")
        }
        for (key, value) in reference.fit {
            let ours = try #require(fit.measures[key], "\(level): \(key) missing")
            let tolerance = 1e-4
            #expect(abs(ours - value) < tolerance * max(1, abs(value)), "\(level): \(key) \(ours) vs \(value)")
        }
    }
}

extension WLSMVGroupsTests {
    /// The ordinal invariance sequence's scaled-shifted differences equal lavTestLRT's (Satorra 2000, DIFFTEST).
    @Test func differenceTestsMatchLavTestLRT() throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/wlsmv-groups/model.lav").path, encoding: .utf8)
        let data = try SurveyReader.read(LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let sequence = try InvarianceSequence(model: model, data: data, groupColumn: "variant", estimator: .wlsmv)
        let reference = try LavaanReference.table(base.appendingPathComponent("Fixtures/wlsmv-groups/lrt.csv").path)
        #expect(sequence.steps.map(\.level.rawValue) == reference.map { $0["level"] ?? "" })
        for (step, row) in zip(sequence.steps, reference) {
            #expect(abs((step.measures["chisq"] ?? .nan) - (Double(row["chisq"] ?? "") ?? .nan)) < 1e-4)
            guard let difference = step.difference else { continue }
            let chisq = Double(row["chisq.diff"] ?? "") ?? .nan
            #expect(abs(difference.chisq - chisq) < 1e-4 * max(1, chisq), "\(step.level) Δχ² \(difference.chisq) vs \(chisq)")
            #expect(difference.df == Double(row["df.diff"] ?? ""))
            #expect(abs(difference.pValue - (Double(row["pvalue"] ?? "") ?? .nan)) < 1e-5, "\(step.level) p")
        }
    }

    /// Partial scalar invariance: two thresholds free in each group; DIFFTEST against the metric model.
    @Test func partialThresholdsAndTheirDifferenceTestMatchLavaan() throws {
        let metric = try Self.fitted("metric"), partial = try Self.fitted("scalar-partial")
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let row = try LavaanReference.table(base.appendingPathComponent("Fixtures/wlsmv-groups/lrt-partial.csv").path)[1]
        let (chisq, df) = WLSMVGroupsFit.differenceTest(restricted: partial, free: metric)
        let expected = Double(row["chisq.diff"] ?? "") ?? .nan
        #expect(abs(chisq - expected) < 1e-4 * expected, "\(chisq) vs \(expected)")
        #expect(df == Double(row["df.diff"] ?? ""))
        #expect(throws: MultiGroupError.unknownPartial("HA1 | t7")) {
            _ = try WLSMVGroupsFit(model: "HA =~ HA1 + HA2 + HA3 + HA4", data: SurveyReader.read(LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path),
                                   groupColumn: "variant", equal: [.loadings, .thresholds], partial: ["HA1 | t7"])
        }
    }

    /// An item whose answers in one group never use a category the other group uses gets one clear message.
    @Test func aCategoryAbsentInOneGroupIsNamed() throws {
        var text = try String(contentsOfFile: LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path, encoding: .utf8)
        // Recode HA1's 7s as 6s in the 'short' variant only.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields.count > 4, fields[3] == "short", fields[4] == "7" { fields[4] = "6" }
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let data = try SurveyReader.read(rows: rows, source: "recoded.csv")
        let model = "HA =~ HA1 + HA2 + HA3 + HA4\nID =~ ID1 + ID2 + ID3 + ID4"
        #expect(throws: SEMError.categoryAbsentInGroup(item: "HA1", group: "short", categories: [7])) {
            _ = try WLSMVGroupsFit(model: model, data: data, groupColumn: "variant")
        }
    }
}

/// Heywood cases are reported with their group, never blocked.
@Suite struct GroupDiagnosticsTests {
    @Test func negativeVariancesAndImpossibleCorrelationsAreNamedWithTheirGroup() {
        let rows = [
            ParameterEstimate(lhs: "x1", op: "~~", rhs: "x1", group: 2, label: "", estimate: -0.2, standardError: 0.1, isFree: true, stdLV: -0.2, stdAll: -0.1),
            ParameterEstimate(lhs: "f1", op: "~~", rhs: "f2", group: 1, label: "", estimate: 0.9, standardError: 0.1, isFree: true, stdLV: 1.02, stdAll: 1.02),
            ParameterEstimate(lhs: "y1", op: "~~", rhs: "y1", group: 1, label: "", estimate: -0.05, standardError: 0, isFree: false, stdLV: -0.05, stdAll: -0.05),
        ]
        let found = Diagnostic.heywoodCases(rows, labels: ["live", "short"])
        #expect(found == [.negativeVariance(variable: "x1 in group 2 (short)", estimate: -0.2),
                          .standardizedBeyondOne(parameter: "f1 ~~ f2 in group 1 (live)", value: 1.02)])
        // WLSMV's fixed residual variances of the latent responses count too.
        #expect(Diagnostic.heywoodCases(rows, labels: ["live", "short"], fixedVariances: true).count == 3)
    }
}

extension WLSMVGroupsTests {
    /// ULSMV and DWLS of ordered items across groups (the campaign model, equal loadings), through
    /// the engine's one entry point, against lavaan (tools/make-ordinal-estimator-fixtures.R):
    /// every row in lavaan's order, estimates and SEs to 1e-4, every fit measure lavaan reports.
    @Test(arguments: [SEMOptions.Estimator.ulsmv, .dwls])
    func otherEstimatorsAcrossGroupsMatchLavaan(_ estimator: SEMOptions.Estimator) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/wlsmv-groups/metric-\(estimator.rawValue)").path
        let result = try SEM.fit(
            model: try String(contentsOfFile: base.appendingPathComponent("Fixtures/wlsmv-groups/model.lav").path, encoding: .utf8),
            data: try SurveyReader.read(LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path),
            options: SEMOptions(estimator: estimator, group: "variant", groupEqual: [.loadings], ordered: .all))
        let reference = try LavaanReference.table(folder + "/estimates.csv")
        #expect(result.estimates.count == reference.count)
        for (ours, theirs) in zip(result.estimates, reference) {
            let place = "\(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && "\(ours.group)" == theirs["group"], "\(place)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(place) est \(ours.estimate)")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(place) se \(ours.standardError)")
        }
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            guard let ours = result.measures[key] else {
                #expect(!["chisq", "pvalue", "cfi", "rmsea", "srmr", "chisq.scaled"].contains(key), "\(key) missing")
                continue
            }
            #expect(ours.isNaN == value.isNaN, "\(key): \(ours) vs \(value)")
            if !value.isNaN { #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(key): \(ours) vs \(value)") }
        }
    }
}

extension WLSMVGroupsTests {
    /// Ordinal items with observed predictors across groups (lavaan's conditional.x: each group's
    /// thresholds, slopes and residual polychoric correlations), configural and with thresholds and
    /// loadings equal (scale factors free), on the campaign data by variant
    /// (tools/make-wlsmv-groups-covariates-fixtures.R): every row in lavaan's order, estimates and
    /// std.all to 1e-5, SEs to 1e-4 and every fit measure to 1e-4.
    @Test(arguments: [
        ("engine-wlsmv-groups-covariates", Set<MultiGroupModel.EqualityClass>()),
        ("engine-wlsmv-groups-covariates-equal", [.thresholds, .loadings]),
    ] as [(String, Set<MultiGroupModel.EqualityClass>)])
    func predictorsAcrossGroupsMatchLavaan(_ fixture: String, _ equal: Set<MultiGroupModel.EqualityClass>) throws {
        let reference = try LavaanReference(fixture)
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let result = try SEM.fit(
            model: reference.model, data: data,
            options: SEMOptions(
                group: "variant", groupEqual: equal, ordered: .variables(["PT1", "PT2", "PT3", "PT4"])))
        var problems = SEMEntryTests.groupEstimateProblems(result, reference, estimate: 1e-5)
        problems += SEMEntryTests.fitMeasureProblems(
            result, reference.fit, required: ["chisq.scaled", "cfi.scaled", "rmsea.scaled", "srmr"])
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

extension WLSMVGroupsTests {
    /// lavaan's DIFFTEST (lavTestLRT) with observed predictors across groups: configural to equal
    /// loadings to equal thresholds and loadings (engine-wlsmv-groups-covariates/difftest.csv), to 1e-4.
    @Test func differenceTestsWithPredictorsMatchLavaan() throws {
        let reference = try LavaanReference("engine-wlsmv-groups-covariates")
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let fits = try [[], [.loadings], [.thresholds, .loadings]].map { (equal: Set<MultiGroupModel.EqualityClass>) in
            try WLSMVGroupsFit(model: reference.model, data: data, groupColumn: "variant", equal: equal)
        }
        let lavaan = try LavaanReference.table(reference.folder + "/difftest.csv")
        for k in 1...2 {
            let (chisq, df) = WLSMVGroupsFit.differenceTest(restricted: fits[k], free: fits[k - 1])
            let want = Double(lavaan[k]["chisq.diff"] ?? "") ?? .nan
            #expect(abs(chisq - want) < 1e-4 * max(1, want), "\(lavaan[k]["model"] ?? ""): \(chisq) vs \(want)")
            #expect(df == Double(lavaan[k]["df.diff"] ?? ""))
        }
    }
}
