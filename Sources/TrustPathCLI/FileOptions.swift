import ArgumentParser
import Foundation

/// `--data` and `--out`: the survey file a verb reads and the directory it writes its report to,
/// shared by every verb that reads a data file by option and writes a report (each verb names its
/// default directory after its input, e.g. Reports/<data file name>-measure).
struct FileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The survey data: a CSV file, SPSS (.sav, .zsav), Stata (.dta), Excel (.xlsx) or a platform export.",
            valueName: "file"))
    var data: String

    @Option(
        help: ArgumentHelp(
            "Output directory (default: Reports/<input file name>-<verb>; written atomically).", valueName: "dir"))
    var out: String?

    /// The data file's name without its folder, as reports cite it.
    var dataName: String { (data as NSString).lastPathComponent }
}
