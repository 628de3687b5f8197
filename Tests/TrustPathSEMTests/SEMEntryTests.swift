import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSurvey

@testable import TrustPathSEM

/// `SEM.fit`: lavaan's option defaults, the refusal table, and compositions of standard errors and
/// tests checked against lavaan (tools/make-engine-fixtures.R).
@Suite struct SEMEntryTests {
    /// lavaan 0.6-14's `lavInspect(fit, "options")` for each estimator name (listwise, continuous).
    @Test(arguments: [
        (
            SEMOptions.Estimator.ml, SEMOptions.StandardErrors.standard, SEMOptions.Test.standard,
            SEMOptions.Information.expected
        ),
        (.mlr, .robustHuberWhite, .yuanBentlerMplus, .observed),
        (.mlm, .robustSEM, .satorraBentler, .expected),
        (.mlmv, .robustSEM, .scaledShifted, .expected),
        (.mlmvs, .robustSEM, .meanVarianceAdjusted, .expected),
        (.gls, .standard, .standard, .expected),
        (.uls, .standard, .standard, .expected),
        (.wlsmv, .robustSEM, .scaledShifted, .expected),
    ])
    func estimatorNamesSetLavaansDefaults(
        _ estimator: SEMOptions.Estimator, _ se: SEMOptions.StandardErrors,
        _ test: SEMOptions.Test, _ information: SEMOptions.Information
    ) {
        let options = SEMOptions(estimator: estimator)
        #expect(options.resolvedSE == se && options.resolvedTest == test && options.resolvedInformation == information)
    }

