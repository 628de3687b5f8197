import Foundation
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Timings of the 24-indicator trust SEM: in-process fits (the estimator only, and the whole fit
/// with standard errors, fit measures and modification indices), the whole `trustpath sem` process
/// at n = 400, and the estimator at n = 20,000 on data simulated from the fitted model.
enum SEMBenchmark {
    static func run(trustpath: String, fits: Int, bootstrapDraws: Int) throws {
        let modelPath = "Surveys/reference/trust.lav", dataPath = "Surveys/reference/trust-simulated-400.csv"
        let table = try ParameterTable(model: String(contentsOfFile: modelPath, encoding: .utf8))
        let data = try SurveyReader.read(dataPath)
        let moments = try SampleMoments(data: data, variables: table.variables.observed)
        let model = try SEMModel(table: table, moments: moments)

        let estimatorTimes = try (0..<fits).map { _ in try seconds { _ = try MLEstimator.estimate(model) } }
        let fullTimes = try (0..<max(1, fits / 10)).map { _ in
            try seconds {
                let fit = try SEMFit(model)
                _ = fit.estimates
                _ = FitMeasures(fit: fit)
                _ = fit.modificationIndices
            }
        }
        let processTimes = try (0..<9).map { _ in
            try ChildProcess.time(trustpath, ["sem", modelPath, "--data", dataPath, "--out", "bench-data/sem-out"])
        }
        let cases = try CompleteCases(data: data, variables: table.variables.observed)
        let fit = try SEMFit(model)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let bootstrapOne = seconds { _ = SEMBootstrap(fit: fit, cases: cases, draws: bootstrapDraws, seed: 1, jobs: 1) }
        let bootstrapAll = seconds { _ = SEMBootstrap(fit: fit, cases: cases, draws: bootstrapDraws, seed: 1, jobs: cores) }
        let large = try SEMModel(table: table, moments: simulatedMoments(from: fit, count: 20_000))
        let largeTimes = try (0..<max(1, fits / 10)).map { _ in try seconds { _ = try MLEstimator.estimate(large) } }

        print("trust SEM (6 factors, 24 indicators, 60 free parameters), ML")
        print("  estimator only, n = 400     \(milliseconds(median(estimatorTimes)))  (median of \(fits) fits)")
        print("  full fit, n = 400           \(milliseconds(median(fullTimes)))  (estimates, SEs, fit measures, modification indices)")
        print("  trustpath sem process       \(milliseconds(median(processTimes)))  (read, fit, write 5 files; median of 9)")
        print("  estimator only, n = 20,000  \(milliseconds(median(largeTimes)))")
        print("  bootstrap, \(bootstrapDraws) draws, 1 job   \(String(format: "%8.2f s", bootstrapOne))")
        print("  bootstrap, \(bootstrapDraws) draws, \(cores) jobs  \(String(format: "%8.2f s", bootstrapAll))  "
            + "(\(String(format: "%.2f", bootstrapOne / bootstrapAll))x; identical draws)")
    }

    /// The moments of `count` rows drawn from N(μ̂, Σ̂) with a seeded stream.
    static func simulatedMoments(from fit: SEMFit, count: Int) throws -> SampleMoments {
        let sigma = fit.impliedCovariance, p = sigma.rows
        let lower = try sigma.cholesky().lower
        let stream = RandomStream(seed: 400)
        var sums = [Double](repeating: 0, count: p)
        var rows: [[Double]] = []
        for _ in 0..<count {
            let z = (0..<p).map { _ in stream.normal() }
            let x = lower * z
            rows.append(x)
            for i in 0..<p { sums[i] += x[i] }
        }
        let means = sums.map { $0 / Double(count) }
        var covariance = Matrix(rows: p, columns: p)
        for x in rows { for i in 0..<p { for j in 0..<p { covariance[i, j] += (x[i] - means[i]) * (x[j] - means[j]) } } }
        return SampleMoments(variables: fit.model.moments.variables, means: means,
                             covariance: (1 / Double(count)) * covariance, count: count)
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%8.2f ms", seconds * 1000) }
}
