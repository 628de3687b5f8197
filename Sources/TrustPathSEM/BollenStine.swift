import Foundation
import TrustPathLinalg
import TrustPathResampling

/// The Bollen-Stine bootstrap of the model test (Bollen & Stine 1992, "Bootstrapping goodness-of-fit
/// measures in structural equation models", *Sociological Methods & Research* 21, 205–229):
/// the data are first transformed so that the model fits them exactly,
/// Z = (X - x̄) S^{-1/2} Σ̂^{1/2} + μ̂ᵀ, then resampled; the p-value is
/// the share of bootstrap chi-squares at least as large as the observed one (lavaan's
/// `test = "bollen.stine"`). The draws resample the transformed rows through ``Bootstrap``.
public struct BollenStine: Sendable {
    public let chiSquares: [Double]
    public let observed: Double
    public let failed: Int

    /// p = #{χ²_b >= χ²} / B over the successful draws.
    public var pValue: Double {
        chiSquares.isEmpty ? .nan : Double(chiSquares.filter { $0 >= observed }.count) / Double(chiSquares.count)
    }

    public init(fit: SEMFit, cases: CompleteCases, draws: Int, seed: UInt64, jobs: Int = 1) throws(SEMError) {
        let transformed = try BollenStine.transform(cases, sample: fit.model.moments, implied: fit.impliedCovariance,
                                                    impliedMeans: fit.impliedMeans)
        let n = cases.count
        let curvature = fit.inverseHessian
        let bootstrap = Bootstrap.resample(draws: draws, seed: seed, jobs: jobs, scheme: .rows(n), width: 1) { rows in
            let model = fit.model.with(moments: transformed.moments(of: rows[0]))
            guard let solution = try? MLEstimator.estimate(model, start: fit.solution.theta, curvature: curvature) else {
                return nil
            }
            return [Double(n) * solution.discrepancy]
        }
        chiSquares = bootstrap.values[0]
        failed = bootstrap.failedDraws.count
        observed = Double(n) * fit.solution.discrepancy
    }

    /// The test across groups (lavaan's `test = "bollen.stine"` with `group =`): each group's rows
    /// are transformed to its own implied moments, the draws resample within the groups
    /// (``Bootstrap/Scheme/strata(_:)``), and each χ²_b = N·F of the multi-group refit.
    public init(groups fit: MultiGroupFit, draws: Int, seed: UInt64, jobs: Int = 1) throws(SEMError) {
        let model = fit.model
        var groupsTransformed: [CompleteCases] = []
        for (g, cases) in model.cases.enumerated() {
            groupsTransformed.append(
                try BollenStine.transform(
                    cases, sample: model.groups[g].moments, implied: fit.impliedCovariances[g],
                    impliedMeans: fit.impliedMeans[g]))
        }
        let transformed = groupsTransformed
        let n = Double(model.count)
        let bootstrap = Bootstrap.resample(
            draws: draws, seed: seed, jobs: jobs, scheme: .strata(transformed.map(\.count)), width: 1
        ) { rows in
            let drawn = model.with(moments: zip(transformed, rows).map { cases, drawn in cases.moments(of: drawn) })
            guard let problem = try? MultiGroupDiscrepancy(model: drawn),
                let solution = try? MLEstimator.minimize(problem, start: fit.solution.theta, curvature: nil)
            else { return nil }
            return [n * solution.discrepancy]
        }
        chiSquares = bootstrap.values[0]
        failed = bootstrap.failedDraws.count
        observed = n * fit.solution.discrepancy
    }

    /// Adds the p-value and the successful draws to the fit measures and the headline (lavaan's
    /// `bollen.stine.pvalue`), and notes failed draws.
    func record(measures: inout FitMeasures, headline: inout FitMeasures, notes: inout [String]) {
        let values = [("bollen.stine.pvalue", pValue), ("bollen.stine.draws", Double(chiSquares.count))]
        measures = measures.appending(values)
        headline = headline.appending(values)
        if failed > 0 { notes.append("\(failed) Bollen-Stine draws did not converge and were left out") }
    }

    /// Z = (X - x̄) S^{-1/2} Σ̂^{1/2} + μ̂ᵀ, by symmetric square roots from eigen-decompositions.
    static func transform(_ cases: CompleteCases, sample: SampleMoments, implied: Matrix, impliedMeans: [Double]) throws(SEMError) -> CompleteCases {
        guard let sEigen = try? SymmetricEigen(sample.covariance), let iEigen = try? SymmetricEigen(implied),
              sEigen.values.allSatisfy({ $0 > 0 }), iEigen.values.allSatisfy({ $0 > 0 }) else {
            throw SEMError.unsupported("the Bollen-Stine bootstrap when S or the implied covariance matrix is not positive definite")
        }
        func root(_ e: SymmetricEigen, _ power: Double) -> Matrix {
            e.vectors * .diagonal(e.values.map { pow($0, power) }) * e.vectors.transposed
        }
        let rotation = root(sEigen, -0.5) * root(iEigen, 0.5)
        let p = cases.variables.count
        var values = [Double](repeating: 0, count: cases.count * p)
        for i in 0..<cases.count {
            let centred = (0..<p).map { cases.values[i * p + $0] - sample.means[$0] }
            for j in 0..<p {
                var sum = impliedMeans.count == p ? impliedMeans[j] : sample.means[j]
                for k in 0..<p { sum += centred[k] * rotation[k, j] }
                values[i * p + j] = sum
            }
        }
        return CompleteCases(variables: cases.variables, values: values, count: cases.count, droppedRows: cases.droppedRows)
    }
}