    /// lavaan's information follows the standard errors, not the estimator's name.
    @Test func informationFollowsTheStandardErrorsAsLavaan() {
        #expect(SEMOptions(estimator: .ml, se: .robustHuberWhite).resolvedInformation == .observed)
        #expect(SEMOptions(estimator: .mlr, se: .standard).resolvedInformation == .expected)
        #expect(SEMOptions(estimator: .ml, missing: .fiml).resolvedInformation == .observed)
        #expect(
            SEMOptions(estimator: .gls).resolvedFixedExogenous == false
                && SEMOptions(estimator: .ml).resolvedFixedExogenous)
    }

    /// Each refusal names the combination, says whose refusal it is, and gives the reason.
    @Test(arguments: [
        (
            SEMOptions(estimator: .mlm, missing: .fiml), SEMRefusal.Source.lavaan,
            "estimator MLM with missing = fiml is refused, as lavaan refuses it"
        ),
        (
            SEMOptions(estimator: .ml, ordered: .all), .lavaan,
            "estimator ML with ordered items is refused, as lavaan refuses it"
        ),
        (SEMOptions(estimator: .mlr, se: .bootstrap), .lavaan, "se = bootstrap with estimator MLR is refused"),
        (SEMOptions(estimator: .gls, se: .robustSEM), .lavaan, "se = robust.sem with estimator GLS is refused"),
        (SEMOptions(missing: .fiml, ordered: .all), .lavaan, "missing = fiml with ordered items is refused"),
        (
            SEMOptions(estimator: .mlr, se: .standard), .notYet,
            "test = yuan.bentler.mplus with information = expected is not available yet"
        ),
        (SEMOptions(missing: .fimlX), .notYet, "missing = ml.x is not available yet"),
        (
            SEMOptions(missing: .fiml, test: .yuanBentler), .notYet,
            "test = yuan.bentler with missing = fiml is not available yet"
        ),
        (SEMOptions(estimator: .wls, ordered: .all), .notYet, "estimator WLS with ordered items is not available yet"),
        (SEMOptions(conditionalExogenous: true), .notYet, "conditional.x = TRUE without ordered items is not available yet"),
        (
            SEMOptions(estimator: .gls, information: .observed), .notYet,
            "information = observed with estimator GLS is not available yet"
        ),
        (
            SEMOptions(ordered: .all, parameterization: .theta), .notYet,
            "parameterization = theta is not available yet"
        ),
        (SEMOptions(missing: .pairwise), .notYet, "missing = pairwise without ordered items is not available yet"),
        (
            SEMOptions(missing: .fiml, test: .bollenStine, group: "school"), .notYet,
            "test = bollen.stine with missing = fiml is not available yet"
        ),
        (
            SEMOptions(estimator: .uls, se: .bootstrap, group: "school"), .notYet,
            "estimator ULS across groups with se = bootstrap is not available yet"
        ),
    ])
    func refusalsComeFromTheTable(_ options: SEMOptions, _ source: SEMRefusal.Source, _ message: String) throws {
        let refusal = try #require(options.refusal())
        #expect(refusal.source == source)
        #expect(refusal.message.hasPrefix(message), "\(refusal.message)")
    }

    /// lavaan runs these as given, and so does TrustPath.
    @Test func ordinaryCombinationsAreNotRefused() {
        for options in [
            SEMOptions(), SEMOptions(estimator: .mlr), SEMOptions(estimator: .mlm),
            SEMOptions(estimator: .mlr, missing: .fiml),
            SEMOptions(se: .robustHuberWhite), SEMOptions(test: .satorraBentler), SEMOptions(se: .bootstrap),
            SEMOptions(test: .yuanBentler), SEMOptions(test: .yuanBentler, group: "school"),
            SEMOptions(se: SEMOptions.StandardErrors.none), SEMOptions(test: SEMOptions.Test.none),
            SEMOptions(se: SEMOptions.StandardErrors.none, ordered: .all), SEMOptions(estimator: .gls, test: SEMOptions.Test.none),
            SEMOptions(estimator: .gls), SEMOptions(ordered: .all), SEMOptions(group: "school", ordered: .all),
            SEMOptions(estimator: .wls, meanStructure: true), SEMOptions(estimator: .dwls, se: .robustSEM),
            SEMOptions(estimator: .wlsmv), SEMOptions(estimator: .ulsmv),
            SEMOptions(estimator: .uls, meanStructure: true),
            SEMOptions(estimator: .mlr, group: "school"), SEMOptions(estimator: .gls, group: "school"),
            SEMOptions(estimator: .mlmv, group: "school"), SEMOptions(estimator: .mlmvs, group: "school"),
            SEMOptions(estimator: .dwls, ordered: .all), SEMOptions(estimator: .ulsmv, ordered: .all),
        ] {
            #expect(options.refusal() == nil, "\(options)")
        }
    }

    /// FIML with Satorra-Bentler statistics: lavaan sets missing to listwise and says so; so does TrustPath.
    @Test func robustSEMWithFIMLFallsBackToListwiseAsLavaan() {
        let (adjusted, warnings) = SEMOptions(missing: .fiml, se: .robustSEM).adjusted()
        #expect(adjusted.missing == .listwise)
        #expect(warnings == ["missing was set to listwise for se = robust.sem, which needs complete data (as lavaan)"])
    }

    /// The sandwich beside the standard test, and the Satorra-Bentler test beside ML's standard
    /// errors: every estimate, SE and fit measure as lavaan's.
    @Test(arguments: [
        ("engine-ml-huber-white", SEMOptions(se: .robustHuberWhite)),
        ("engine-ml-satorra-bentler", SEMOptions(test: .satorraBentler)),
        ("engine-mlmv", SEMOptions(estimator: .mlmv)),
        ("engine-ml-first-order", SEMOptions(information: .firstOrder)),
        ("engine-mlmvs", SEMOptions(estimator: .mlmvs)),
        ("engine-ml-yuan-bentler", SEMOptions(test: .yuanBentler)),
        ("engine-mlr-trace-factors", SEMOptions(estimator: .mlr)),
    ])
    func standardErrorsAndTestsComposeAsLavaan(_ fixture: String, _ options: SEMOptions) throws {
        let reference = try LavaanReference(fixture)
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"), options: options)
        let fit = try #require(result.fit)
        var problems = reference.estimateProblems(fit, estimate: 1e-6, se: 1e-4, standardized: 1e-6)
        problems += Self.fitMeasureProblems(result, reference.fit)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect((result.measures["chisq.scaled"] != nil) == (options.resolvedTest != .standard))
    }
}

extension SEMEntryTests {
    /// Per-group labels c(a_live, a_short) and := rows over them (the two-market indirect effects and
    /// their difference) as lavaan's, equal loadings: every estimate, SE and std.all, := rows last
    /// with group 0.
    @Test func definedParametersAcrossGroupsMatchLavaan() throws {
        let reference = try LavaanReference("engine-two-market-defined")
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let result = try SEM.fit(
            model: reference.model, data: data, options: SEMOptions(group: "variant", groupEqual: [.loadings]))
        let problems = Self.groupEstimateProblems(result, reference, estimate: 1e-5)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(abs((result.measures["chisq"] ?? .nan) - (reference.fit["chisq"] ?? .nan)) < 1e-4)
    }

