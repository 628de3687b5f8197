import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// GLS and ULS against lavaan's estimator = "GLS" and "ULS" (tools/make-ls-fixtures.R): estimates,
/// standard errors and std.all to 1e-5, fit measures to 1e-4.
@Suite struct LeastSquaresTests {
    @Test(arguments: ["gls/hs", "gls/hs-covariates", "gls/trust", "uls/hs", "uls/hs-covariates", "uls/trust"])
    func estimatesAndFitMatchLavaan(name: String) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/\(name)").path
        let data = try LavaanReference.data(name.hasSuffix("trust") ? "trust-simulated-400.csv" : "holzinger-swineford-1939.csv")
        let table = try ParameterTable(model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8),
                                       options: ModelOptions(fixedExogenous: false))
        let estimator = try #require(LeastSquaresFit.Estimator(rawValue: String(name.prefix(3))))
        let fitted = try LeastSquaresFit(table: table, cases: try CompleteCases(data: data, variables: table.variables.observed), estimator: estimator)
        let ours = Dictionary(fitted.fit.estimates.map { ("\($0.lhs)\($0.op)\($0.rhs)", $0) }, uniquingKeysWith: { a, _ in a })
        let reference = try LavaanReference.table(folder + "/estimates.csv")
        #expect(reference.count == fitted.fit.estimates.count)
        for row in reference {
            let key = "\(row["lhs"] ?? "")\(row["op"] ?? "")\(row["rhs"] ?? "")"
            let estimate = try #require(ours[key], "\(name): \(key) missing")
            #expect(abs(estimate.estimate - (Double(row["est"] ?? "") ?? .nan)) < 1e-5, "\(name) \(key) est \(estimate.estimate)")
            #expect(abs(estimate.standardError - (Double(row["se"] ?? "") ?? .nan)) < 1e-5, "\(name) \(key) se \(estimate.standardError)")
            #expect(abs(estimate.stdAll - (Double(row["std.all"] ?? "") ?? .nan)) < 1e-5, "\(name) \(key) std.all")
        }
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(fitted.measures[key], "\(key) missing")
            #expect(value.isNaN ? ours.isNaN : abs(ours - value) < 1e-4 * max(1, abs(value)), "\(name) \(key): \(ours) vs \(value)")
        }
    }
}
