/// Statistical trouble that still yields a result: carried on the fit, shown in reports and on
/// standard error, never a reason to stop.
public enum Diagnostic: Sendable, Equatable {
    /// A variance estimated below zero (a Heywood case; lavaan reports the unbounded optimum too).
    case negativeVariance(variable: String, estimate: Double)
    /// A standardized loading or correlation beyond ±1.
    case standardizedBeyondOne(parameter: String, value: Double)
    /// The information matrix at the estimates cannot be inverted: the estimates stand, their
    /// standard errors (and tests and intervals) are not available.
    case singularInformation(parameters: [String])

    public var message: String {
        switch self {
        case .negativeVariance(let variable, let estimate):
            return "the variance of '\(variable)' is estimated below zero (\(estimate)): a Heywood case; "
                + "the model may be misspecified or the sample too small"
        case .standardizedBeyondOne(let parameter, let value):
            return "the standardized value of \(parameter) is \(value), beyond ±1: a Heywood case"
        case .singularInformation(let parameters):
            return "the information matrix at the estimates cannot be inverted, so standard errors, tests and intervals are "
                + "not available (NA); the model is empirically under-identified in " + parameters.joined(separator: ", ")
        }
    }
}

extension Diagnostic {
    /// Heywood cases among `estimates`: variances below zero (free ones; fixed ones too with
    /// `fixedVariances`, for WLSMV's delta-parameterization residual variances) and standardized
    /// loadings or correlations beyond ±1. With group `labels`, each is named with its group. They
    /// are reported, never blocked (as lavaan).
    public static func heywoodCases(_ estimates: [ParameterEstimate], labels: [String]? = nil, fixedVariances: Bool = false) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for estimate in estimates where estimate.op == "~~" || estimate.op == "=~" {
            let group = labels.map { $0.indices.contains(estimate.group - 1) ? " in group \(estimate.group) (\($0[estimate.group - 1]))" : "" } ?? ""
            if estimate.op == "~~", estimate.lhs == estimate.rhs, estimate.isFree || fixedVariances, estimate.estimate < 0 {
                found.append(.negativeVariance(variable: estimate.lhs + group, estimate: estimate.estimate))
            } else if estimate.lhs != estimate.rhs, abs(estimate.stdAll) > 1 + 1e-12 {
                found.append(.standardizedBeyondOne(parameter: "\(estimate.lhs) \(estimate.op) \(estimate.rhs)" + group, value: estimate.stdAll))
            }
        }
        return found
    }
}

extension SEMFit {
    /// Heywood cases among the estimates, and a singular information matrix.
    public var diagnostics: [Diagnostic] {
        (informationProblem.map { [.singularInformation(parameters: $0)] } ?? []) + Diagnostic.heywoodCases(estimates)
    }
}

extension MultiGroupFit {
    /// Heywood cases in any group, and a singular information matrix.
    public var diagnostics: [Diagnostic] {
        (informationProblem.map { [.singularInformation(parameters: $0)] } ?? []) + Diagnostic.heywoodCases(estimates, labels: model.labels)
    }
}

extension WLSMVGroupsFit {
    /// Heywood cases in any group, items' latent-response residual variances below zero included.
    public var diagnostics: [Diagnostic] { Diagnostic.heywoodCases(estimates, labels: model.labels, fixedVariances: true) }
}
