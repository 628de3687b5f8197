// Notebook 02: a marketer's campaign test. Does a live-stream version of a cross-border campaign
// build more trust than a short-video version, and why?
//
// Run it from the repository root with:
//     swift run notebook-02-campaign-test
// It writes Reports/02-campaign-test/ (or the directory given as its argument).
import Foundation
import TrustPathReport
import TrustPathSEM
import TrustPathStudy

func say(_ text: String) { print(text) }

do {
    // MARK: - 1. The question
    say("""
    The same campaign ran twice: as a live stream and as short videos. Afterwards 500 viewers answered
    16 questions on the host's attractiveness (HA), how well they could judge the product (ID), their
    trust (PT) and their intention to buy (PI). The marketer wants a plain answer: which variant
    builds more trust, and why?
    """)

    // MARK: - 2. First: are we measuring the same thing in both groups?
    // Comparing averages is only fair if the questions work the same way for both audiences. That is
    // measurement invariance, tested in steps: the same structure (configural), equally strong items
    // (metric), the same starting points (scalar). Without scalar invariance, a difference in means
    // could be a difference in how people read the questions.
    let spec = try AnalysisSpec.read(path: "Surveys/campaign-ab/analysis.yaml")
    say("Groups come from the column '\(spec.groupColumn ?? "")'; hypotheses:")
    for hypothesis in spec.hypotheses { say("  \(hypothesis.id): \(hypothesis.text) \(hypothesis.sign > 0 ? "> 0" : "< 0")") }

    // MARK: - 3. The whole study, groups included
    // StudyRun screens the answers, checks the measurement, fits the pooled model and then the
    // multi-group models: the invariance sequence, latent means from the scalar model, and the paths
    // in each group with their differences.
    let run = try StudyRun(spec: spec, version: TrustPathVersion.current, jobs: ProcessInfo.processInfo.activeProcessorCount)
    say("\n" + run.summary)
    say(PlainTextRenderer.render(run.hypothesisTable))

    // MARK: - 4. Reading the answer
    // Latent mean differences are in standard-deviation units of the construct (d): 0.2 is small,
    // 0.5 medium (Cohen 1988). A path difference says the reason differs: here, what the viewers can
    // learn about the product matters more for trust when it is shown live. C4 compares a whole
    // chain, the host's attractiveness working through trust on purchase intention (the product of
    // its two paths in each variant), with the study's bootstrap resampling within the variants.
    say("""
    C1 and C3 supported, C2 not: short videos leave viewers trusting the offer less (about a third of
    a standard deviation), partly because the product information does less for trust without the
    live demonstration; the dip in purchase intention is too small to show with 500 viewers. C4 not
    supported: the host's appeal works through trust about as much in both formats (its interval
    spans 0).
    For the marketer: keep the live format for trust-critical (cross-border) products, or add live-style
    product demonstrations to the short videos.
    """)

    // MARK: - 5. The report
    let directory = CommandLine.arguments.dropFirst().first ?? "Reports/02-campaign-test"
    _ = try run.bundle.write(to: directory)
    say("Wrote \(run.bundle.fileNames.count) files to \(directory): the group comparison section of report.md, invariance.csv, group-means.csv and group-paths.csv.")
} catch {
    FileHandle.standardError.write(Data("notebook: \(ErrorDescription.message(for: error, modelFile: "model"))\n".utf8))
    exit(1)
}
