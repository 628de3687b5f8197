import ArgumentParser
import Foundation

/// `--jobs`: the threads a verb computes on, shared by every verb that resamples, simulates or
/// fits by numerical derivatives. Any number gives the same numbers.
struct JobsOptions: ParsableArguments {
    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Threads (default: all cores); the results are identical for any number.", valueName: "n"))
    var asked: Int?

    /// The threads asked for, or all cores.
    var jobs: Int { asked ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let asked, asked < 1 { throw ValidationError("--jobs must be at least 1, not \(asked)") }
    }
}

/// `--seed` and `--jobs`: shared by every verb with random draws (bootstrap, parallel analysis,
/// PLSpredict's folds). Each draw has its own random stream derived from the seed, so the same
/// seed gives the same numbers for any `--jobs`.
struct ResamplingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Seed of the random streams; the same seed gives the same result for any --jobs.", valueName: "n"))
    var seed: UInt64 = 1

    @OptionGroup var threads: JobsOptions

    var jobs: Int { threads.jobs }
}
