import TrustPathModelSpec

/// Why a combination of fitting options does not run: lavaan 0.6 refuses it too (with its reason
/// in plain words), or TrustPath has no engine for it yet. Every refusal comes from the one table,
/// ``SEMOptions/refusalRules``, which the README lists.
public struct SEMRefusal: Error, Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// lavaan 0.6-14 stops with an error on this combination too.
        case lavaan
        /// lavaan runs it; TrustPath does not yet.
        case notYet
    }

    /// The combination, in lavaan's option names ("estimator MLM with missing = fiml").
    public let combination: String
    public let reason: String
    public let source: Source

    public var message: String {
        switch source {
        case .lavaan: return "\(combination) is refused, as lavaan refuses it: \(reason)"
        case .notYet: return "\(combination) is not available yet: \(reason)"
        }
    }
}

extension SEMOptions {
    /// One row of the table: when it applies (given the model's variables, nil while only the
    /// options are known) and what it says.
    struct RefusalRule: Sendable {
        let source: SEMRefusal.Source
        let applies: @Sendable (SEMOptions, ModelVariables?) -> Bool
        let combination: @Sendable (SEMOptions) -> String
        let reason: String
    }

    /// The first refusal that applies to these options (and the model's variables, when known).
    public func refusal(variables: ModelVariables? = nil) -> SEMRefusal? {
        Self.refusalRules.first { $0.applies(self, variables) }.map {
            SEMRefusal(combination: $0.combination(self), reason: $0.reason, source: $0.source)
        }
    }

    private var name: String { estimator.rawValue.uppercased() }
    private var continuousML: Bool { estimator.isMaximumLikelihood && ordered.isEmpty }
    private var continuousLeastSquares: Bool { estimator.isLeastSquares && ordered.isEmpty }

