import TrustPathModelSpec
import TrustPathSurvey

/// Why a model could not be estimated on the data, with what the user needs to fix it.
public enum SEMError: Error, Equatable, Sendable {
    /// A model variable that is neither a column of the data nor a latent variable.
    case unknownVariable(name: String, suggestion: String?)
    /// A model variable whose column is not numeric.
    case notNumeric(name: String)
    /// More free parameters than sample moments.
    case negativeDegreesOfFreedom(parameters: Int, moments: Int)
    /// Fewer complete rows than needed.
    case tooFewRows(rows: Int, variables: Int)
    /// The sample covariance matrix is singular: constant or collinear variables.
    case sampleCovarianceNotPositiveDefinite(constant: [String], collinear: [String])
    /// The optimiser stopped without converging.
    case notConverged(iterations: Int, gradient: Double, tried: String)
    /// The model is not identified: the information matrix is singular in these parameters.
    case notIdentified(parameters: [String])
    /// Something in the model TrustPath does not estimate yet.
    case unsupported(String)
    /// An ordered item that takes a single value: it has no threshold.
    case singleCategory(name: String, value: Double)
    /// Two binary items whose 2 x 2 table has two empty cells: their polychoric correlation is ±1.
    case perfectAssociation(first: String, second: String)
    /// An ordered item whose answers use categories in one group that another group never uses.
    case categoryAbsentInGroup(item: String, group: String, categories: [Double])
    /// A combination of options that lavaan refuses too, or that TrustPath does not fit yet.
    case refused(SEMRefusal)
    /// The model text cannot be turned into a parameter table.
    case model(ModelSpecError)
    /// The groups cannot be set up (too few, one too small, a bad group.equal).
    case groups(MultiGroupError)
    /// The data cannot give what the model needs (a group column that does not exist, say).
    case data(SurveyError)
    /// `ordered` names a variable that is not an observed variable of the model.
    case orderedNotInModel(name: String, suggestion: String?)
    /// Models that cannot be compared as nested (other options, other rows).
    case notComparable(String)

    /// The data and model were usable but estimation failed (exit status 3), as opposed to bad input (1).
    public var isEstimationFailure: Bool {
        switch self {
        case .notConverged, .notIdentified: return true
        default: return false
        }
    }

    public var message: String {
        switch self {
        case .unknownVariable(let name, let suggestion):
            return "the model uses '\(name)', which is neither a column of the data nor a latent variable (=~)"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .notNumeric(let name):
            return "the model variable '\(name)' is not numeric in the data; declare it numeric or map its labels (--likert-map)"
        case .negativeDegreesOfFreedom(let parameters, let moments):
            return "the model has \(parameters) free parameters but the data give only \(moments) sample moments "
                + "(negative degrees of freedom); fix or remove parameters"
        case .tooFewRows(let rows, let variables):
            return "only \(rows) complete rows for \(variables) model variables; at least \(variables + 1) are needed"
        case .sampleCovarianceNotPositiveDefinite(let constant, let collinear):
            var parts: [String] = []
            if !constant.isEmpty { parts.append("constant: " + constant.joined(separator: ", ")) }
            if !collinear.isEmpty { parts.append("linearly dependent: " + collinear.joined(separator: ", ")) }
            return "the sample covariance matrix of the model variables is not positive definite ("
                + parts.joined(separator: "; ") + "); drop or combine those variables"
        case .notConverged(let iterations, let gradient, let tried):
            return "the estimates did not converge after \(iterations) iterations (largest gradient \(gradient)); tried \(tried). "
                + "Check the model's identification and the variables' scales (very different variances slow the optimiser: rescale them), "
                + "give start values (start(0.5)*x), or fix a variance that runs to zero"
        case .notIdentified(let parameters):
            return "the model is not identified: no unique estimate for " + parameters.joined(separator: ", ")
                + "; fix or constrain these parameters"
        case .unsupported(let what):
            return "\(what) is not supported yet"
        case .singleCategory(let name, let value):
            return "the ordered variable '\(name)' takes only one value (\(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))) in the rows used; "
                + "an ordinal item needs at least two categories: drop it from the model or from --ordered"
        case .perfectAssociation(let first, let second):
            return "the binary items '\(first)' and '\(second)' are perfectly associated (two empty cells in their 2 x 2 table), "
                + "so their polychoric correlation is ±1 and WLSMV cannot weight it; drop one of them"
        case .refused(let refusal):
            return refusal.message
        case .model(let error):
            return error.message(file: "the model")
        case .groups(let error):
            return error.message
        case .data(let error):
            return error.message
        case .notComparable(let reason):
            return "the models cannot be compared: " + reason
        case .orderedNotInModel(let name, let suggestion):
            return "ordered names '\(name)', which is not an observed variable of the model" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .categoryAbsentInGroup(let item, let group, let categories):
            let values = categories.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }.joined(separator: ", ")
            return "the ordered item '\(item)' has no answers in categor\(categories.count == 1 ? "y" : "ies") \(values) in group '\(group)', "
                + "though other groups use \(categories.count == 1 ? "it" : "them"); every group needs the same categories for its thresholds "
                + "(lavaan refuses this too): merge the sparse categories with their neighbours (e.g. --likert-map) or drop the item"
        }
    }
}
