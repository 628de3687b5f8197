import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// FIML against lavaan's missing = "ml" on the trust data with 8% MCAR (tools/make-fiml-fixtures.R).
@Suite struct FIMLTests {
    static func reference(_ name: String) throws -> (model: String, estimates: [[String: String]], fit: [String: Double]) {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/fiml/\(name)").path
        let fit = try LavaanReference.table(folder + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        return (try String(contentsOfFile: folder + "/model.lav", encoding: .utf8), try LavaanReference.table(folder + "/estimates.csv"), fit)
    }

    @Test func estimatesErrorsAndFitMatchLavaan() throws {
        let reference = try Self.reference("trust")
        let table = try ParameterTable(model: reference.model, options: ModelOptions(meanStructure: true))
        let fiml = try FIMLFit(table: table, data: LavaanReference.data("trust-simulated-400-mcar8.csv"))
        #expect(fiml.patterns.count == 400)
        let ours = Dictionary(uniqueKeysWithValues: fiml.fit.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) })
        for row in reference.estimates {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(key) missing")
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-4, "\(key) est")
            #expect(abs(estimate.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-4, "\(key) se")
        }
        let measures = FitMeasures(fiml: fiml)
        for (key, value) in reference.fit {
            let ours = try #require(measures[key], "\(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(key): \(ours) vs \(value)")
        }
    }
}

extension FIMLTests {
    /// Robust FIML against lavaan's missing = "ml", estimator = "MLR" (tools/make-robust-groups-fixtures.R).
    @Test func robustFIMLMatchesLavaansMLR() throws {
        let reference = try Self.reference("trust-mlr")
        let table = try ParameterTable(model: reference.model, options: ModelOptions(meanStructure: true))
        let fiml = try FIMLFit(table: table, data: LavaanReference.data("trust-simulated-400-mcar8.csv"))
        let robust = try RobustML(fiml: fiml)
        let fit = robust.applied(to: fiml.fit)
        let ours = Dictionary(uniqueKeysWithValues: fit.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) })
        for row in reference.estimates {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(key) missing")
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-4, "\(key) est")
            #expect(abs(estimate.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-4, "\(key) se")
        }
        let measures = robust.measures(FitMeasures(fiml: fiml))
        for (key, value) in reference.fit {
            let ours = try #require(measures[key], "\(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(key): \(ours) vs \(value)")
        }
    }
}

extension FIMLTests {
    /// FIML standard errors from the expected information (lavaan's information = "expected" with
    /// missing = "ml": each pattern's information at the implied moments; fiml/trust-expected, made
    /// by tools/make-fiml-information-fixtures.R); they differ from the observed information's.
    @Test func expectedInformationMatchesLavaan() throws {
        let reference = try Self.reference("trust-expected")
        let observed = try Self.reference("trust")
        let result = try SEM.fit(
            model: reference.model, data: LavaanReference.data("trust-simulated-400-mcar8.csv"),
            options: SEMOptions(missing: .fiml, information: .expected))
        let ours = Dictionary(uniqueKeysWithValues: result.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) })
        var differs = false
        for (row, observedRow) in zip(reference.estimates, observed.estimates) {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(key) missing")
            let want = Double(row["se"] ?? "") ?? .nan
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-4, "\(key) est")
            #expect(abs(estimate.standardError - want) < 1e-4, "\(key) se \(estimate.standardError) vs \(want)")
            differs = differs || abs(want - (Double(observedRow["se"] ?? "") ?? .nan)) > 1e-3
        }
        #expect(differs)
        #expect(abs((result.measures["chisq"] ?? .nan) - (reference.fit["chisq"] ?? .nan)) < 1e-3)
    }
}

extension FIMLTests {
    /// The expected information with missing data across groups (HS's textual factor by school, 10%
    /// MCAR, equal loadings; tools/make-fiml-information-fixtures.R): Σ_g f_g of each group's
    /// pattern-wise information, every estimate and SE as lavaan's to 1e-4, and not the observed ones.
    @Test func expectedInformationAcrossGroupsMatchesLavaan() throws {
        let folder = LavaanReference.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/fiml/groups-expected").path
        let lavaan = try LavaanReference.table(folder + "/estimates.csv")
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/multigroup-fiml/data.csv").path)
        let model = try String(contentsOfFile: folder + "/model.lav", encoding: .utf8)
        var options = SEMOptions(missing: .fiml, information: .expected, group: "school", groupEqual: [.loadings])
        let expected = try SEM.fit(model: model, data: data, options: options)
        options.information = nil
        let observed = try SEM.fit(model: model, data: data, options: options)
        let key = { (lhs: String, op: String, rhs: String, group: String) in "\(lhs)\(op)\(rhs) [\(group)]" }
        let ours = Dictionary(uniqueKeysWithValues: zip(expected.estimates, observed.estimates).map {
            (key($0.0.lhs, $0.0.op, $0.0.rhs, "\($0.0.group)"), $0)
        })
        var differs = false
        for row in lavaan {
            let name = key(row["lhs"] ?? "", row["op"] ?? "", row["rhs"] ?? "", row["group"] ?? "")
            let (estimate, observedRow) = try #require(ours[name], "\(name) missing")
            let want = Double(row["se"] ?? "") ?? .nan
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-4, "\(name) est")
            #expect(abs(estimate.standardError - want) < 1e-4, "\(name) se \(estimate.standardError) vs \(want)")
            differs = differs || abs(want - observedRow.standardError) > 1e-3
        }
        #expect(differs && lavaan.count == expected.estimates.count)
    }
}

