extension Inference {
    /// The inference of a row whose standard errors were not computed (se = "none"): every field NaN.
    public static let omitted = Inference(standardError: .nan, zValue: .nan, pValue: .nan, lower: .nan, upper: .nan)
}

extension SEMResult {
    /// The fit measures lavaan still gives with test = "none": its `fitMeasures()` then refuses,
    /// but `logLik()`, `AIC()`, `BIC()` and the counts remain.
    static let measuresWithoutTest: Set<String> = ["npar", "logl", "unrestricted.logl", "aic", "bic", "ntotal", "bic2"]

    /// Whether the standard errors were computed (not se = "none").
    public var hasStandardErrors: Bool { options.resolvedSE != .none }
    /// Whether a test statistic was computed (not test = "none").
    public var hasTest: Bool { options.resolvedTest != .none }

    /// This result as fitted under `requested`, whose se or test is "none": without the
    /// inference (every row ``Inference/omitted``) or without the test's measures
    /// (``measuresWithoutTest`` kept), as lavaan reports such fits; `warnings` (lavaan's adjustments
    /// to the requested options) come first.
    func omitting(as requested: SEMOptions, warnings adjustments: [String]) -> SEMResult {
        let dropsErrors = requested.resolvedSE == .none
        let dropsTest = requested.resolvedTest == .none
        func kept(_ measures: FitMeasures) -> FitMeasures {
            dropsTest
                ? FitMeasures(values: measures.values.filter { Self.measuresWithoutTest.contains($0.name) }) : measures
        }
        var copy = SEMResult(
            options: requested, structure: structure, estimates: estimates,
            inference: dropsErrors ? inference.map { _ in .omitted } : inference, measures: kept(measures),
            headline: kept(headline), diagnostics: diagnostics, residuals: residuals, sample: sample,
            freeCount: freeCount,
            degreesOfFreedom: degreesOfFreedom, iterations: iterations, cases: cases, bootstrap: bootstrap,
            resampled: resampled, warnings: adjustments + warnings)
        copy.groupsFit = groupsFit
        copy.satorra2000 = satorra2000
        return copy
    }
}

extension SEMOptions {
    /// The options a fit with se or test "none" runs under before they are dropped: standard
    /// errors and test of the estimator's plainest kind (the robust.sem and scaled-shifted ones
    /// for ordered items, which need them for nothing else). The information stays lavaan's:
    /// expected unless the data are incomplete.
    var computable: SEMOptions {
        var copy = self
        if resolvedSE == .none { copy.se = ordered.isEmpty ? .standard : .robustSEM }
        if resolvedTest == .none { copy.test = ordered.isEmpty ? .standard : .scaledShifted }
        return copy
    }
}
