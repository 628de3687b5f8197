import Foundation

/// Reading a 100,000-row x 60-column SPSS file: the whole `trustpath describe` process (read the
/// .sav through ReadStat, describe, write four files), median of 3, beside haven::read_sav reading
/// it (tools/bench-import.R, which also writes the file) when Rscript is installed.
enum ImportBenchmark {
    static func run(trustpath: String) throws {
        let path = "bench-data/survey-100000x60.sav"
        guard let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("\nimport: not run (Rscript and haven write the .sav file)\n")
            return
        }
        _ = try ChildProcess.time(rscript, ["tools/bench-import.R"])
        let times = try (0..<3).map { _ in try ChildProcess.time(trustpath, ["describe", path, "--out", "bench-data/describe-sav"]) }
        let text = (try? String(contentsOfFile: "bench-data/haven-sav.txt", encoding: .utf8)) ?? ""
        let haven = text.split(separator: " ").last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        print("\nSPSS import, \(path) (100,000 rows x 60 labelled items), median of 3")
        print(String(format: "  trustpath describe, whole process  %6.2f s  (read, describe, write 4 files)", median(times)))
        if let haven { print(String(format: "  haven::read_sav, read only         %6.2f s", haven)) }
        print("")
    }
}
