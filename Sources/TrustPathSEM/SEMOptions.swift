import Foundation
import TrustPathModelSpec
import TrustPathResampling

/// How a model is fitted, typed and named as lavaan's options (`lavOptions()`), so that any
/// combination a lavaan user writes can be written here. An estimator name sets lavaan's defaults
/// for the standard errors, the test and the information matrix; each can be overridden, as in
/// lavaan. The `resolved…` properties give the effective choices and ``refusal(variables:)`` says
/// whether the combination runs.
public struct SEMOptions: Sendable, Equatable {
    /// lavaan's `estimator`: the discrepancy function, and a default for `se` and `test`.
    public enum Estimator: String, Sendable, CaseIterable {
        case ml, mlr, mlm, mlmv, mlmvs, gls, uls, dwls, wls, wlsmv, ulsmv

        /// lavaan's defaults for this estimator name (`lav_options_set`, lavaan 0.6-14).
        var defaults: (se: StandardErrors, test: Test) {
            switch self {
            case .ml, .gls, .uls, .dwls, .wls: return (.standard, .standard)
            case .mlr: return (.robustHuberWhite, .yuanBentlerMplus)
            case .mlm: return (.robustSEM, .satorraBentler)
            case .mlmv: return (.robustSEM, .scaledShifted)
            case .mlmvs: return (.robustSEM, .meanVarianceAdjusted)
            case .wlsmv, .ulsmv: return (.robustSEM, .scaledShifted)
            }
        }

        /// Estimators whose discrepancy is the normal likelihood (lavaan reports them as "ML").
        public var isMaximumLikelihood: Bool { [.ml, .mlr, .mlm, .mlmv, .mlmvs].contains(self) }
        /// GLS and the least-squares estimators (WLS, DWLS, ULS and their robust variants).
        public var isLeastSquares: Bool { !isMaximumLikelihood }
    }

    /// lavaan's `missing`.
    public enum MissingData: String, Sendable, CaseIterable {
        /// Rows with a missing model variable are left out.
        case listwise
        /// Full-information ML over the missing-data patterns (lavaan's "ml", also called "fiml").
        case fiml
        /// FIML with the exogenous covariates' missing values modelled too (lavaan's "ml.x").
        case fimlX = "ml.x"
        /// Pairwise-present moments for the least-squares family.
        case pairwise

        /// Reads lavaan's names: "ml" and "fiml" (and "direct") are FIML.
        public init?(lavaanName name: String) {
            switch name.lowercased() {
            case "ml", "fiml", "direct": self = .fiml
            default: self.init(rawValue: name.lowercased())
            }
        }
    }

    /// lavaan's `se`.
    public enum StandardErrors: String, Sendable, CaseIterable {
        case standard
        case robustSEM = "robust.sem"
        case robustHuberWhite = "robust.huber.white"
        case bootstrap
        case none
    }

    /// lavaan's `information`: the matrix whose inverse gives standard errors (and, for robust
    /// statistics, the bread of the sandwich).
    public enum Information: String, Sendable, CaseIterable {
        case expected, observed
        case firstOrder = "first.order"
    }

    /// lavaan's `test`.
    public enum Test: String, Sendable, CaseIterable {
        case standard
        case satorraBentler = "satorra.bentler"
        case yuanBentler = "yuan.bentler"
        case yuanBentlerMplus = "yuan.bentler.mplus"
        case meanVarianceAdjusted = "mean.var.adjusted"
        case scaledShifted = "scaled.shifted"
        case bollenStine = "bollen.stine"
        case none
    }

    /// lavaan's `ordered`: which observed variables are ordinal items.
    public enum Ordered: Sendable, Equatable {
        case none
        case all
        case variables([String])

        public var isEmpty: Bool { self == .none }
    }

    /// lavaan's `parameterization` for ordered items.
    public enum Parameterization: String, Sendable, CaseIterable {
        case delta, theta
    }

    /// The bootstrap's settings (`bootstrap` draws, the seed and the interval type).
    public struct Bootstrap: Sendable, Equatable {
        public var draws: Int
        public var seed: UInt64
        public var interval: BootstrapInterval

        public init(draws: Int = 1000, seed: UInt64 = 1, interval: BootstrapInterval = .percentile) {
            self.draws = draws
            self.seed = seed
            self.interval = interval
        }
    }