    /// The table of refused combinations, lavaan's refusals first. Order matters only for which
    /// message a combination with several problems gets.
    static let refusalRules: [RefusalRule] = [
        // lavaan 0.6-14 refuses these (lav_options_set, lav_data).
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in o.missing != .listwise && o.missing != .pairwise && !o.ordered.isEmpty },
            combination: { _ in "missing = fiml with ordered items" },
            reason: "full-information ML is not available in the categorical setting; use listwise or pairwise deletion"
        ),
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in
                o.missing != .listwise && o.missing != .pairwise && ![.ml, .mlr].contains(o.estimator)
            },
            combination: { "estimator \($0.name) with missing = \($0.missing.rawValue)" },
            reason: "full-information ML needs the ML likelihood (MLM needs complete data); use estimator ML or MLR"),
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in !o.ordered.isEmpty && (o.estimator.isMaximumLikelihood || o.estimator == .gls) },
            combination: { "estimator \($0.name) with ordered items" },
            reason:
                "ordered items are fitted by least squares on their thresholds and polychoric correlations; use WLSMV"),
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in o.resolvedSE == .bootstrap && [.mlr, .mlm, .mlmv, .mlmvs].contains(o.estimator) },
            combination: { "se = bootstrap with estimator \($0.name)" },
            reason: "the bootstrap replaces the robust standard errors; use estimator ML"),
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in o.resolvedSE == .bootstrap && [.wlsmv, .ulsmv].contains(o.estimator) },
            combination: { "se = bootstrap with estimator \($0.name)" },
            reason: "the bootstrap replaces the robust standard errors; use estimator DWLS (for ULSMV: ULS), whose "
                + "estimates are the same, with test = scaled.shifted if you want WLSMV's test"),
        RefusalRule(
            source: .lavaan,
            applies: { o, _ in o.estimator == .gls && [.robustSEM, .robustHuberWhite].contains(o.resolvedSE) },
            combination: { "se = \($0.resolvedSE.rawValue) with estimator GLS" },
            reason: "GLS has no robust standard errors"),
        // lavaan runs these; TrustPath does not yet.
        RefusalRule(
            source: .notYet,
            applies: { o, _ in !o.ordered.isEmpty && o.estimator == .wls },
            combination: { "estimator \($0.name) with ordered items" },
            reason: "ordered items are fitted by WLSMV, ULSMV, DWLS or ULS (diagonal or unit weights)"),
        RefusalRule(
            source: .notYet, applies: { o, _ in o.missing == .fimlX },
            combination: { "missing = \($0.missing.rawValue)" },
            reason: "available: listwise, fiml, and pairwise for ordered items"),
        RefusalRule(
            source: .notYet, applies: { o, _ in o.missing == .pairwise && (o.ordered.isEmpty || o.group != nil) },
            combination: { o in "missing = pairwise " + (o.ordered.isEmpty ? "without ordered items" : "with groups") },
            reason: "pairwise deletion is available for WLSMV on the ordered items of one group"),
        RefusalRule(
            source: .notYet, applies: { o, _ in o.conditionalExogenous == true && o.ordered.isEmpty },
            combination: { _ in "conditional.x = TRUE without ordered items" },
            reason: "continuous models treat observed predictors by fixed.x"),
        RefusalRule(
            source: .notYet,
            applies: { o, v in
                guard let v, o.conditionalExogenous == false, !o.ordered.isEmpty else { return false }
                return !v.exogenousObserved.isEmpty
            },
            combination: { _ in "conditional.x = FALSE with ordered items and observed predictors" },
            reason: "ordered items are modelled given the predictors (lavaan's default, conditional.x = TRUE)"),
        RefusalRule(
            source: .notYet, applies: { o, _ in o.parameterization == .theta },
            combination: { _ in "parameterization = theta" }, reason: "ordered items use the delta parameterization"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in
                o.resolvedInformation == .firstOrder && o.continuousML
                    && (o.missing != .listwise || o.group != nil || o.resolvedSE != .standard)
            },
            combination: { o in
                "information = first.order with "
                    + (o.missing != .listwise
                        ? "missing = \(o.missing.rawValue)"
                        : o.group != nil ? "groups" : "se = \(o.resolvedSE.rawValue)")
            },
            reason: "first-order standard errors are available for one group on complete rows"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in o.continuousML && o.resolvedTest == .yuanBentler && o.missing != .listwise },
            combination: { "test = yuan.bentler with missing = \($0.missing.rawValue)" },
            reason:
                "with missing data the Yuan-Bentler test is available in its Mplus form (test = yuan.bentler.mplus, "
                + "estimator MLR)"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in o.continuousML && o.resolvedSE == .robustHuberWhite && o.resolvedInformation != .observed
            },
            combination: { _ in "se = robust.huber.white with information = expected" },
            reason: "the Huber-White sandwich is built on the observed information (lavaan's default for it)"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in
                o.continuousML && o.resolvedTest == .yuanBentlerMplus && o.resolvedInformation != .observed
            },
            combination: { _ in "test = yuan.bentler.mplus with information = expected" },
            reason: "the Yuan-Bentler trace is built on the observed information (lavaan's default for MLR)"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in
                o.continuousML
                    && (o.resolvedSE == .robustSEM
                        || [.satorraBentler, .yuanBentler, .scaledShifted, .meanVarianceAdjusted].contains(
                            o.resolvedTest))
                    && o.resolvedInformation != .expected
            },
            combination: { o in
                (o.resolvedSE == .robustSEM ? "se = robust.sem" : "test = \(o.resolvedTest.rawValue)")
                    + " with information = observed"
            },
            reason:
                "the Satorra-Bentler statistics (and lavaan's yuan.bentler test, equal to them on complete data) are "
                + "built on the expected information (lavaan's default for ML and MLM)"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in o.missing == .fiml && o.resolvedTest == .bollenStine },
            combination: { _ in "test = bollen.stine with missing = fiml" },
            reason: "the Bollen-Stine transformation is computed for complete rows; use the bootstrap standard errors"),
        RefusalRule(
            source: .notYet,
            applies: { o, v in
                guard o.missing == .fiml && o.resolvedInformation == .expected else { return false }
                return !(v?.exogenousObserved.isEmpty ?? true)
            },
            combination: { _ in "information = expected with missing = fiml and fixed covariates" },
            reason: "the expected information with missing data is computed without fixed covariates"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in o.continuousLeastSquares && o.group != nil && o.resolvedSE == .bootstrap },
            combination: { "estimator \($0.name) across groups with se = bootstrap" },
            reason: "the bootstrap across groups refits by ML or FIML; use standard or robust.sem standard errors"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in o.estimator.isLeastSquares && o.resolvedInformation != .expected },
            combination: { o in "information = \(o.resolvedInformation.rawValue) with estimator \(o.name)" },
            reason: "least-squares fits use the expected information of their own weight matrix"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in
                o.continuousLeastSquares
                    && (![.standard, .robustSEM, .bootstrap, .none].contains(o.resolvedSE)
                        || ![.standard, .scaledShifted, .none].contains(o.resolvedTest))
            },
            combination: { o in
                "estimator \(o.name) with "
                    + (![.standard, .robustSEM, .bootstrap, .none].contains(o.resolvedSE)
                        ? "se = \(o.resolvedSE.rawValue)" : "test = \(o.resolvedTest.rawValue)")
            },
            reason:
                "least-squares fits have standard, robust.sem, bootstrap or no standard errors and the standard, "
                + "scaled-shifted or no test"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in
                !o.ordered.isEmpty
                    && (![.robustSEM, .standard, .none, .bootstrap].contains(o.resolvedSE)
                        || ![.scaledShifted, .standard, .none].contains(o.resolvedTest))
            },
            combination: { o in
                "ordered items with "
                    + (![.robustSEM, .standard, .none, .bootstrap].contains(o.resolvedSE)
                        ? "se = \(o.resolvedSE.rawValue)" : "test = \(o.resolvedTest.rawValue)")
            },
            reason:
                "fits of ordered items have robust.sem, standard or bootstrap errors and the scaled-shifted or "
                + "standard test"),
        RefusalRule(
            source: .notYet,
            applies: { o, _ in !o.ordered.isEmpty && o.resolvedSE == .bootstrap && (o.group != nil || o.missing == .pairwise) },
            combination: { o in "se = bootstrap with ordered items " + (o.group != nil ? "across groups" : "and pairwise deletion") },
            reason: "the bootstrap of ordered items resamples the complete rows of one group"),
        RefusalRule(
            source: .notYet,
            applies: { o, v in
                guard !o.ordered.isEmpty else { return false }
                let plainWLSMV =
                    o.estimator == .wlsmv && [.robustSEM, .none].contains(o.resolvedSE)
                    && [.scaledShifted, .none].contains(o.resolvedTest)
                return !plainWLSMV && !(v?.exogenousObserved.isEmpty ?? true)
            },
            combination: { o in
                "estimator \(o.name) (se = \(o.resolvedSE.rawValue), test = \(o.resolvedTest.rawValue)) "
                    + "with ordered items and observed predictors"
            },
            reason: "ordered items with observed predictors (lavaan's conditional.x) are fitted by WLSMV"),
        // These need the model's variables.
        RefusalRule(
            source: .notYet,
            applies: { o, v in
                guard let v, o.missing == .pairwise, !o.ordered.isEmpty else { return false }
                if case .variables(let named) = o.ordered, v.observed.contains(where: { !named.contains($0) }) {
                    return true
                }
                return !v.exogenousObserved.isEmpty
            },
            combination: { _ in "missing = pairwise with observed predictors or continuous variables" },
            reason: "pairwise deletion is available for WLSMV when every observed variable is an ordered item"),
        RefusalRule(
            source: .notYet,
            applies: { o, v in
                guard let v, case .variables(let named) = o.ordered else { return false }
                let continuous = v.observed.filter { !named.contains($0) && !v.exogenousObserved.contains($0) }
                return !continuous.isEmpty && (o.group != nil || !v.exogenousObserved.isEmpty)
            },
            combination: { o in
                "continuous items beside ordered ones "
                    + (o.group != nil ? "across groups" : "with observed predictors")
            },
            reason: "order every item (ordered = all)"),
    ]
}
