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

        /// The `group.equal` classes this level holds equal.
        public var equal: Set<MultiGroupModel.EqualityClass> {
            switch self {
            case .configural: return []
            case .metric: return [.loadings]
            case .scalar: return [.loadings, .intercepts]
            case .strict: return [.loadings, .intercepts, .residuals]
            }
        }

        /// What holding this level means for a comparison, in plain words.
        public var meaning: String {
            switch self {
            case .configural: return "the same factors are measured by the same items in every group"
            case .metric: return "the items relate to their factors equally strongly, so relations between constructs (paths, correlations) can be compared"
            case .scalar: return "the items' intercepts are equal too, so latent means can be compared"
            case .strict: return "the items' residual variances are equal too, so observed scale scores can be compared"
            }
        }
    }

    /// Chen's (2007) cut-offs for the change from one level to the next.
    public static let maximumCFIDrop = 0.010
    public static let maximumRMSEARise = 0.015

    public struct Step: Sendable {
        public let level: Level
        public let fit: MultiGroupFit
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

    /// Fits `levels` in order (default all four) to `data` grouped by `groupColumn`, with the
    /// same `partial` exceptions at every level.
    public init(model text: String, data: SurveyData, groupColumn: String, options: ModelOptions = ModelOptions(),
                levels: [Level] = Level.allCases, partial: [String] = []) throws {
        var steps: [Step] = []
        for level in levels {
            let fit = try MultiGroupFit(MultiGroupModel(model: text, data: data, groupColumn: groupColumn, options: options,
                                                        equal: level.equal, partial: partial))
            let measures = FitMeasures(multiGroup: fit)
            var difference: (Double, Double, Double, Double, Double)?
            if let previous = steps.last {
                let m = { (set: FitMeasures, name: String) in set[name] ?? .nan }
                let chisq = m(measures, "chisq") - m(previous.measures, "chisq"), df = m(measures, "df") - m(previous.measures, "df")
                difference = (chisq, df, df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan,
                              m(measures, "cfi") - m(previous.measures, "cfi"), m(measures, "rmsea") - m(previous.measures, "rmsea"))
            }
            steps.append(Step(level: level, fit: fit, measures: measures, difference: difference))
        }
        self.steps = steps
    }

    /// The highest level reached before the first step that fails the cut-offs.
    public var highestLevel: Level {
        var reached = Level.configural
        for step in steps { if step.holds { reached = step.level } else { break } }
        return reached
    }
}
