import Foundation

/// Whole-process timings of `trustpath measure` on the 24-item trust Likert data (n = 400) with a
/// 2,000-draw HTMT bootstrap, on one job and on all cores, beside R (psych, lavaan, semTools) doing
/// the same in tools/bench-measure.R when Rscript is installed.
enum MeasureBenchmark {
    static func run(trustpath: String) throws {
        let arguments = ["measure", "--data", "Surveys/reference/trust-likert-400.csv", "--instrument", "Surveys/reference/trust-instrument.yaml",
                         "--bootstrap", "2000", "--out", "bench-data/measure-out"]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let one = try (0..<3).map { _ in try ChildProcess.time(trustpath, arguments + ["--jobs", "1"]) }
        let all = try (0..<3).map { _ in try ChildProcess.time(trustpath, arguments + ["--jobs", "\(cores)"]) }
        print("trustpath measure, trust Likert data (n = 400, 24 items, 6 constructs), 2,000-draw HTMT bootstrap; whole process, median of 3")
        print("  trustpath, 1 job        \(String(format: "%8.2f s", median(one)))")
        print("  trustpath, \(cores) jobs       \(String(format: "%8.2f s", median(all)))")
        if let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = try ChildProcess.time(rscript, ["tools/bench-measure.R"])
            print("  R psych+lavaan+semTools \(String(format: "%8.2f s", r))  (tools/bench-measure.R, one run; \(String(format: "%.0f", r / median(one)))x the 1-job time)")
        } else {
            print("  R psych+lavaan+semTools     not run: Rscript is not installed (apt-get install r-cran-semtools r-cran-psych)")
        }
        print("")
    }
}