    /// Standard errors from the observed information across groups (the Hessian of the
    /// multi-group discrepancy) as lavaan's, equal loadings (engine-groups-observed).
    @Test func observedInformationAcrossGroupsMatchesLavaan() throws {
        let reference = try LavaanReference("engine-groups-observed")
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"),
            options: SEMOptions(information: .observed, group: "school", groupEqual: [.loadings]))
        let problems = Self.groupEstimateProblems(result, reference, estimate: 1e-6)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// lavaan's scaled tests across groups (HS by school, equal loadings): test = "yuan.bentler" (on
    /// complete data the Satorra-Bentler c, with the trace factors scaling.factor.h1 and .h0), MLMV's
    /// scaled-shifted and MLMVS's mean-and-variance adjusted tests with robust.sem standard errors.
    @Test(arguments: [
        ("engine-groups-yuan-bentler", SEMOptions(test: .yuanBentler, group: "school", groupEqual: [.loadings])),
        ("engine-groups-mlmv", SEMOptions(estimator: .mlmv, group: "school", groupEqual: [.loadings])),
        ("engine-groups-mlmvs", SEMOptions(estimator: .mlmvs, group: "school", groupEqual: [.loadings])),
    ])
    func scaledTestsAcrossGroupsMatchLavaan(_ fixture: String, _ options: SEMOptions) throws {
        let reference = try LavaanReference(fixture)
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"), options: options)
        let problems =
            Self.groupEstimateProblems(result, reference, estimate: 1e-6) + Self.fitMeasureProblems(result, reference.fit)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Each of lavaan's fit measures that TrustPath reports, to 1e-4 relative (Hoelter's N aside);
    /// the test statistics, the headline indices and the Yuan-Bentler trace factors must be there.
    static func fitMeasureProblems(
        _ result: SEMResult, _ reference: [String: Double],
        required: Set<String> = [
            "chisq", "chisq.scaled", "cfi", "cfi.robust", "rmsea.robust", "srmr", "scaling.factor.h1", "scaling.factor.h0",
        ]
    ) -> [String] {
        var problems: [String] = []
        for (name, want) in reference.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("cn_") {
            guard let value = result.measures[name] else {
                if required.contains(name) { problems.append("\(name): missing") }
                continue
            }
            if abs(value - want) > 1e-4 * max(1, abs(want)) || value.isNaN != want.isNaN {
                problems.append("\(name): \(value) vs lavaan \(want)")
            }
        }
        return problems
    }

    /// Every row in lavaan's order with its group; estimates and std.all to `estimate`, SEs to 1e-4.
    static func groupEstimateProblems(_ result: SEMResult, _ reference: LavaanReference, estimate: Double) -> [String] {
        let key = { (lhs: String, op: String, rhs: String, group: String) in "\(lhs) \(op) \(rhs) [\(group)]" }
        var problems: [String] = []
        let ours = result.estimates.map { key($0.lhs, $0.op, $0.rhs, "\($0.group)") }
        if ours != reference.estimates.map({ key($0["lhs"] ?? "", $0["op"] ?? "", $0["rhs"] ?? "", $0["group"] ?? "") }) {
            problems.append("rows differ from lavaan's")
        }
        for (ours, theirs) in zip(result.estimates, reference.estimates) {
            for (name, value, tolerance) in [
                ("est", ours.estimate, estimate), ("se", ours.standardError, 1e-4), ("std.all", ours.stdAll, estimate),
            ] {
                let want = Double(theirs[name] ?? "") ?? .nan
                if !(abs(value - want) <= tolerance * max(1, abs(want))) {
                    problems.append("\(key(ours.lhs, ours.op, ours.rhs, "\(ours.group)")) \(name): \(value) vs \(want)")
                }
            }
        }
        return problems
    }

    /// A := row naming a label no group has is one message with its line and column.
    @Test func definedParameterWithAnUnknownLabelIsNamed() throws {
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let model = "HA =~ HA1 + HA2 + HA3\nPT =~ PT1 + PT2 + PT3\nPT ~ c(a1, a2)*HA\nd := a1 - a3\n"
        do throws(SEMError) {
            _ = try SEM.fit(model: model, data: data, options: SEMOptions(group: "variant"))
            Issue.record("a := row with an unknown label was fitted")
        } catch {
            guard case .model(.unknownLabel(let label, let location)) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(label == "a3" && location.line == 4)
        }
    }
}

