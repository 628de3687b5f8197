import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// WLSMV against lavaan's estimator = "WLSMV" with every item ordered (tools/make-wlsmv-fixtures.R): the
/// sample thresholds, polychoric correlations and Γ to 1e-6, estimates and standard errors to 1e-5 (lavaan's
/// own optimiser stops about 3e-6 from the optimum), the fit measures to 1e-4 (scaled ones to 1e-3).
@Suite struct WLSMVTests {
    static func cases(_ name: String) throws -> (ParameterTable, CompleteCases, String) {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/wlsmv/\(name)").path
        let data = name == "trust" ? try LavaanReference.data("trust-likert-400.csv")
            : try SurveyReader.read(folder + "/data.csv")
        let table = try ParameterTable(model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8))
        return (table, try CompleteCases(data: data, variables: table.variables.observed), folder)
    }

    /// The continuous variables of a fixture: the HA and PT items of "mixed" (tools/make-wlsmv-mixed-fixtures.R).
    static func continuous(_ name: String, _ table: ParameterTable) -> Set<String> {
        name == "mixed" ? Set(table.variables.observed.filter { $0.hasPrefix("HA") || $0.hasPrefix("PT") }) : []
    }

    static func fit(_ name: String) throws -> (WLSMVFit, String) {
        let (table, cases, folder) = try Self.cases(name)
        return (try WLSMVFit(table: table, cases: cases, continuous: Self.continuous(name, table)), folder)
    }

    /// "mixed": ordinal items beside continuous ones (polyserial and Pearson correlations, means and
    /// variances); lavaan's polyserial optimiser stops within 5.4e-8 of the root this one finds.
    @Test(arguments: ["trust", "sparse", "mixed"])
    func thresholdsPolychoricsAndGammaMatchLavaan(name: String) throws {
        let (table, cases, folder) = try Self.cases(name)
        let moments = try PolychoricMoments(cases, continuous: Self.continuous(name, table))
        let reference = try LavaanReference.table(folder + "/sample.csv")
        let statistics = moments.statistics
        #expect(reference.count == statistics.count)
        for (row, value) in zip(reference, statistics) {
            #expect(abs(value - (Double(row["value"] ?? "") ?? .nan)) < 1e-6, "\(name) \(row["statistic"] ?? "")")
        }
        for (row, value) in zip(reference, moments.gammaDiagonal) {
            let expected = Double(row["gamma"] ?? "") ?? .nan
            #expect(abs(value - expected) < 1e-5 * max(1, abs(expected)), "\(name) Γ \(row["statistic"] ?? ""): \(value) vs \(expected)")
        }
    }

    @Test(arguments: ["trust", "sparse", "mixed"])
    func estimatesAndScaledTestMatchLavaan(name: String) throws {
        let (fit, folder) = try Self.fit(name)
        let ours = Dictionary(fit.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) }, uniquingKeysWith: { a, _ in a })
        // lavaan's rows in lavaan's order, the fixed scale factors, intercepts and latent means included.
        let reference = try LavaanReference.table(folder + "/estimates.csv")
        #expect(fit.estimates.map { "\($0.lhs)\($0.op)\($0.rhs)" } == reference.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")" })
        for row in reference {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(name): \(key) missing")
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-5, "\(name) \(key) est")
            #expect(abs(estimate.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-5, "\(name) \(key) se \(estimate.standardError) vs \(row["se"] ?? "")")
            #expect(abs(estimate.stdAll - (Double(row["std.all"] ?? "") ?? .nan)) < 1e-4, "\(name) \(key) std.all")
        }
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(fit.measures[key], "\(key) missing")
            let tolerance = key.contains("scaled") || key.contains("baseline") ? 1e-3 : 1e-4
            #expect(abs(ours - value) < tolerance * max(1, abs(value)), "\(name) \(key): \(ours) vs \(value)")
        }
    }
}

