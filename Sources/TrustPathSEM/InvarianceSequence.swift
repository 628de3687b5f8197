import Foundation
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSurvey

/// Measurement invariance across groups, tested as lavaan users do with `semTools::measEq.syntax`
/// or successive `cfa(..., group.equal = ...)` fits (Meredith 1993; Vandenberg & Lance 2000):
/// configural (same pattern), metric (equal loadings), scalar (+ equal intercepts), strict (+ equal
/// residual variances). Each step is compared with the one before by the chi-square difference
/// test and by the change in CFI and RMSEA. A step holds when CFI drops by no more than .010 and
/// RMSEA rises by no more than .015 (Chen 2007; Cheung & Rensvold 2002 for ΔCFI); the verdict is
/// the highest level reached without a failing step.
public struct InvarianceSequence: Sendable {
    public enum Level: String, Sendable, CaseIterable {
        case configural, metric, scalar, strict

        /// The `group.equal` classes this level holds equal (for ordinal items, the thresholds in place of the intercepts).
        public func equal(ordinal: Bool = false) -> Set<MultiGroupModel.EqualityClass> {
            switch self {
            case .configural: return []
            case .metric: return [.loadings]
            case .scalar: return [.loadings, ordinal ? .thresholds : .intercepts]
            case .strict: return [.loadings, ordinal ? .thresholds : .intercepts, .residuals]
            }
        }

        /// What holding this level means for a comparison, in plain words.
        public var meaning: String {
            switch self {
            case .configural: return "the same factors are measured by the same items in every group"
            case .metric: return "the items relate to their factors equally strongly, so relations between constructs (paths, correlations) can be compared"
            case .scalar: return "the items' intercepts (thresholds, for ordinal items) are equal too, so latent means can be compared"
            case .strict: return "the items' residual variances are equal too, so observed scale scores can be compared"
            }
        }
    }

    /// How each level is estimated and tested.
    public enum Estimator: String, Sendable, CaseIterable {
        /// Maximum likelihood; the plain χ² difference test.
        case ml
        /// ML with robust (Huber-White) standard errors and the Yuan-Bentler scaled test; the
        /// Satorra-Bentler (2001) scaled difference test, as lavaan's `lavTestLRT` for MLR fits;
        /// ΔCFI and ΔRMSEA from the robust CFI and RMSEA (Brosseau-Liard & Savalei 2012, 2014).
        case mlr
        /// ML with Satorra-Bentler standard errors and scaled test (lavaan's MLM); differences and
        /// changes as MLR's.
        case mlm
        /// Ordinal items by WLSMV (``WLSMVGroupsFit``): configural, metric (loadings) and scalar
        /// (loadings and thresholds); each step tested by lavaan's scaled-shifted Satorra (2000)
        /// difference (Mplus's DIFFTEST); ΔCFI and ΔRMSEA from the scaled indices. Strict
        /// invariance has no residual variances to hold equal in the delta parameterization.
        case wlsmv

        /// The fitMeasures names the table reports for the test, CFI, TLI and RMSEA.
        public var chisq: String { self == .ml ? "chisq" : "chisq.scaled" }
        public var pvalue: String { self == .ml ? "pvalue" : "pvalue.scaled" }
        public var cfi: String { self == .ml ? "cfi" : self.isRobustML ? "cfi.robust" : "cfi.scaled" }
        public var tli: String { self == .ml ? "tli" : self.isRobustML ? "tli.robust" : "tli.scaled" }
        public var rmsea: String { self == .ml ? "rmsea" : self.isRobustML ? "rmsea.robust" : "rmsea.scaled" }
        public var rmseaLower: String { self == .ml ? "rmsea.ci.lower" : self.isRobustML ? "rmsea.ci.lower.robust" : "rmsea.ci.lower.scaled" }
        public var rmseaUpper: String { self == .ml ? "rmsea.ci.upper" : self.isRobustML ? "rmsea.ci.upper.robust" : "rmsea.ci.upper.scaled" }
        /// MLR or MLM: ML estimates with robust statistics.
        public var isRobustML: Bool { self == .mlr || self == .mlm }
        /// The levels tested.
        public var levels: [Level] { self == .wlsmv ? [.configural, .metric, .scalar] : Level.allCases }
    }

    /// Chen's (2007) cut-offs for the change from one level to the next.
    public static let maximumCFIDrop = 0.010
    public static let maximumRMSEARise = 0.015

