import Foundation
import Testing
import TrustPathModelSpec
@testable import TrustPathSEM
import TrustPathSurvey

@Suite struct AnalyticDerivatives {
    /// The analytic gradient of F_ML equals central differences of F at the start values, for
    /// models with loadings, regressions on latent and observed variables, covariances and means.
    @Test(arguments: ["hs-cfa", "hs-covariates-means", "poldem-sem", "trust-sem"])
    func gradientMatchesFiniteDifferences(_ name: String) throws {
        let reference = try LavaanReference(name)
        let data = ["hs-cfa": "holzinger-swineford-1939.csv", "hs-covariates-means": "holzinger-swineford-1939.csv",
                    "poldem-sem": "political-democracy.csv", "trust-sem": "trust-simulated-400.csv"][name] ?? ""
        let table = try ParameterTable(model: reference.model, options: ModelOptions(meanStructure: name.contains("means")))
        let model = try SEMModel(table: table, moments: try SampleMoments(data: try LavaanReference.data(data), variables: table.variables.observed))
        let theta = StartValues.vector(for: model).map { $0 * 1.05 + 0.01 }
        let logDetS = try model.moments.covariance.logDeterminantSPD()
        func f(_ t: [Double]) throws -> Double {
            try ModelEvaluation(model: model, theta: t).discrepancy(model.moments, logDeterminantS: logDetS, withMeans: model.lisrel.hasMeans)
        }
        let e = try ModelEvaluation(model: model, theta: theta)
        let analytic = ParameterDerivatives.gradient(model: model, evaluation: e)
        for a in theta.indices {
            let h = 1e-6 * max(1, abs(theta[a]))
            var plus = theta, minus = theta
            plus[a] += h
            minus[a] -= h
            let numeric = (try f(plus) - f(minus)) / (2 * h)
            let row = model.firstRow(ofCoordinate: a)
            #expect(abs(numeric - analytic[a]) < 1e-6 * max(1, abs(numeric)), "\(row.lhs) \(row.op) \(row.rhs): \(analytic[a]) vs \(numeric)")
        }
    }
}
