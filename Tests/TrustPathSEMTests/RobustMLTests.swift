import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// MLR and MLM against lavaan's estimator = "MLR" and "MLM" (tools/make-mlr-fixtures.R).
@Suite struct RobustMLTests {
    /// mlr/hs-covariates: fixed exogenous covariates (fixed.x), whose own moments drop out of the traces.
    @Test(arguments: ["mlr/hs", "mlr/trust", "mlm/hs", "mlm/trust", "mlr/hs-covariates"])
    func robustErrorsAndScaledTestMatchLavaan(name: String) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/\(name)").path
        let file = name.contains("/hs") ? "holzinger-swineford-1939.csv" : "trust-simulated-400.csv"
        let table = try ParameterTable(model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8))
        let cases = try CompleteCases(data: LavaanReference.data(file), variables: table.variables.observed)
        let fit = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)))
        let robust = name.hasPrefix("mlm") ? try RobustML(satorraBentler: fit, cases: cases) : try RobustML(fit: fit, cases: cases)
        let inference = robust.applied(to: fit).estimates.map { $0.normalInference() }
        let reference = try LavaanReference.table(folder + "/estimates.csv")
        #expect(reference.count == fit.estimates.count)
        for (row, (estimate, i)) in zip(reference, zip(fit.estimates, inference)) {
            #expect(row["lhs"] == estimate.lhs && row["op"] == estimate.op)
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-4)
            #expect(abs(i.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-4, "\(name) \(estimate.lhs) \(estimate.op) \(estimate.rhs) se")
        }
        let measures = robust.measures(FitMeasures(fit: fit))
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(measures[key], "\(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(name) \(key): \(ours) vs \(value)")
        }
    }
}
