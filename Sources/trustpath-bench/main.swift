import Foundation
import TrustPathLinalg
import TrustPathSurvey

/// `make bench`: timings of `trustpath describe` on a generated survey file.
///
/// Generates (once) a rows x 30 CSV of 7-point Likert answers with 2% missing cells from a seeded
/// stream, then reports the median of several runs of: reading the file, computing the description,
/// and the whole `trustpath describe` process (read, compute, write four files), plus the peak
/// resident memory of that process beside the file's size.
struct BenchOptions {
    var rows = 100_000
    var columns = 30
    var repeats = 5
    var trustpath = ".build/release/trustpath"
    var semFits = 200
    var bootstrapDraws = 5000
    /// Run only this section (describe, measure, sem, robust, pls, import); nil: all.
    var only: String?

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rows": rows = iterator.next().flatMap(Int.init) ?? rows
            case "--repeats": repeats = iterator.next().flatMap(Int.init) ?? repeats
            case "--trustpath": trustpath = iterator.next() ?? trustpath
            case "--sem-fits": semFits = iterator.next().flatMap(Int.init) ?? semFits
            case "--bootstrap": bootstrapDraws = iterator.next().flatMap(Int.init) ?? bootstrapDraws
            case "--only": only = iterator.next()
            default: FileHandle.standardError.write(Data("trustpath-bench: ignoring '\(argument)'\n".utf8))
            }
        }
    }
}

func generate(_ path: String, rows: Int, columns: Int) throws {
    if FileManager.default.fileExists(atPath: path) { return }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let stream = RandomStream(seed: 20261125)
    var text = (1...columns).map { "q\($0)" }.joined(separator: ",") + "\n"
    text.reserveCapacity(rows * columns * 2 + 1000)
    for _ in 0..<rows {
        let trait = stream.normal()
        for c in 0..<columns {
            if c > 0 { text += "," }
            if stream.uniform() < 0.02 { continue }
            let answer = (4 + 1.2 * trait + stream.normal()).rounded()
            text += String(Int(min(7, max(1, answer))))
        }
        text += "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double) -> String { String(format: "%8.3f s", value) }

/// The describe timings: reading, computing and the whole `trustpath describe` process, with its peak memory.
func describeBenchmark(_ options: BenchOptions, file: String) throws {
    try generate(file, rows: options.rows, columns: options.columns)
    var data: SurveyData?
    let readTimes = try (0..<options.repeats).map { _ in try seconds { data = try SurveyReader.read(file) } }
    guard let data else { throw SurveyError.noDataRows(file: file) }
    let computeTimes = (0..<options.repeats).map { _ in seconds { _ = SurveyDescription(data) } }
    var wallTimes: [Double] = []
    var peakKiB = 0
    for _ in 0..<options.repeats {
        wallTimes.append(try ChildProcess.time(options.trustpath, ["describe", file, "--out", "bench-data/describe-out"]))
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        peakKiB = max(peakKiB, usage.ru_maxrss)
    }
    let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    print("trustpath describe on \(file): \(options.rows) rows x \(options.columns) columns, "
        + "\(size / 1024) KiB; median of \(options.repeats) runs on \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("  read CSV            \(format(median(readTimes)))")
    print("  compute description \(format(median(computeTimes)))")
    print("  whole process       \(format(median(wallTimes)))  (read, compute, write 4 files)")
    print("  peak memory         \(String(format: "%8.1f", Double(peakKiB) / 1024)) MiB resident (file: \(size / 1024 / 1024) MiB)")
    print("")
}

let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
let file = "bench-data/survey-\(options.rows)x\(options.columns).csv"
do {
    let runs = { (section: String) -> Bool in options.only == nil || options.only == section }
    if runs("describe") { try describeBenchmark(options, file: file) }
    if runs("measure") { try MeasureBenchmark.run(trustpath: options.trustpath) }
    if runs("sem") { try SEMBenchmark.run(trustpath: options.trustpath, fits: options.semFits, bootstrapDraws: options.bootstrapDraws) }
    if runs("robust") { try RobustBenchmark.run() }
    if runs("pls") { try PLSBenchmark.run() }
    if runs("import") { try ImportBenchmark.run(trustpath: options.trustpath) }
} catch let error as SurveyError {
    FileHandle.standardError.write(Data("trustpath-bench: \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("trustpath-bench: \(error)\n".utf8))
    exit(1)
}
