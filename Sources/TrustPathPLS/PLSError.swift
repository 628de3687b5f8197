import TrustPathModelSpec

/// Why a PLS path model cannot be set up or estimated, with what to change.
public enum PLSError: Error, Equatable, Sendable {
    case model(ModelSpecError)
    /// A statement PLS path modelling has no use for (`~~`, `:=`, constraints, fixed values).
    case notInPLS(what: String, location: SourceLocation)
    /// A path between names of which one is not a construct.
    case pathNotBetweenConstructs(name: String, location: SourceLocation)
    /// An indicator assigned to two constructs.
    case sharedIndicator(indicator: String, constructs: [String])
    /// A construct in no path: the inner model gives it no proxy.
    case isolatedConstruct(String)
    /// The structural model has a cycle (PLS estimates recursive models only).
    case cycle([String])
    case noPaths
    /// An indicator that is no column of the data, or not numeric, or constant.
    case unknownIndicator(name: String, suggestion: String?)
    case notNumeric(name: String)
    case constantIndicator(name: String)
    case tooFewRows(rows: Int, needed: Int)
    /// The outer weights did not settle within the iteration cap.
    case notConverged(iterations: Int, change: Double)
    /// A mode B block or a regression whose predictors are perfectly collinear.
    case singular(what: String)

    /// The model and data were usable but estimation failed (exit status 3).
    public var isEstimationFailure: Bool {
        switch self {
        case .notConverged, .singular: return true
        default: return false
        }
    }

    /// One line, prefixed with the model file where the error is about the model.
    public func message(file: String) -> String {
        switch self {
        case .model(let error): return error.message(file: file)
        case .notInPLS(let what, let location):
            return "\(file):\(location.line):\(location.column): \(what) has no meaning in PLS path modelling; remove it "
                + "(PLS takes =~ for reflective constructs, <~ for composites and ~ for paths)"
        case .pathNotBetweenConstructs(let name, let location):
            return "\(file):\(location.line):\(location.column): '\(name)' is not a construct; PLS paths connect constructs "
                + "(define it with '\(name.uppercased()) =~ \(name)' to use a single item)"
        case .sharedIndicator(let indicator, let constructs):
            return "\(file): the indicator '\(indicator)' belongs to " + constructs.joined(separator: " and ") + "; give each indicator one construct"
        case .isolatedConstruct(let name):
            return "\(file): the construct '\(name)' takes part in no path (~); PLS needs every construct in the structural model"
        case .cycle(let names):
            return "\(file): the paths form a cycle (" + names.joined(separator: " -> ") + "); PLS path models must be recursive"
        case .noPaths:
            return "\(file): the model has no paths (~); PLS path modelling needs a structural model, e.g. 'PI ~ PT'"
        case .unknownIndicator(let name, let suggestion):
            return "\(file): the indicator '\(name)' is not a column of the data" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .notNumeric(let name):
            return "\(file): the indicator '\(name)' is not numeric in the data; map its labels to numbers first"
        case .constantIndicator(let name):
            return "\(file): the indicator '\(name)' takes one value only in the rows used, so it cannot be standardized; drop it"
        case .tooFewRows(let rows, let needed):
            return "\(file): only \(rows) complete rows; PLS needs at least \(needed) (more rows than the largest regression has predictors)"
        case .notConverged(let iterations, let change):
            return "\(file): the outer weights did not converge in \(iterations) iterations (last change \(change)); "
                + "check for constructs whose indicators barely correlate"
        case .singular(let what):
            return "\(file): \(what) is singular (perfectly collinear indicators or constructs); drop one of them"
        }
    }
}
