import Testing
import TrustPathSEM

/// Robust statistics with fixed exogenous covariates (fixed.x) as lavaan 0.6-14's
/// (tools/make-fixed-covariate-robust-fixtures.R): Satorra-Bentler's Γ less the indicators' regressions on
/// the covariates, and robust FIML whose traces leave out the covariates' own moments.
@Suite struct FixedCovariateRobustTests {
    /// MLM and MLMV on the MIMIC model with a direct effect (complete Holzinger-Swineford data), robust
    /// FIML (MLR) on incomplete indicators beside complete covariates (the data of the named fixture),
    /// one group and by school, and plain FIML by school with lavaan's `.robust` indices beside the
    /// standard test: every row in lavaan's order, every SE and fit measure. In Grant-White the
    /// age slope is weakly determined: lavaan's BFGS stops at 0.0097852 (gradient 4e-8), its nlminb at
    /// 0.0097863 and TrustPath at 0.0097864, which moves the intercepts by 1.7e-5; hence 5e-5 there.
    @Test(arguments: [
        ("engine-mlm-covariates", SEMOptions(estimator: .mlm), nil, 1e-6),
        ("engine-mlmv-covariates", SEMOptions(estimator: .mlmv), nil, 1e-6),
        ("engine-mlr-fiml-covariates", SEMOptions(estimator: .mlr, missing: .fiml), "engine-fiml-covariates", 1e-5),
        ("engine-groups-mlm-covariates", SEMOptions(estimator: .mlm, group: "school"), nil, 5e-5),
        (
            "engine-groups-mlr-fiml-covariates", SEMOptions(estimator: .mlr, missing: .fiml, group: "school"),
            "engine-groups-fiml-covariates", 1e-5
        ),
        (
            "engine-groups-ml-fiml-covariates", SEMOptions(missing: .fiml, group: "school"),
            "engine-groups-fiml-covariates", 1e-5
        ),
    ] as [(String, SEMOptions, String?, Double)])
    func robustStatisticsWithFixedCovariatesMatchLavaan(
        _ fixture: String, _ options: SEMOptions, _ dataFixture: String?, _ estimate: Double
    ) throws {
        let reference = try LavaanReference(fixture)
        let data =
            try dataFixture.map { try LavaanReference($0).data("data.csv") }
            ?? LavaanReference.data("holzinger-swineford-1939.csv")
        let result = try SEM.fit(model: reference.model, data: data, options: options)
        var problems = SEMEntryTests.groupEstimateProblems(result, reference, estimate: estimate)
        let scaled: Set = options.resolvedTest == .standard ? [] : ["chisq.scaled", "chisq.scaling.factor"]
        problems += SEMEntryTests.fitMeasureProblems(
            result, reference.fit, required: scaled.union(["cfi.robust", "tli.robust", "rmsea.robust"]))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
