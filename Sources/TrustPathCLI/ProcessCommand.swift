import ArgumentParser
import Foundation
import TrustPathRegression
import TrustPathReport
import TrustPathSurvey

/// `trustpath process`: Hayes's PROCESS models 1, 4, 6, 7 and 14.
struct ProcessCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Moderation, mediation and moderated mediation as Hayes's PROCESS models 1, 4, 6, 7 and 14.",
        discussion: """
            Each model is a set of OLS equations (identical to R's lm): 1 moderation of X -> Y by W; 4 \
            parallel mediation through --m; 6 serial mediation through two --m in causal order; 7 \
            mediation with W moderating X -> M; 14 mediation with W moderating M -> Y. Indirect effects, \
            conditional indirect effects and the index of moderated mediation get percentile bootstrap \
            intervals (PROCESS's default, 5,000 draws; identical for any --jobs with the same --seed). \
            Model 1 probes the interaction at W's 16th, 50th and 84th percentiles (its two values when \
            dichotomous) and gives the Johnson-Neyman points. Rows with a missing value in any model \
            variable are left out.

            Writes coefficients.csv, effects.csv (conditional.csv for model 1) and process.md, all or none.

            Example:
              trustpath process --model 4 --x cond --m pmi --y reaction --data Surveys/reference/process/pmi.csv
            """
    )

    @Option(help: ArgumentHelp("PROCESS model number: 1, 4, 6, 7 or 14.", valueName: "n"))
    var model: Int

    @Option(help: ArgumentHelp("The predictor X.", valueName: "name")) var x: String
    @Option(help: ArgumentHelp("The outcome Y.", valueName: "name")) var y: String
    @Option(help: ArgumentHelp("Mediators, comma-separated (in causal order for model 6).", valueName: "names")) var m: String?
    @Option(help: ArgumentHelp("The moderator W.", valueName: "name")) var w: String?
    @Option(help: ArgumentHelp("Covariates in every equation, comma-separated.", valueName: "names")) var covariates: String?

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("Moderator values to probe: percentiles (16th, 50th, 84th; PROCESS's default) or meansd (mean and ± 1 SD).",
                               valueName: "kind"))
    var probe: String = "percentiles"

    @Option(help: ArgumentHelp("Bootstrap draws for indirect effects.", valueName: "draws")) var bootstrap: Int = 5000
    @OptionGroup var resampling: ResamplingOptions

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard ProcessModel.Number(rawValue: model) != nil else { throw ValidationError("--model must be 1, 4, 6, 7 or 14, not \(model)") }
        guard (1...1_000_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 1 and 1000000, not \(bootstrap)") }
        guard ["percentiles", "meansd"].contains(probe) else { throw ValidationError("--probe must be percentiles or meansd, not '\(probe)'") }
    }

    /// The moderator values to condition on.
    func probeValues(_ w: [Double]) -> [Double] {
        guard probe == "meansd", Set(w).count > 2 else { return ModerationProbe.probeValues(w) }
        let mean = w.reduce(0, +) / Double(w.count)
        let sd = (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count - 1)).squareRoot()
        return [mean - sd, mean, mean + sd]
    }

    func execute(console: Console) throws {
        guard let number = ProcessModel.Number(rawValue: model) else { return }
        let process = try specification(number)
        let prepared = try ProcessData(model: process, data: try dataOptions.read(files.data))
        let fits = try prepared.fits()
        var bundle = OutputBundle()
        var document = ReportDocument(title: "PROCESS model \(model): \(x) -> \(y)")
        document.paragraph("\(prepared.count) complete rows of \(files.dataName). Each equation by OLS; "
            + "t tests on the residual df; intervals at 95%.")

        var coefficients = CSVTable(header: ["equation", "term", "estimate", "se", "t", "p", "ci.lower", "ci.upper"])
        for fit in fits {
            let se = fit.standardErrors(), tests = fit.tests()
            for (k, term) in fit.design.termNames.enumerated() {
                coefficients.append([.text(fit.design.formula.outcome), .text(term), .number(fit.coefficients[k]), .number(se[k]),
                                     .number(tests[k].t), .number(tests[k].pValue), .number(tests[k].lower), .number(tests[k].upper)])
            }
        }
        bundle.add("coefficients.csv", coefficients.rendered())
        document.heading("Equations")
        document.table(RegressionReport.readable(coefficients))

        let moderatorValues: [Double?] = w.map { probeValues(prepared.values(of: $0)).map { Optional($0) } } ?? []
        if number == .one, let fit = fits.first, let w {
            let values = moderatorValues.compactMap { $0 }
            var conditional = CSVTable(header: ["w", "effect", "se", "t", "p", "ci.lower", "ci.upper"])
            for e in ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: values) {
                conditional.append([.number(e.moderator), .number(e.effect), .number(e.standardError), .number(e.t), .number(e.pValue),
                                    .number(e.lower), .number(e.upper)])
            }
            bundle.add("conditional.csv", conditional.rendered())
            document.heading("Conditional effect of \(x) at values of \(w)")
            document.table(RegressionReport.readable(conditional))
            let range = (prepared.values(of: w).min() ?? 0)...(prepared.values(of: w).max() ?? 0)
            let points = ModerationProbe.johnsonNeyman(fit, xTerm: 1, interactionTerm: 3, range: range)
            document.paragraph(points.isEmpty
                ? "Johnson-Neyman: the effect of \(x) keeps its significance (or non-significance) over the whole observed range of \(w)."
                : "Johnson-Neyman: the effect of \(x) changes significance at \(w) = " + points.map { ReportFormat.fixed($0) }.joined(separator: " and ") + ".")
            let plots = ModerationPlots(fit: fit, data: prepared, x: x, w: w, values: values, jn: points)
            bundle.add("simple-slopes.svg", plots.simpleSlopes.rendered())
            bundle.add("johnson-neyman.svg", plots.johnsonNeyman.rendered())
            document.paragraph("![Simple slopes](simple-slopes.svg)\n\n![Johnson-Neyman](johnson-neyman.svg)")
        } else {
            let conditions: [Double?] = [nil] + moderatorValues
            let boot = ProcessBootstrap(
                data: prepared, moderatorValues: conditions, draws: bootstrap, seed: resampling.seed,
                jobs: resampling.jobs)
            var effects = CSVTable(header: ["effect", "w", "estimate", "boot.se", "boot.ci.lower", "boot.ci.upper"])
            var k = 0
            for condition in conditions {
                for effect in process.effects(fits.map(\.coefficients), at: condition) {
                    let draws = k < boot.draws.count ? boot.draws[k] : []
                    let sorted = draws.sorted()
                    let mean = draws.reduce(0, +) / Double(max(1, draws.count))
                    let se = (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, draws.count - 1))).squareRoot()
                    effects.append([.text(effect.name), condition.map { .number($0) } ?? .empty, .number(effect.value), .number(se),
                                    .number(SampleQuantile.type6(sorted: sorted, 0.025)), .number(SampleQuantile.type6(sorted: sorted, 0.975))])
                    k += 1
                }
            }
            bundle.add("effects.csv", effects.rendered())
            document.heading("Effects")
            document.paragraph("Percentile bootstrap intervals from \(bootstrap - boot.failed) draws (seed \(resampling.seed)); "
                + "an indirect effect whose interval excludes 0 supports mediation.")
            document.table(RegressionReport.readable(effects))
            if boot.failed > 0 { console.writeError("trustpath: warning: \(boot.failed) of \(bootstrap) bootstrap draws could not be fitted and were left out\n") }
        }
        bundle.add("process.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: files.data, suffix: "process\(model)")
        try bundle.write(to: directory)
        console.write(MarkdownRenderer.render(document))
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }

    /// The model from the options; a wrong combination (model 1 without --w, ...) is a usage error.
    func specification(_ number: ProcessModel.Number) throws -> ProcessModel {
        let result: Result<ProcessModel, RegressionError> = Result { () throws(RegressionError) in
            try ProcessModel(number: number, x: x, y: y, mediators: DataOptions.list(m), w: w, covariates: DataOptions.list(covariates))
        }
        switch result {
        case .success(let model): return model
        case .failure(let error): throw ValidationError(error.message)
        }
    }
}