    public var estimator: Estimator
    public var missing: MissingData
    /// nil: the estimator's default.
    public var se: StandardErrors?
    /// nil: the estimator's default (observed for FIML and for Huber-White standard errors, as lavaan).
    public var information: Information?
    /// nil: the estimator's default.
    public var test: Test?
    /// The column whose values define the groups; nil for one group.
    public var group: String?
    public var groupEqual: Set<MultiGroupModel.EqualityClass>
    /// Parameters freed despite `groupEqual` ("visual =~ x2", "x1 | t2").
    public var groupPartial: [String]
    public var ordered: Ordered
    public var parameterization: Parameterization
    /// lavaan's fixed.x; nil: its default (TRUE, except FALSE for GLS, ULS, WLS and DWLS).
    public var fixedExogenous: Bool?
    /// lavaan's conditional.x; nil: its default (TRUE with ordered items and observed predictors).
    public var conditionalExogenous: Bool?
    public var meanStructure: Bool
    public var standardizedLatents: Bool
    /// One group's fit of a multi-group model's syntax, on the pooled rows (``ModelOptions/poolsGroupModifiers``).
    public var poolsGroupModifiers = false
    public var bootstrap: Bootstrap
    /// Threads for resampling and numerical derivatives; any count gives the same numbers.
    public var jobs: Int

    public init(
        estimator: Estimator? = nil, missing: MissingData = .listwise, se: StandardErrors? = nil,
        information: Information? = nil, test: Test? = nil, group: String? = nil,
        groupEqual: Set<MultiGroupModel.EqualityClass> = [], groupPartial: [String] = [], ordered: Ordered = .none,
        parameterization: Parameterization = .delta, fixedExogenous: Bool? = nil, conditionalExogenous: Bool? = nil,
        meanStructure: Bool = false, standardizedLatents: Bool = false, bootstrap: Bootstrap = Bootstrap(),
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.estimator = estimator ?? (ordered.isEmpty ? .ml : .wlsmv)
        self.missing = missing
        self.se = se
        self.information = information
        self.test = test
        self.group = group
        self.groupEqual = groupEqual
        self.groupPartial = groupPartial
        self.ordered = ordered
        self.parameterization = parameterization
        self.fixedExogenous = fixedExogenous
        self.conditionalExogenous = conditionalExogenous
        self.meanStructure = meanStructure
        self.standardizedLatents = standardizedLatents
        self.bootstrap = bootstrap
        self.jobs = max(1, jobs)
    }

    /// The effective standard errors.
    public var resolvedSE: StandardErrors { se ?? estimator.defaults.se }
    /// The effective test statistic.
    public var resolvedTest: Test { test ?? estimator.defaults.test }
    /// The effective information matrix: as asked, else observed with FIML or Huber-White standard
    /// errors (so MLR's, whose default se is robust.huber.white), else expected: lavaan 0.6-14's
    /// rule, whatever the estimator's name (MLR with se = "standard" has expected information).
    public var resolvedInformation: Information {
        if let information { return information }
        return missing == .fiml || missing == .fimlX || resolvedSE == .robustHuberWhite ? .observed : .expected
    }
    /// The effective fixed.x: FALSE for GLS and the least-squares estimators on continuous data
    /// (WLSMV and ULSMV included), as lavaan.
    public var resolvedFixedExogenous: Bool {
        fixedExogenous ?? !(estimator.isLeastSquares && ordered.isEmpty)
    }
    /// Whether a mean structure is fitted: asked for, or implied by FIML or groups (as lavaan).
    public var resolvedMeanStructure: Bool { meanStructure || missing == .fiml || missing == .fimlX || group != nil }

    /// lavaan's silent adjustments, applied: a Satorra-Bentler-type statistic or robust.sem
    /// standard errors need complete data, so lavaan sets missing to listwise with a warning.
    /// Returns the options and the warnings, word for word what was changed.
    public func adjusted() -> (options: SEMOptions, warnings: [String]) {
        var copy = self
        var warnings: [String] = []
        let needsComplete =
            resolvedSE == .robustSEM || [.satorraBentler, .meanVarianceAdjusted, .scaledShifted].contains(resolvedTest)
        if missing == .fiml && needsComplete && (estimator == .ml || estimator == .mlr) {
            copy.missing = .listwise
            let cause = resolvedSE == .robustSEM ? "se = robust.sem" : "the \(resolvedTest.rawValue) test"
            warnings.append("missing was set to listwise for \(cause), which needs complete data (as lavaan)")
        }
        return (copy, warnings)
    }

    /// The model's parameter-table options these fitting options imply.
    public var modelOptions: ModelOptions {
        ModelOptions(
            standardizedLatents: standardizedLatents, meanStructure: resolvedMeanStructure,
            fixedExogenous: resolvedFixedExogenous, poolsGroupModifiers: poolsGroupModifiers)
    }
}
