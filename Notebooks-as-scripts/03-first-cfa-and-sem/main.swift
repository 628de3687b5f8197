// Notebook 03: a student's first CFA and SEM, on the two classic data sets of lavaan's tutorial.
//
// Run it from the repository root with:
//     swift run notebook-03-first-cfa-and-sem
// It writes Reports/03-first-cfa-and-sem/ (or the directory given as its argument). Every number can
// be checked against R: lavaan::cfa(model, data = HolzingerSwineford1939) and
// lavaan::sem(model, data = PoliticalDemocracy) give the same.
import Foundation
import TrustPathLinalg
import TrustPathReport
import TrustPathSEM
import TrustPathStudy
import TrustPathSurvey

func say(_ text: String) { print(text) }

/// Fits a model by maximum likelihood (lavaan's defaults: `SEMOptions()`) and prints its fit in one
/// line. `SEM.fit` is the one way in: other estimators, FIML or groups are options of the same call.
func fitted(_ model: String, data: SurveyData, label: String) throws -> (fit: SEMFit, measures: FitMeasures) {
    let result = try SEM.fit(model: model, data: data, options: SEMOptions())
    guard let fit = result.fit else { preconditionFailure("one group was fitted") }
    let measures = result.measures
    let m = { (name: String) in ReportFormat.fixed(measures[name] ?? .nan) }
    say("\(label): chi-square(\(Int(measures["df"] ?? 0))) = \(m("chisq")), CFI = \(m("cfi")), TLI = \(m("tli")), RMSEA = \(m("rmsea")), SRMR = \(m("srmr"))")
    return (fit, measures)
}

