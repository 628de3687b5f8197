import ArgumentParser
import Foundation
import TrustPathLinalg
import TrustPathReport
import TrustPathSEM

/// `trustpath simulate`: survey data drawn from a population model in lavaan syntax.
struct SimulateCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Draw survey data from a population model written in lavaan syntax (as lavaan's simulateData).",
        discussion: """
            Numbers in the model are population values: 'PT =~ 0.8*PT1 + 0.7*PT2', 'PI ~ 0.5*PT'. What is not \
            written is 1 for loadings (0.7 with --standardized) and variances, 0 otherwise; latent variables \
            have variance 1. 'c(0.6, 0.3)*PT' gives one value per group, 'PT ~ c(0, 0.3)*1' group means.

            --standardized sets residual variances as lavaan's simulateData(standardized = TRUE): observed \
            variances are 1, so loadings are standardized. --standardized-latent also makes every latent \
            variance 1, so that structural paths are standardized coefficients too.

            --likert K cuts every variable into categories 1..K at thresholds on its population z-score \
            (default: K-1 points evenly spaced from -2 to 2); --missing-mcar P blanks each answer with \
            probability P. --survey-columns adds respondent_id, consent ("yes") and duration_s (log-normal, \
            median 7 minutes). The same seed gives the same file on any machine and any number of cores.

            Example:
              trustpath simulate Surveys/culture/population.lav --groups CN:150,DE:150,US:150 --group-column country \\
                --standardized-latent --likert 7 --seed 7 --out simulated.csv
            """
    )

    @Argument(help: ArgumentHelp("The population model (lavaan syntax with values).", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("Number of respondents (one group).", valueName: "n"))
    var n: Int?

    @Option(help: ArgumentHelp("Several groups as label:n pairs, e.g. live:225,short:225.", valueName: "groups"))
    var groups: String?

    @Option(help: ArgumentHelp("The name of the group column.", valueName: "name"))
    var groupColumn: String = "group"

    @Option(help: ArgumentHelp("Random seed.", valueName: "seed"))
    var seed: UInt64 = 1

    @Flag(help: "Residual variances set so that observed variances are 1 (lavaan's standardized = TRUE).")
    var standardized = false

    @Flag(help: "As --standardized, and every latent variance 1 too (standardized structural paths).")
    var standardizedLatent = false

    @Option(help: ArgumentHelp("Cut every variable into K ordered categories 1..K.", valueName: "K"))
    var likert: Int?

    @Option(help: ArgumentHelp("K-1 increasing thresholds on the z scale, comma-separated (write --thresholds=-1,0,1 when the first is negative).", valueName: "t1,t2,..."))
    var thresholds: String?

    @Option(help: ArgumentHelp("Probability that an answer is missing (completely at random).", valueName: "p"))
    var missingMcar: Double = 0

    @Flag(help: "Add respondent_id, consent and duration_s columns.")
    var surveyColumns = false

    @Option(help: ArgumentHelp("Output CSV file (default: Reports/<model>-simulated/data.csv).", valueName: "file"))
    var out: String?

    func validate() throws {
        guard (n == nil) != (groups == nil) else { throw ValidationError("give either --n (one group) or --groups label:n,... (several)") }
        if let n, n < 1 { throw ValidationError("--n must be at least 1, not \(n)") }
        if standardized && standardizedLatent { throw ValidationError("give --standardized or --standardized-latent, not both") }
        if thresholds != nil && likert == nil { throw ValidationError("--thresholds needs --likert K") }
        guard (0..<1).contains(missingMcar) else { throw ValidationError("--missing-mcar must be at least 0 and below 1, not \(missingMcar)") }
    }

    /// The groups' labels and sizes.
    func groupSizes() throws -> [(label: String, size: Int)] {
        guard let groups else { return [("", n ?? 0)] }
        var result: [(label: String, size: Int)] = []
        for part in groups.split(separator: ",") {
            let pieces = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[0].isEmpty, let size = Int(pieces[1]), size >= 1 else {
                throw ValidationError("--groups expects label:n pairs such as live:225,short:225; '\(part)' is not one")
            }
            guard !result.contains(where: { $0.label == pieces[0] }) else { throw ValidationError("--groups names '\(pieces[0])' twice") }
            result.append((pieces[0], size))
        }
        guard result.count >= 2 else { throw ValidationError("--groups needs at least two groups; use --n for one") }
        return result
    }

    func execute(console: Console) throws {
        let text: String
        do { text = try String(contentsOfFile: model, encoding: .utf8) } catch { throw CLIError.unreadableModel(file: model) }
        let sizes = try groupSizes()
        let scaling: PopulationModel.Scaling = standardizedLatent ? .standardizedLatent : (standardized ? .standardized : .raw)
        let sample: SimulatedSample
        do {
            let cut = try likert.map { k throws(SimulationError) in try LikertCut(categories: k, thresholds: try parsedThresholds()) }
            let population = try PopulationModel(model: text, groupCount: sizes.count, scaling: scaling)
            sample = try SimulatedSample(population: population, sizes: sizes.map(\.size), seed: seed, likert: cut, missingRate: missingMcar)
        } catch {
            throw CLIError.simulation(model: model, error)
        }
        let table = try self.table(sample, labels: groups == nil ? nil : sizes.map(\.label))
        let path = out ?? DataOptions.defaultOutputDirectory(for: model, suffix: "simulated") + "/data.csv"
        var bundle = OutputBundle()
        bundle.add((path as NSString).lastPathComponent, table.rendered())
        let directory = (path as NSString).deletingLastPathComponent
        try bundle.write(to: directory.isEmpty ? "." : directory)
        let groupText = groups == nil ? "" : " in \(sizes.count) groups (" + sizes.map { "\($0.label) \($0.size)" }.joined(separator: ", ") + ")"
        console.write("Simulated \(sample.count) respondents\(groupText) x \(sample.variables.count) variables from \(model) "
            + "(\(scaling.rawValue) values, seed \(seed)\(likert.map { ", \($0)-point categories" } ?? "")"
            + (missingMcar > 0 ? ", \(sample.values.filter(\.isNaN).count) answers missing" : "") + ").\nWrote \(path)\n")
    }

    private func parsedThresholds() throws(SimulationError) -> [Double]? {
        guard let thresholds else { return nil }
        var values: [Double] = []
        for part in thresholds.split(separator: ",") {
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
                throw .invalidOption("--thresholds expects numbers separated by commas; '\(part)' is not a number")
            }
            values.append(value)
        }
        return values
    }

    /// The CSV: survey columns, the group column, then the model's variables (a missing answer is an empty field).
    private func table(_ sample: SimulatedSample, labels: [String]?) throws -> CSVTable {
        let p = sample.variables.count
        let taken = Set(sample.variables)
        let extra = (surveyColumns ? ["respondent_id", "consent", "duration_s"] : []) + (labels == nil ? [] : [groupColumn])
        if let clash = extra.first(where: taken.contains) {
            throw ValidationError("the model has a variable named '\(clash)', which the output needs for another column; rename one of them")
        }
        var table = CSVTable(header: extra + sample.variables)
        let durations = RandomStream(seed: seed, stream: UInt64.max)
        for r in 0..<sample.count {
            var row: [CSVTable.Cell] = []
            if surveyColumns {
                row += [.text(String(format: "S%05d", r + 1)), .text("yes"), .integer(Int((420 * exp(0.35 * durations.normal())).rounded()))]
            }
            if let labels { row.append(.text(labels[sample.groupOfRow[r]])) }
            for j in 0..<p {
                let value = sample.values[r * p + j]
                row.append(value.isNaN ? .empty : (likert != nil ? .integer(Int(value)) : .number((value * 1e6).rounded() / 1e6)))
            }
            table.append(row)
        }
        return table
    }
}
