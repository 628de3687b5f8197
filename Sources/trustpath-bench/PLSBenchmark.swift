import Foundation
import TrustPathPLS
import TrustPathSurvey

/// The 5,000-draw PLS bootstrap of the trust model (n = 400, 6 constructs, 24 indicators) on one
/// job and on all cores, beside seminr's per-draw cost (tools/bench-pls.R, run when Rscript is
/// installed and SEMINR_SOURCE names an extracted seminr source folder, since seminr cannot be
/// installed from Debian's packages).
enum PLSBenchmark {
    static func run() throws {
        let model = try PLSModel(syntax: String(contentsOfFile: "Surveys/reference/trust-pls.lav", encoding: .utf8))
        let data = try StandardizedData(data: try SurveyReader.read("Surveys/reference/trust-simulated-400.csv"), indicators: model.indicators)
        let estimate = try PLSEstimate(model: model, data: data)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let single = median((0..<3).map { _ in seconds { _ = PLSBootstrap(estimate: estimate, data: data, draws: 5000, seed: 1, jobs: 1) } })
        let all = median((0..<3).map { _ in seconds { _ = PLSBootstrap(estimate: estimate, data: data, draws: 5000, seed: 1, jobs: cores) } })
        print("\nPLS-SEM, trust model (n = 400, 6 constructs, 24 indicators): 5,000-draw bootstrap (paths, loadings, weights, effects, HTMT), median of 3")
        print(String(format: "  trustpath, 1 job            %6.2f s", single))
        print(String(format: "  trustpath, %d jobs           %6.2f s  (%.2fx)", cores, all, single / all))
        if let source = ProcessInfo.processInfo.environment["SEMINR_SOURCE"],
           let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            _ = try ChildProcess.time(rscript, ["tools/bench-pls.R", source])
            let text = (try? String(contentsOfFile: "bench-data/seminr-bootstrap.txt", encoding: .utf8)) ?? ""
            if let perDraw = text.split(separator: " ").last.flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                let seminr = perDraw * 5000
                print(String(format: "  seminr 2.3.1, 1 core        %6.1f s  (per-draw time of 200 draws x 5,000; %.0fx the 1-job time)", seminr, seminr / single))
            }
        } else {
            print("  seminr: not run (needs Rscript and SEMINR_SOURCE, the folder of seminr's extracted source)")
        }
        print("")
    }
}