    public struct Step: Sendable {
        public let level: Level
        /// The groups and the structural model of this level.
        public let model: MultiGroupModel
        public let measures: FitMeasures
        /// Against the previous level: Δχ², Δdf, its p-value, ΔCFI, ΔRMSEA (nil for configural).
        public let difference: (chisq: Double, df: Double, pValue: Double, cfi: Double, rmsea: Double)?
        /// Whether the change from the previous level stays within the cut-offs (true for configural).
        public var holds: Bool {
            guard let d = difference else { return true }
            return d.cfi >= -InvarianceSequence.maximumCFIDrop && d.rmsea <= InvarianceSequence.maximumRMSEARise
        }
    }

    public let steps: [Step]
    public let estimator: Estimator

    /// Fits `levels` in order (default: all the estimator tests) to `data` grouped by
    /// `groupColumn`, with the same `partial` exceptions at every level; with `fullInformation`,
    /// by FIML over each group's missing-data patterns (ML, or robust FIML with MLR); numerical
    /// derivatives on `jobs` threads (any number gives the same steps).
    public init(
        model text: String, data: SurveyData, groupColumn: String, options: ModelOptions = ModelOptions(),
        levels: [Level]? = nil, partial: [String] = [], estimator: Estimator = .ml, fullInformation: Bool = false,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws {
        guard !fullInformation || estimator == .ml || estimator == .mlr else {
            throw SEMError.unsupported("FIML with \(estimator.rawValue.uppercased()) (use ML or MLR with missing data)")
        }
        steps = try ObservedInformation.$jobs.withValue(max(1, jobs)) {
            try Self.fitSteps(model: text, data: data, groupColumn: groupColumn, options: options, levels: levels,
                              partial: partial, estimator: estimator, fullInformation: fullInformation)
        }
        self.estimator = estimator
    }

    private static func fitSteps(
        model text: String, data: SurveyData, groupColumn: String, options: ModelOptions, levels: [Level]?,
        partial: [String], estimator: Estimator, fullInformation: Bool
    ) throws -> [Step] {
        var steps: [Step] = []
        var previousOrdinal: WLSMVGroupsFit?
        for level in levels ?? estimator.levels {
            let model: MultiGroupModel, measures: FitMeasures
            var ordinal: WLSMVGroupsFit?
            if estimator == .wlsmv {
                let fit = try WLSMVGroupsFit(model: text, data: data, groupColumn: groupColumn, options: options,
                                             equal: level.equal(ordinal: true), partial: partial)
                (model, measures, ordinal) = (fit.model, fit.measures, fit)
            } else {
                let fit = try MultiGroupFit(MultiGroupModel(model: text, data: data, groupColumn: groupColumn, options: options,
                                                            equal: level.equal(), partial: partial, fullInformation: fullInformation))
                model = fit.model
                if estimator.isRobustML {
                    let robust = estimator == .mlm ? try RobustML(satorraBentlerMultiGroup: fit) : try RobustML(multiGroup: fit)
                    measures = robust.measures(FitMeasures(multiGroup: fit), groups: fit.model.groups.count)
                } else {
                    measures = FitMeasures(multiGroup: fit)
                }
            }
            var difference: (Double, Double, Double, Double, Double)?
            if let previous = steps.last {
                let m = { (set: FitMeasures, name: String) in set[name] ?? .nan }
                var df = m(measures, "df") - m(previous.measures, "df")
                let chisq: Double
                switch estimator {
                case .ml: chisq = m(measures, "chisq") - m(previous.measures, "chisq")
                case .mlr, .mlm: chisq = ModelComparison.scaledDifference(restricted: measures, free: previous.measures)
                case .wlsmv:
                    if let restricted = ordinal, let free = previousOrdinal {
                        (chisq, df) = WLSMVGroupsFit.differenceTest(restricted: restricted, free: free)
                    } else {
                        chisq = .nan
                    }
                }
                difference = (chisq, df, df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan,
                              m(measures, estimator.cfi) - m(previous.measures, estimator.cfi),
                              m(measures, estimator.rmsea) - m(previous.measures, estimator.rmsea))
            }
            steps.append(Step(level: level, model: model, measures: measures, difference: difference))
            previousOrdinal = ordinal
        }
        return steps
    }

    /// The highest level reached before the first step that fails the cut-offs.
    public var highestLevel: Level {
        var reached = Level.configural
        for step in steps { if step.holds { reached = step.level } else { break } }
        return reached
    }
}
