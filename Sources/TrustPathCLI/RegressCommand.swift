import ArgumentParser
import Foundation
import TrustPathRegression
import TrustPathReport
import TrustPathSurvey

/// `trustpath regress`: OLS or logistic regression with R's formula notation.
struct RegressCommand: TrustPathVerb {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Linear (OLS) or logistic regression, matching R's lm and glm.",
        discussion: """
            The formula is R's: 'y ~ a + b + a:b' (a:b is the product; a*b means a + b + a:b); an intercept \
            is always included and rows with a missing value in a formula variable are left out. OLS reports \
            coefficients with classical or heteroskedasticity-consistent (HC0-HC3) standard errors, t tests \
            and 95% intervals, standardized betas, VIFs, R-squared, adjusted R-squared and the F test; \
            --blocks gives a hierarchical regression with R-squared change and F-change. --logistic fits a \
            0/1 outcome: odds ratios with Wald intervals, the likelihood-ratio test, McFadden and Nagelkerke \
            pseudo R-squared. --scale NAME=item1,item2,... adds a scale score (the mean of the items; missing \
            when an item is missing) that the formula can use; --scales INSTRUMENT.yaml adds one per construct \
            of an instrument, named by its code, after recoding reverse-coded items.

            Writes coefficients.csv, summary.csv (and blocks.csv) and regress.md, all or none.

            Example:
              trustpath regress "govact ~ negemot*age" --data Surveys/reference/process/glbwarm.csv --center --se hc3
            """
    )

    @Argument(help: "The formula, e.g. \"PI ~ PT + HA + HA:UAI\".")
    var formula: String

    @OptionGroup var files: FileOptions

    @Option(help: ArgumentHelp("Standard errors: classical, hc0, hc1, hc2 or hc3.", valueName: "type"))
    var se: String = "classical"

    @Option(help: ArgumentHelp("Hierarchical blocks: how many of the formula's terms each block adds, e.g. 2,3.", valueName: "sizes"))
    var blocks: String?

    @Flag(help: "Mean-centre the variables of interaction terms before forming products.")
    var center = false

    @Flag(help: "Logistic regression of a 0/1 outcome.")
    var logistic = false

    @Option(help: ArgumentHelp("A scale score NAME=item1,item2,... (the mean of the items); repeat for several.", valueName: "name=items"))
    var scale: [String] = []

    @Option(help: ArgumentHelp("An instrument (YAML): each construct's score (mean of its items, reverse-coded items recoded) becomes a variable named by its code.", valueName: "file"))
    var scales: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard OLSFit.StandardErrors(rawValue: se) != nil else { throw ValidationError("--se must be classical, hc0, hc1, hc2 or hc3, not '\(se)'") }
        if let blocks, blockSizes(blocks) == nil { throw ValidationError("--blocks must be positive whole numbers separated by commas, not '\(blocks)'") }
        for definition in scale where ScaleScore(definition: definition) == nil {
            throw ValidationError("--scale must look like NAME=item1,item2, not '\(definition)'")
        }
        if logistic && blocks != nil { throw ValidationError("--blocks applies to OLS, not --logistic") }
    }

    func blockSizes(_ text: String) -> [Int]? {
        let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return sizes.compactMap { $0 }
    }

    func execute(console: Console) throws {
        var survey = try dataOptions.read(files.data)
        if let scales {
            let instrument = try Instrument.read(path: scales)
            survey = try instrument.scored(survey)
            for construct in instrument.constructs {
                survey = try ScaleScore(name: construct.code, items: construct.itemCodes).adding(to: survey)
            }
        }
        for definition in scale { if let score = ScaleScore(definition: definition) { survey = try score.adding(to: survey) } }
        let parsed = try RegressionFormula(parsing: formula)
        let design = try DesignMatrix(formula: parsed, data: survey, center: center)
        var bundle = OutputBundle()
        var document = ReportDocument(title: "Regression \(formula)")
        document.paragraph("\(design.count) complete rows of \(files.dataName)"
            + (center ? "; variables in interactions mean-centred." : "."))
        let coefficients: CSVTable, summary: CSVTable
        if logistic {
            let fit = try LogisticFit(design)
            coefficients = RegressionReport.logisticCoefficients(fit)
            summary = RegressionReport.logisticSummary(fit)
            document.paragraph("Logistic regression by iteratively reweighted least squares (as R's glm); odds ratios with Wald 95% intervals.")
        } else {
            let type = OLSFit.StandardErrors(rawValue: se) ?? .classical
            let fit = try OLSFit(design)
            coefficients = RegressionReport.coefficients(fit, standardErrors: type)
            summary = RegressionReport.summary(fit)
            document.paragraph("Ordinary least squares; \(type == .classical ? "classical" : type.rawValue.uppercased()) standard errors; "
                + "t tests on \(fit.residualDF) df; beta = b·sd(x)/sd(y); VIF = 1/(1 - R²) of each predictor on the others.")
            if let sizes = blocks.flatMap(blockSizes) {
                guard sizes.reduce(0, +) == parsed.terms.count else {
                    throw ValidationError("--blocks \(blocks ?? "") adds \(sizes.reduce(0, +)) terms but the formula has \(parsed.terms.count)")
                }
                var counts: [Int] = [], running = 0
                for size in sizes { running += size; counts.append(running) }
                let fits = try counts.map { try OLSFit(design.restricted(toTerms: $0)) }
                let table = RegressionReport.blocks(fits)
                bundle.add("blocks.csv", table.rendered())
                document.heading("Blocks")
                document.table(RegressionReport.readable(table))
            }
        }
        document.heading("Coefficients")
        document.table(RegressionReport.readable(coefficients))
        document.heading("Model")
        document.table(RegressionReport.readable(summary))
        bundle.add("coefficients.csv", coefficients.rendered())
        bundle.add("summary.csv", summary.rendered())
        bundle.add("regress.md", MarkdownRenderer.render(document))
        let directory = files.out ?? DataOptions.defaultOutputDirectory(for: files.data, suffix: "regress")
        try bundle.write(to: directory)
        console.write(PlainTextRenderer.render(RegressionReport.readable(coefficients)))
        console.write(PlainTextRenderer.render(RegressionReport.readable(summary)))
        console.write("Wrote \(bundle.fileNames.joined(separator: ", ")) to \(directory)\n")
    }
}