extension SEMEntryTests {
    /// FIML with fixed covariates (lavaan's missing = "ml", fixed.x = TRUE): estimates, SEs and every
    /// fit measure TrustPath reports, the log-likelihoods given the covariates included.
    @Test func fimlWithFixedCovariatesMatchesLavaan() throws {
        let reference = try LavaanReference("engine-fiml-covariates")
        let result = try SEM.fit(
            model: reference.model, data: try reference.data("data.csv"), options: SEMOptions(missing: .fiml))
        var problems: [String] = []
        for row in reference.estimates {
            let key = "\(row["lhs"] ?? "") \(row["op"] ?? "") \(row["rhs"] ?? "")"
            guard let ours = result.estimates.first(where: { "\($0.lhs) \($0.op) \($0.rhs)" == key }) else {
                problems.append("\(key): missing")
                continue
            }
            for (name, value, tolerance) in [("est", ours.estimate, 1e-5), ("se", ours.standardError, 1e-4)] {
                let want = Double(row[name] ?? "") ?? .nan
                if abs(value - want) > tolerance * max(1, abs(want)) {
                    problems.append("\(key) \(name): \(value) vs \(want)")
                }
            }
        }
        for (name, want) in reference.fit.sorted(by: { $0.key < $1.key }) {
            guard let value = result.measures[name] else { continue }
            if abs(value - want) > 1e-4 * max(1, abs(want)) || value.isNaN != want.isNaN {
                problems.append("\(name): \(value) vs lavaan \(want)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

extension SEMEntryTests {
    /// WLSMV on binary items (a two-factor CFA, three items each): the tetrachoric correlations are
    /// found where a cell's probability cancels to rounding noise at the bracket's end, and every
    /// estimate, SE and scaled fit measure is lavaan's.
    @Test func binaryItemsConvergeAsLavaan() throws {
        let reference = try LavaanReference("engine-binary-wlsmv")
        let result = try SEM.fit(
            model: reference.model, data: try reference.data("data.csv"), options: SEMOptions(ordered: .all))
        var problems: [String] = []
        #expect(
            result.estimates.map { "\($0.lhs)\($0.op)\($0.rhs)" }
                == reference.estimates.map { "\($0["lhs"] ?? "")\($0["op"] ?? "")\($0["rhs"] ?? "")" })
        for (ours, row) in zip(result.estimates, reference.estimates) {
            for (name, value, tolerance) in [
                ("est", ours.estimate, 1e-5), ("se", ours.standardError, 1e-4), ("std.all", ours.stdAll, 1e-4),
            ] {
                let want = Double(row[name] ?? "") ?? .nan
                if abs(value - want) > tolerance * max(1, abs(want)) {
                    problems.append("\(ours.lhs) \(ours.op) \(ours.rhs) \(name): \(value) vs \(want)")
                }
            }
        }
        for (name, want) in reference.fit.sorted(by: { $0.key < $1.key }) {
            let value = result.measures[name] ?? .nan
            if abs(value - want) > 1e-3 * max(1, abs(want)) { problems.append("\(name): \(value) vs lavaan \(want)") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

extension SEMEntryTests {
    /// `jobs` reaches the observed information's columns, and the result does not depend on it.
    @Test func anyNumberOfJobsGivesTheSameFit() throws {
        let reference = try LavaanReference("engine-ml-huber-white")
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        let one = try SEM.fit(model: reference.model, data: data, options: SEMOptions(estimator: .mlr, jobs: 1))
        let two = try SEM.fit(model: reference.model, data: data, options: SEMOptions(estimator: .mlr, jobs: 2))
        #expect(one.estimates == two.estimates)
        #expect(one.measures.values.map(\.value) == two.measures.values.map(\.value))
    }
}

extension SEMEntryTests {
    /// The bootstrap across groups (resampling within each group) against lavaan's bootstrap = 1000
    /// with group = "school": every free row's SE within 12% (each side's Monte Carlo error is about
    /// 2%), and the same draws for any number of jobs.
    @Test func bootstrapAcrossGroupsMatchesLavaanWithinMonteCarloError() throws {
        let reference = try LavaanReference("engine-groups-bootstrap")
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        var options = SEMOptions(
            se: .bootstrap, group: "school", groupEqual: [.loadings], bootstrap: .init(draws: 1000, seed: 3), jobs: 2)
        let result = try SEM.fit(model: reference.model, data: data, options: options)
        #expect(result.resampled?.failed == 0)
        var problems: [String] = []
        for (estimate, (inference, row)) in zip(result.estimates, zip(result.inference, reference.estimates))
        where estimate.isFree {
            let want = Double(row["se"] ?? "") ?? .nan
            if abs(inference.standardError - want) > 0.12 * want {
                problems.append(
                    "\(estimate.lhs) \(estimate.op) \(estimate.rhs) [\(estimate.group)]: \(inference.standardError) vs lavaan \(want)"
                )
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        options.bootstrap.draws = 40
        let one = try SEM.fit(
            model: reference.model, data: data,
            options: {
                var o = options
                o.jobs = 1
                return o
            }())
        let two = try SEM.fit(model: reference.model, data: data, options: options)
        #expect(
            one.inference.map { [$0.standardError, $0.lower, $0.upper] }
                == two.inference.map { [$0.standardError, $0.lower, $0.upper] })
    }
}

extension SEMEntryTests {
    /// Non-convergence says what was tried and what to change.
    @Test func nonConvergenceSaysWhatToTry() {
        let message = SEMError.notConverged(iterations: 500, gradient: 0.2, tried: "Fisher scoring then BFGS").message
        #expect(message == "the estimates did not converge after 500 iterations (largest gradient 0.2); tried Fisher scoring then BFGS. "
            + "Check the model's identification and the variables' scales (very different variances slow the optimiser: rescale them), "
            + "give start values (start(0.5)*x), or fix a variance that runs to zero")
    }
}

extension SEMEntryTests {
    /// Modification indices across groups as lavaan's `modindices()` (tools/make-group-modindices-fixtures.R):
    /// the HS CFA by school, configural, metric and scalar; every index of every group, and no other,
    /// with its EPC and standardized EPCs.
    @Test(arguments: [
        ("configural", []), ("metric", [.loadings]), ("scalar", [.loadings, .intercepts]),
    ] as [(String, Set<MultiGroupModel.EqualityClass>)])
    func modificationIndicesAcrossGroupsMatchLavaan(
        _ level: String, _ equal: Set<MultiGroupModel.EqualityClass>
    ) throws {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/engine-groups-modindices").path
        let result = try SEM.fit(
            model: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8),
            data: try LavaanReference.data("holzinger-swineford-1939.csv"),
            options: SEMOptions(group: "school", groupEqual: equal))
        let ours = try #require(result.modificationIndices)
        let theirs = try LavaanReference.table(folder + "/\(level).csv")
        func key(_ lhs: String?, _ op: String?, _ rhs: String?, _ group: String?) -> String {
            "\(lhs ?? "") \(op ?? "") \(rhs ?? "") (group \(group ?? ""))"
        }
        let byKey = Dictionary(ours.map { (key($0.lhs, $0.op, $0.rhs, "\($0.group)"), $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [String] = []
        if ours.count != theirs.count { problems.append("\(ours.count) indices against lavaan's \(theirs.count)") }
        for row in theirs {
            let k = key(row["lhs"], row["op"], row["rhs"], row["group"])
            guard let mine = byKey[k] else { problems.append("\(k): missing"); continue }
            for (name, value) in [("mi", mine.mi), ("epc", mine.epc), ("sepc.lv", mine.sepcLV), ("sepc.all", mine.sepcAll)] {
                let want = Double(row[name] ?? "") ?? .nan
                if !(abs(value - want) <= 1e-5 * max(1, abs(want))) { problems.append("\(k) \(name): \(value) vs lavaan \(want)") }
            }
        }
        #expect(problems.isEmpty, "\(level):\n\(problems.prefix(20).joined(separator: "\n"))")
    }
}

extension SEMEntryTests {
    /// Shapes whose lavaan candidate list is not reproduced get no modification indices rather
    /// than a partial or wrong list; an ordinary CFA gets them.
    @Test func modificationIndicesOnlyForShapesMatchedToLavaan() throws {
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        let mimic = try LavaanReference("engine-mimic-dif")
        #expect(try SEM.fit(model: mimic.model, data: data, options: SEMOptions()).modificationIndices == nil)
        let secondOrder = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\ng =~ visual + textual + speed"
        #expect(try SEM.fit(model: secondOrder, data: data, options: SEMOptions()).modificationIndices == nil)
        let cfa = try LavaanReference("hs-cfa")
        #expect(try SEM.fit(model: cfa.model, data: data, options: SEMOptions()).modificationIndices?.isEmpty == false)
    }
}

extension SEMEntryTests {
    /// First-order standard errors with fixed.x covariates: the scores leave the covariates' own
    /// moments out, as lavaan's (engine-ml-first-order-covariates, a BFGS solution: estimates 1e-5).
    @Test func firstOrderInformationWithCovariatesMatchesLavaan() throws {
        let reference = try LavaanReference("engine-ml-first-order-covariates")
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"),
            options: SEMOptions(information: .firstOrder))
        let fit = try #require(result.fit)
        let problems = reference.estimateProblems(fit, estimate: 1e-5, se: 1e-4, standardized: 1e-5)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

extension SEMEntryTests {
    /// MLMVS's headline carries Satterthwaite's fractional degrees of freedom beside its statistic.
    @Test func meanVarianceAdjustedHeadlineHasItsDegreesOfFreedom() throws {
        let reference = try LavaanReference("engine-mlmvs")
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"),
            options: SEMOptions(estimator: .mlmvs))
        let want = try #require(reference.fit["df.scaled"])
        #expect(abs((result.headline["df"] ?? .nan) - want) < 1e-4)
        #expect(abs((result.headline["chisq"] ?? .nan) - (reference.fit["chisq.scaled"] ?? .nan)) < 1e-4)
    }
}

extension SEMEntryTests {
    /// Multi-group FIML with fixed covariates: log-likelihoods given the covariates and a baseline
    /// that keeps their covariances in every group, as lavaan's (engine-groups-fiml-covariates, a
    /// BFGS solution: estimates to 1e-5).
    @Test func fimlWithCovariatesAcrossGroupsMatchesLavaan() throws {
        let reference = try LavaanReference("engine-groups-fiml-covariates")
        let result = try SEM.fit(
            model: reference.model, data: try reference.data("data.csv"),
            options: SEMOptions(missing: .fiml, group: "school"))
        var problems = Self.groupEstimateProblems(result, reference, estimate: 1e-5)
        for (name, want) in reference.fit.sorted(by: { $0.key < $1.key }) {
            let value = result.measures[name] ?? .nan
            if !(abs(value - want) <= 1e-4 * max(1, abs(want))) { problems.append("\(name): \(value) vs lavaan \(want)") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}

extension SEMEntryTests {
    /// se = "none" and test = "none", as lavaan: the estimates of the ordinary fit (hs-cfa, lavaan's),
    /// no standard error, z, p or interval on any row, and without a test only the counts,
    /// log-likelihoods and information criteria (lavaan's fitMeasures() refuses the rest); one
    /// group and groups, ML and ULS.
    @Test func noStandardErrorsAndNoTestAsLavaan() throws {
        let reference = try LavaanReference("hs-cfa")
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        let result = try SEM.fit(
            model: reference.model, data: data,
            options: SEMOptions(se: SEMOptions.StandardErrors.none, test: SEMOptions.Test.none))
        let fit = try #require(result.fit)
        let problems = reference.estimateProblems(fit, estimate: 1e-6, se: 1e-4, standardized: 1e-6)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(result.inference.allSatisfy { $0.standardError.isNaN && $0.pValue.isNaN && $0.lower.isNaN })
        #expect(result.standardizedInference.allSatisfy { $0.standardError.isNaN })
        #expect(result.measures.values.map(\.name) == ["npar", "logl", "unrestricted.logl", "aic", "bic", "ntotal", "bic2"])
        for name in ["logl", "aic", "bic", "bic2"] {
            #expect(abs((result.measures[name] ?? .nan) - (reference.fit[name] ?? .nan)) < 1e-6, "\(name)")
        }
        let groups = try SEM.fit(
            model: reference.model, data: data, options: SEMOptions(se: SEMOptions.StandardErrors.none, group: "school"))
        #expect(groups.inference.allSatisfy { $0.standardError.isNaN })
        #expect(groups.measures["chisq"] != nil)
        let uls = try SEM.fit(
            model: reference.model, data: data, options: SEMOptions(estimator: .uls, test: SEMOptions.Test.none))
        #expect(uls.measures.values.map(\.name) == ["npar", "ntotal"])
        #expect(uls.inference.contains { $0.standardError > 0 })
    }
}

extension SEMEntryTests {
    /// A function of rows across groups (the live minus the short indirect effect of HA on PI via
    /// PT): by the delta method it is the engine's own := row, lavaan's (engine-two-market-defined);
    /// under the bootstrap it is the draws' := row exactly, and its bootstrap SE is lavaan's within
    /// Monte Carlo error (two resamplings of 500 and 1,000 draws: 15%).
    @Test func functionsOfRowsAcrossGroupsMatchTheirDefinedRows() throws {
        let reference = try LavaanReference("engine-two-market-defined")
        let data = try SurveyReader.read(
            LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let result = try SEM.fit(
            model: reference.model, data: data, options: SEMOptions(group: "variant", groupEqual: [.loadings]))
        let fit = try #require(result.groupsFit)
        let rows = try [("PT", "HA", 1), ("PI", "PT", 1), ("PT", "HA", 2), ("PI", "PT", 2)].map { lhs, rhs, group in
            try #require(fit.estimateIndex(lhs: lhs, op: "~", rhs: rhs, group: group))
        }
        let statistic = { (v: [Double]) in v[rows[0]] * v[rows[1]] - v[rows[2]] * v[rows[3]] }
        let delta = fit.deltaInference(of: statistic, rows: rows)
        let lavaan = try #require(reference.estimates.first { $0["lhs"] == "indirect_difference" })
        #expect(abs(delta.estimate - (Double(lavaan["est"] ?? "") ?? .nan)) < 1e-6)
        #expect(abs(delta.inference.standardError - (Double(lavaan["se"] ?? "") ?? .nan)) < 1e-4)
        let defined = try #require(fit.estimates.firstIndex { $0.lhs == "indirect_difference" })
        let draws = MultiGroupBootstrap(fit: fit, draws: 500, seed: 11, jobs: 2)
        let boot = draws.inference(of: statistic, estimate: delta.estimate, interval: .percentile)
        let own = draws.inference(for: fit, interval: .percentile)[defined]
        #expect(abs(boot.standardError - own.standardError) < 1e-12)
        #expect(abs(boot.lower - own.lower) < 1e-12 && abs(boot.upper - own.upper) < 1e-12)
        let fixtures = try #require(Bundle.module.resourceURL)
        let lavaanRows = try LavaanReference.table(
            fixtures.appendingPathComponent("Fixtures/bootstrap/two-market-defined-estimates.csv").path)
        let lavaanBoot = try #require(lavaanRows.first { $0["lhs"] == "indirect_difference" })
        let lavaanSE = try #require(lavaanBoot["se"].flatMap(Double.init))
        #expect(abs(boot.standardError / lavaanSE - 1) < 0.15, "\(boot.standardError) vs lavaan \(lavaanSE)")
    }
}

extension SEMEntryTests {
    /// GLS, ULS, WLS and DWLS across groups (HS by school, equal loadings) as lavaan's: every row
    /// and its estimate (1e-6), SE (1e-4) and std.all, and every fit measure TrustPath reports.
    @Test(arguments: [LeastSquaresFit.Estimator.gls, .uls, .wls, .dwls, .wlsmv, .ulsmv])
    func leastSquaresAcrossGroupsMatchesLavaan(_ estimator: LeastSquaresFit.Estimator) throws {
        let reference = try LavaanReference("ls-groups-" + estimator.rawValue)
        let result = try SEM.fit(
            model: reference.model, data: try LavaanReference.data("holzinger-swineford-1939.csv"),
            options: SEMOptions(
                estimator: SEMOptions.Estimator(rawValue: estimator.rawValue), group: "school",
                groupEqual: [.loadings]))
        var problems = Self.groupEstimateProblems(result, reference, estimate: 1e-6)
        // lavaan 0.6-14's .robust indices of continuous WLSMV and ULSMV are not computed (one group neither).
        problems += Self.fitMeasureProblems(result, reference.fit, required: ["chisq", "chisq.scaled", "cfi", "srmr"])
        for name in ["chisq", "baseline.chisq", "cfi", "tli", "rmsea", "rmsea.ci.upper", "rmsea.pvalue", "srmr"]
        where result.measures[name] == nil {
            problems.append("\(name): missing")
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
