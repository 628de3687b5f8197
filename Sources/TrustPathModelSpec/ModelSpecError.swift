/// A model that parses but cannot be set up as written.
public enum ModelSpecError: Error, Equatable, Sendable {
    case syntax(ModelSyntaxError)
    /// A latent variable with no fixed loading and no fixed variance.
    case factorWithoutScale(factor: String)
    /// A `:=` or constraint names a label that no parameter has.
    case unknownLabel(label: String, location: SourceLocation)
    /// `<` and `>` constraints are parsed but not estimated yet.
    case inequalityNotSupported(location: SourceLocation)
    /// A latent variable measured by nothing, e.g. only used in `~`.
    case latentWithoutIndicators(factor: String)
    /// A statement of a kind TrustPath does not estimate yet.
    case unsupported(what: String, location: SourceLocation)
    /// The model has no statement that defines a parameter.
    case emptyModel
    /// A `c(...)` modifier whose number of values differs from the number of groups.
    case groupValueCount(term: String, given: Int, groups: Int, location: SourceLocation)

    /// One line (syntax errors: the line and a caret below it).
    public func message(file: String) -> String {
        switch self {
        case .syntax(let error):
            return error.message(file: file)
        case .factorWithoutScale(let factor):
            return "\(file): the latent variable '\(factor)' has no scale: its first loading is freed (NA*) and its variance "
                + "is free; fix one loading (1*x) or its variance (\(factor) ~~ 1*\(factor)), or use --std-lv"
        case .unknownLabel(let label, let location):
            return "\(file):\(location.line):\(location.column): '\(label)' is not the label of any parameter in the model"
        case .inequalityNotSupported(let location):
            return "\(file):\(location.line):\(location.column): inequality constraints (< and >) are not supported yet; "
                + "only == constraints are estimated"
        case .latentWithoutIndicators(let factor):
            return "\(file): '\(factor)' is used as a latent variable but measured by nothing; define it with '\(factor) =~ ...'"
        case .unsupported(let what, let location):
            return "\(file):\(location.line):\(location.column): \(what) is not supported yet"
        case .groupValueCount(let term, let given, let groups, let location):
            return "\(file):\(location.line):\(location.column): c(...) for '\(term)' gives \(given) values, but "
                + (groups == 1 ? "the data have one group" : "there are \(groups) groups") + "; give one value per group"
        case .emptyModel:
            return "\(file): the model has no statements; expected lines such as 'f =~ x1 + x2 + x3'"
        }
    }
}
