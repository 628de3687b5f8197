import Foundation
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Median times of the trust SEM (n = 400) fitted by MLR (estimates, sandwich SEs, scaled and
/// robust fit measures), by FIML on the 8% MCAR data (EM saturated model, estimates,
/// observed-information SEs, fit measures) and by WLSMV on its 7-point Likert version (thresholds,
/// polychoric correlations and their Γ, DWLS estimates, robust SEs, scaled-shifted test and fit
/// measures), by robust FIML (MLR on the MCAR data: sandwich, scaled test, FIML-corrected robust
/// indices), and the campaign model's ordinal items across its two variants (scalar WLSMV fit; the
/// configural-metric-scalar invariance sequence with its DIFFTESTs), and a 200-draw FIML bootstrap
/// (the MIMIC model with covariates on HS with 10% MCAR, 2 jobs; one run), beside lavaan doing the
/// same (tools/bench-sem-breadth.R; its bootstrap serial) when Rscript is installed.
enum RobustBenchmark {
    static func run() throws {
        let table = try ParameterTable(model: String(contentsOfFile: "Surveys/reference/trust.lav", encoding: .utf8))
        let complete = try SurveyReader.read("Surveys/reference/trust-simulated-400.csv")
        let cases = try CompleteCases(data: complete, variables: table.variables.observed)
        let mlr = try (0..<20).map { _ in
            try seconds {
                let fit = try SEMFit(try SEMModel(table: table, moments: SampleMoments(cases)))
                let robust = try RobustML(fit: fit, cases: cases)
                _ = robust.measures(FitMeasures(fit: robust.applied(to: fit)))
            }
        }
        let withMeans = try ParameterTable(model: String(contentsOfFile: "Surveys/reference/trust.lav", encoding: .utf8), options: ModelOptions(meanStructure: true))
        let mcar = try SurveyReader.read("Surveys/reference/trust-simulated-400-mcar8.csv")
        let fiml = try (0..<5).map { _ in try seconds { _ = FitMeasures(fiml: try FIMLFit(table: withMeans, data: mcar)) } }
        let likert = try SurveyReader.read("Surveys/reference/trust-likert-400.csv")
        let likertCases = try CompleteCases(data: likert, variables: table.variables.observed)
        let wlsmv = try (0..<20).map { _ in try seconds { _ = try WLSMVFit(table: table, cases: likertCases) } }
        let robustFIML = try (0..<5).map { _ in
            try seconds {
                let fitted = try FIMLFit(table: withMeans, data: mcar)
                _ = try RobustML(fiml: fitted).measures(FitMeasures(fiml: fitted))
            }
        }
        let campaign = try String(contentsOfFile: "Surveys/campaign-ab/model.lav", encoding: .utf8)
        let responses = try SurveyReader.read("Surveys/campaign-ab/responses.csv")
        let groupsWLSMV = try (0..<5).map { _ in
            try seconds { _ = try WLSMVGroupsFit(model: campaign, data: responses, groupColumn: "variant", equal: [.loadings, .thresholds]) }
        }
        let sequence = try (0..<3).map { _ in
            try seconds { _ = try InvarianceSequence(model: campaign, data: responses, groupColumn: "variant", estimator: .wlsmv) }
        }
        let mimic = "Tests/TrustPathSEMTests/Fixtures/engine-fiml-covariates/"
        let mimicModel = try String(contentsOfFile: mimic + "model.lav", encoding: .utf8)
        let mimicData = try SurveyReader.read(mimic + "data.csv")
        let bootstrapOptions = SEMOptions(
            missing: .fiml, se: .bootstrap, bootstrap: .init(draws: 200, seed: 1), jobs: 2)
        let fimlBootstrap = try [seconds { _ = try SEM.fit(model: mimicModel, data: mimicData, options: bootstrapOptions) }]
        print("\ntrust SEM (n = 400): robust, missing-data and ordinal fits, each with its fit measures")
        var lavaan: [String: Double] = [:]
        if let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            _ = try ChildProcess.time(rscript, ["tools/bench-sem-breadth.R"])
            let text = (try? String(contentsOfFile: "bench-data/lavaan-sem-breadth.txt", encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let value = Double(parts[1]) { lavaan[String(parts[0])] = value }
            }
        }
        for (name, times, key) in [("MLR, complete data       ", mlr, "mlr"), ("FIML, 8% MCAR            ", fiml, "fiml"),
                                  ("WLSMV, 7-point Likert    ", wlsmv, "wlsmv"), ("robust FIML (MLR), MCAR  ", robustFIML, "robust_fiml"),
                                  ("WLSMV, 2 groups, scalar  ", groupsWLSMV, "wlsmv_groups"), ("WLSMV invariance, 3 steps", sequence, "wlsmv_invariance"),
                                  ("FIML bootstrap, 200 draws", fimlBootstrap, "fiml_bootstrap")] {
            let ours = median(times)
            let beside = lavaan[key].map { String(format: "   lavaan %8.1f ms  (%.0fx)", $0 * 1000, $0 / ours) } ?? "   lavaan: not run (Rscript not installed)"
            print("  \(name) \(SEMBenchmark.milliseconds(ours))\(beside)")
        }
        print("")
    }
}