/// The simple-slopes and Johnson-Neyman plots of a model-1 moderation.
struct ModerationPlots {
    let simpleSlopes: LinePlot
    let johnsonNeyman: LinePlot

    init(fit: OLSFit, data: ProcessData, x: String, w: String, values: [Double], jn: [Double]) {
        let b = fit.coefficients
        // Covariates (terms after X, W, XW) held at their means.
        let covariateTerms = Array(fit.design.formula.terms.dropFirst(3))
        let covariatePart = covariateTerms.enumerated().reduce(0.0) { sum, item in
            let column = data.values(of: item.element[0])
            return sum + b[4 + item.offset] * column.reduce(0, +) / Double(max(1, column.count))
        }
        let xs = data.values(of: x), ws = data.values(of: w)
        let xLow = xs.min() ?? 0, xHigh = xs.max() ?? 1
        var slopes = LinePlot(title: "Simple slopes of \(x) at values of \(w)", xLabel: x, yLabel: "predicted \(fit.design.formula.outcome)")
        slopes.series = values.map { value in
            LinePlot.Series(label: "\(w) = \(ReportFormat.fixed(value, digits: 2))", points: [xLow, xHigh].map { xv in
                (xv, b[0] + b[1] * xv + b[2] * value + b[3] * xv * value + covariatePart)
            })
        }
        simpleSlopes = slopes
        let wLow = ws.min() ?? 0, wHigh = ws.max() ?? 1
        let grid = (0...60).map { wLow + (wHigh - wLow) * Double($0) / 60 }
        let effects = ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: grid)
        var plot = LinePlot(title: "Conditional effect of \(x) with 95% band (Johnson-Neyman)", xLabel: w, yLabel: "effect of \(x)")
        plot.series = [LinePlot.Series(label: "effect", points: effects.map { ($0.moderator, $0.effect) })]
        plot.band = effects.map { ($0.moderator, $0.lower, $0.upper) }
        plot.horizontalLines = [0]
        plot.verticalLines = jn
        johnsonNeyman = plot
    }
}