do {
    // MARK: - 1. A measurement model
    // 301 children took nine ability tests. The claim: three abilities (visual, textual, speed) each
    // explain three of the tests. A confirmatory factor analysis (CFA) writes this down and asks
    // whether the tests' covariances look the way the claim says they should.
    let abilities = try SurveyReader.read("Surveys/reference/holzinger-swineford-1939.csv")
    let cfaModel = """
    visual  =~ x1 + x2 + x3
    textual =~ x4 + x5 + x6
    speed   =~ x7 + x8 + x9
    """
    say("The model, in lavaan syntax ('=~' reads 'is measured by'):\n\(cfaModel)\n")
    let cfa = try fitted(cfaModel, data: abilities, label: "Three-factor CFA")

    // MARK: - 2. Is the fit good enough?
    // Each index answers a different question: chi-square tests exact fit (rarely holds with real
    // data), CFI compares with a model of uncorrelated tests, RMSEA measures misfit per degree of
    // freedom, SRMR is the average residual correlation. Hu & Bentler (1999) suggest CFI >= .95,
    // RMSEA <= .06 and SRMR <= .08.
    say(SEMReport.verdict(cfa.measures))

    // MARK: - 3. The loadings
    // A standardized loading is the correlation between a test and its factor. The first loading of
    // each factor is fixed to 1 to give the factor a scale, so it has no standard error.
    var loadings = ReportTable(header: ["Factor", "Test", "Loading", "SE", "Standardized"])
    for e in cfa.fit.estimates where e.op == "=~" {
        loadings.append([e.lhs, e.rhs, ReportFormat.fixed(e.estimate), e.isFree ? ReportFormat.fixed(e.standardError) : "fixed", ReportFormat.fixed(e.stdAll)])
    }
    say("\n" + PlainTextRenderer.render(loadings))

    // MARK: - 4. Where does it misfit?
    // A modification index is how much chi-square would drop if one fixed parameter were freed.
    // The largest says x9 (discriminating letters) also draws on visual ability.
    let indices = cfa.fit.modificationIndices.sorted { $0.mi > $1.mi }.prefix(3)
    for index in indices { say("MI \(ReportFormat.fixed(index.mi, digits: 1)) for \(index.lhs) \(index.op) \(index.rhs)") }

    // MARK: - 5. A modified model, and a fair comparison
    // Freeing that loading uses one degree of freedom; the chi-square difference test asks whether
    // the drop in chi-square is worth it. Caution: a change found by looking at the data must be
    // confirmed on new data, or it only describes this sample (MacCallum et al. 1992).
    let modifiedModel = cfaModel.replacingOccurrences(of: "x1 + x2 + x3", with: "x1 + x2 + x3 + x9")
    let modified = try fitted(modifiedModel, data: abilities, label: "With visual =~ x9")
    let deltaChi = (cfa.measures["chisq"] ?? .nan) - (modified.measures["chisq"] ?? .nan)
    let deltaDF = (cfa.measures["df"] ?? .nan) - (modified.measures["df"] ?? .nan)
    let p = ChiSquared.survival(deltaChi, degreesOfFreedom: deltaDF)
    say("Chi-square difference: \(ReportFormat.fixed(deltaChi)) on \(Int(deltaDF)) df, p \(ReportFormat.pRelation(p)).")

    // MARK: - 6. A structural model
    // A structural equation model (SEM) adds regressions between the factors. Bollen's (1989) data:
    // industrialisation in 1960 (ind60) and democracy in 1960 and 1965 in 75 developing countries.
    // Labels a, b, c hold the same loading equal in both years, and '~~' lets the same indicator's
    // residuals correlate across years.
    let democracy = try SurveyReader.read("Surveys/reference/political-democracy.csv")
    let semModel = try String(contentsOfFile: "Surveys/reference/political-democracy.lav", encoding: .utf8)
    let sem = try fitted(semModel, data: democracy, label: "\nPolitical democracy SEM")
    var paths = ReportTable(header: ["Path", "b", "SE", "p", "beta"])
    for e in sem.fit.estimates where e.op == "~" {
        paths.append(["\(e.rhs) -> \(e.lhs)", ReportFormat.fixed(e.estimate), ReportFormat.fixed(e.standardError), ReportFormat.pValue(e.pValue), ReportFormat.fixed(e.stdAll)])
    }
    say(PlainTextRenderer.render(paths))

    // MARK: - 7. Direct and indirect effects
    // Industrialisation affects democracy in 1965 directly and through democracy in 1960; the
    // indirect effect is the product of the two paths along the way.
    let effects = zip(sem.fit.effects, sem.fit.effectInference()).filter { $0.0.kind != .direct }
    for (effect, inference) in effects {
        say("\(effect.kind.rawValue) \(effect.path): \(ReportFormat.fixed(effect.estimate)) [\(ReportFormat.fixed(inference.lower)), \(ReportFormat.fixed(inference.upper))]")
    }

    // MARK: - 8. The report
    var comparison = ReportTable(header: ["Model", "chi-square", "df", "CFI", "TLI", "RMSEA", "SRMR"])
    for (name, measures) in [("HS three-factor CFA", cfa.measures), ("HS with visual =~ x9", modified.measures), ("Political democracy SEM", sem.measures)] {
        comparison.append([name] + ["chisq", "df", "cfi", "tli", "rmsea", "srmr"].map { key in
            key == "df" ? "\(Int(measures[key] ?? 0))" : ReportFormat.fixed(measures[key] ?? .nan)
        })
    }
    var doc = ReportDocument(title: "A first CFA and SEM")
    doc.paragraph("Holzinger & Swineford (1939), 301 children, and Bollen (1989), 75 countries: the examples of lavaan's tutorial, fitted by maximum likelihood.")
    doc.table(comparison)
    doc.heading("CFA loadings")
    doc.table(loadings)
    doc.paragraph("Largest modification indices of the three-factor CFA: " + indices.map { "\($0.lhs) \($0.op) \($0.rhs) (\(ReportFormat.fixed($0.mi, digits: 1)))" }.joined(separator: ", ")
        + ". Freeing visual =~ x9: Δχ² = \(ReportFormat.fixed(deltaChi)) on \(Int(deltaDF)) df, p \(ReportFormat.pRelation(p)); a data-driven change to be confirmed on new data.")
    doc.heading("SEM paths")
    doc.table(paths)
    var bundle = OutputBundle()
    bundle.add("cfa-estimates.csv", SEMTables.estimates(cfa.fit, inference: cfa.fit.estimates.map { $0.normalInference() }).rendered())
    bundle.add("cfa-modified-estimates.csv", SEMTables.estimates(modified.fit, inference: modified.fit.estimates.map { $0.normalInference() }).rendered())
    bundle.add("sem-estimates.csv", SEMTables.estimates(sem.fit, inference: sem.fit.estimates.map { $0.normalInference() }).rendered())
    bundle.add("report.md", MarkdownRenderer.render(doc))
    let directory = CommandLine.arguments.dropFirst().first ?? "Reports/03-first-cfa-and-sem"
    _ = try bundle.write(to: directory)
    say("\nWrote \(bundle.fileNames.joined(separator: ", ")) to \(directory).")
} catch {
    FileHandle.standardError.write(Data("notebook: \(ErrorDescription.message(for: error, modelFile: "model"))\n".utf8))
    exit(1)
}
