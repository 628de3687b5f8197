import ArgumentParser
import Foundation
import TrustPathPLS
import TrustPathReport
import TrustPathSurvey

/// `trustpath pls`: PLS path modelling of the same lavaan syntax that `sem` reads.
struct PLSCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "pls",
        abstract: "PLS-SEM: PLS path modelling with bootstrap, f², R², ρA/ρC/AVE, HTMT and PLSpredict, as seminr and SmartPLS.",
        discussion: """
            The model is lavaan syntax: 'X =~ a + b' for a reflective construct (mode A), 'X <~ a + b' for a \
            composite (mode B), 'Y ~ X + Z' for paths. Indicators are standardized (divisor n - 1); outer weights \
            start at 1 and iterate until their total absolute change is below 1e-7 (at most 300 iterations), as \
            seminr. Rows with a missing indicator are left out (listwise).

            Writes estimates.csv (loadings =~, weights <~, paths ~, r2, total and indirect effects, with \
            bootstrap se, t, p and 95% percentile or BCa intervals; f² and VIF), quality.csv (alpha, rhoC, AVE, \
            rhoA, R²), validity.csv (Fornell-Larcker), htmt.csv (with 90% bootstrap intervals), scores.csv \
            (construct scores per analysed row), predict.csv (PLSpredict) and report.md, all or none.

            Example:
              trustpath pls Surveys/reference/trust-pls.lav --data Surveys/reference/trust-simulated-400.csv --bootstrap 5000
            """
    )

    @Argument(help: "The model in lavaan syntax (a .lav text file).")
    var model: String

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("Inner weighting scheme: path (default), factorial or centroid.", valueName: "scheme"))
    var weighting: String = "path"

    @Flag(help: "Consistent PLS (PLSc, Dijkstra & Henseler 2015): correct reflective constructs for measurement error.")
    var plsc = false

    @Option(help: ArgumentHelp("Bootstrap draws for standard errors, t values and intervals (SmartPLS and seminr default to 5000); 0: none.", valueName: "draws"))
    var bootstrap: Int = 5000

    @Option(help: ArgumentHelp("Bootstrap interval: percentile (default) or bca (bias-corrected and accelerated, with the jackknife's acceleration).", valueName: "type"))
    var ci: String = "percentile"

    @OptionGroup var resampling: ResamplingOptions

    @Option(help: ArgumentHelp("PLSpredict folds (0: no PLSpredict).", valueName: "k"))
    var folds: Int = 10

    @Option(help: ArgumentHelp("PLSpredict repetitions.", valueName: "r"))
    var repetitions: Int = 10

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard PLSEstimate.Weighting(rawValue: weighting) != nil else { throw ValidationError("--weighting must be path, factorial or centroid, not '\(weighting)'") }
        guard (0...1_000_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 1000000, not \(bootstrap)") }
        guard ["percentile", "bca"].contains(ci) else { throw ValidationError("--ci must be percentile or bca, not '\(ci)'") }
        guard folds == 0 || folds >= 2 else { throw ValidationError("--folds must be 0 (no PLSpredict) or at least 2, not \(folds)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, not \(repetitions)") }
    }

    func execute(console: Console) throws {
        let text: String
        do { text = try String(contentsOfFile: model, encoding: .utf8) } catch { throw CLIError.unreadableModel(file: model) }
        let survey = try dataOptions.read(files.data)
        let weighting = PLSEstimate.Weighting(rawValue: self.weighting) ?? .path
        let result: PLSReport.Result
        do throws(PLSError) {
            let plsModel = try PLSModel(syntax: text)
            let standardized = try StandardizedData(data: survey, indicators: plsModel.indicators)
            let estimate = try PLSEstimate(model: plsModel, data: standardized, weighting: weighting)
            let quality = PLSQuality(estimate: estimate, consistent: plsc, data: standardized)
            let consistent = plsc ? try ConsistentPLS(estimate, correlation: standardized.correlation, names: standardized.names) : nil
            let bar: ProgressBar? = console.isTerminal && bootstrap > 0 ? ProgressBar(total: bootstrap, label: "bootstrap", console: console) : nil
            var report: (@Sendable (Int) -> Void)?
            if let bar { report = { done in bar.update(done) } }
            let boot =
                bootstrap > 0
                ? PLSBootstrap(
                    estimate: estimate, data: standardized, draws: bootstrap, seed: resampling.seed,
                    jobs: resampling.jobs, progress: report, consistent: plsc, jackknife: ci == "bca") : nil
            bar?.finish()
            let prediction =
                folds > 0
                ? try PLSPrediction(
                    model: plsModel, data: standardized, weighting: weighting, folds: folds, repetitions: repetitions,
                    seed: resampling.seed, jobs: resampling.jobs) : nil
            result = PLSReport.Result(estimate: estimate, quality: quality, bootstrap: boot, consistent: consistent, prediction: prediction, data: standardized)
        } catch {
            throw CLIError.pls(model: model, error)
        }
        if let boot = result.bootstrap, boot.failed > 0 {
            console.writeError("trustpath: warning: \(boot.failed) of \(boot.draws) bootstrap draws did not converge and were left out\n")
        }
        var bundle = OutputBundle()
        bundle.add("estimates.csv", PLSReport.estimates(result).rendered())
        bundle.add("quality.csv", PLSReport.quality(result).rendered())
        bundle.add("validity.csv", PLSReport.fornellLarcker(result).rendered())
        bundle.add("htmt.csv", PLSReport.htmt(result).rendered())
        bundle.add("scores.csv", PLSReport.scores(result).rendered())
        if let prediction = PLSReport.prediction(result) { bundle.add("predict.csv", prediction.rendered()) }
        let document = PLSReport.document(result, modelName: (model as NSString).lastPathComponent, dataName: files.dataName)
        bundle.add("report.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: model, suffix: "pls")
        try bundle.write(to: directory)
        console.write(PLSReport.terminalSummary(result))
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