/// Ordinal items conditional on covariates (lavaan's conditional.x; tools/make-wlsmv-covariates-fixtures.R):
/// the probit thresholds and slopes, the residual polychoric correlations and Γ. lavaan's optimisers stop
/// within about 1e-8 of the roots found here (SPEC.md beside the fixture).
@Suite struct ConditionalMomentsTests {
    @Test func statisticsAndGammaMatchLavaan() throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/wlsmv/covariates").path
        let items = ["HA1", "HA2", "HA3", "HA4", "PT1", "PT2", "PT3", "PT4"], covariates = ["age", "female"]
        let cases = try CompleteCases(data: SurveyReader.read(folder + "/data.csv"), variables: items + covariates)
        let moments = try ConditionalMoments(cases, items: items, covariates: covariates)
        let reference = try LavaanReference.table(folder + "/sample.csv")
        #expect(reference.count == moments.statistics.count)
        for (row, (value, gamma)) in zip(reference, zip(moments.statistics, moments.gammaDiagonal)) {
            let expected = Double(row["value"] ?? "") ?? .nan, expectedGamma = Double(row["gamma"] ?? "") ?? .nan
            #expect(abs(value - expected) < 1e-6, "\(row["statistic"] ?? ""): \(value) vs \(expected)")
            #expect(abs(gamma - expectedGamma) < 1e-6 * max(1, abs(expectedGamma)), "Γ \(row["statistic"] ?? ""): \(gamma) vs \(expectedGamma)")
        }
    }
}

extension ConditionalMomentsTests {
    /// The model conditional on the covariates: estimates, SEs, std.all and fit against lavaan's conditional.x fit.
    @Test func conditionalFitMatchesLavaan() throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/wlsmv/covariates").path
        let table = try ParameterTable(model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8))
        let cases = try CompleteCases(data: SurveyReader.read(folder + "/data.csv"), variables: table.variables.observed)
        let fit = try ConditionalWLSMVFit(table: table, cases: cases)
        let ours = Dictionary(fit.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) }, uniquingKeysWith: { a, _ in a })
        for row in try LavaanReference.table(folder + "/estimates.csv") where !["~*~", "~1"].contains(row["op"] ?? "") {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(key) missing")
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-5, "\(key) est \(estimate.estimate)")
            #expect(abs(estimate.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-5, "\(key) se \(estimate.standardError)")
            #expect(abs(estimate.stdAll - (Double(row["std.all"] ?? "") ?? .nan)) < 1e-4, "\(key) std.all \(estimate.stdAll)")
        }
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(fit.measures[key], "\(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(key): \(ours) vs \(value)")
        }
    }
}

extension WLSMVTests {
    /// lavaan's other least-squares estimators of ordered items on the trust SEM
    /// (tools/make-ordinal-estimator-fixtures.R): DWLS and ULS with standard errors (ΔᵀWΔ)⁻¹/(N-1) and
    /// the unscaled test (ULS's without a p-value), ULSMV with unit weights, robust errors and the
    /// scaled-shifted test; estimates and SEs to 1e-5, fit measures as above, and no scaled measure
    /// where lavaan has none (TrustPath adds only ntotal and the scaled test's shift, which lavaan's
    /// fitMeasures() leaves out for ordered items but its summary prints).
    @Test(arguments: [SEMOptions.Estimator.dwls, .uls, .ulsmv])
    func otherLeastSquaresEstimatorsMatchLavaan(_ estimator: SEMOptions.Estimator) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/wlsmv/trust-\(estimator.rawValue)").path
        let result = try SEM.fit(
            model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8),
            data: try LavaanReference.data("trust-likert-400.csv"),
            options: SEMOptions(estimator: estimator, ordered: .all))
        let reference = try LavaanReference.table(folder + "/estimates.csv")
        #expect(result.estimates.map { "\($0.lhs)\($0.op)\($0.rhs)" }
                == reference.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")" })
        for (ours, row) in zip(result.estimates, reference) {
            let key = "\(ours.lhs)\(ours.op)\(ours.rhs)"
            #expect(abs(ours.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-5, "\(key) est")
            #expect(abs(ours.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-5,
                    "\(key) se \(ours.standardError) vs \(row["se"] ?? "")")
        }
        let lavaan = try LavaanReference.table(folder + "/fit.csv")
        for row in lavaan {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            guard let ours = result.measures[key] else {
                #expect(!["chisq", "pvalue", "cfi", "rmsea", "srmr", "chisq.scaled"].contains(key), "\(key) missing")
                continue
            }
            let tolerance = key.contains("scaled") || key.contains("baseline") ? 1e-3 : 1e-4
            #expect(ours.isNaN == value.isNaN, "\(key): \(ours) vs \(value)")
            if !value.isNaN { #expect(abs(ours - value) < tolerance * max(1, abs(value)), "\(key): \(ours) vs \(value)") }
        }
        let names = Set(lavaan.compactMap { $0["measure"] })
        let extra = result.measures.values.map(\.name).filter {
            !names.contains($0) && !["ntotal", "chisq.shift.parameter"].contains($0)
        }
        #expect(extra.isEmpty, "\(extra)")
    }
}
