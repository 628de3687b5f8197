import TrustPathSurvey

/// What can be wrong with a regression request; ``message`` renders each case, the only place that does.
public enum RegressionError: Error, Equatable, Sendable {
    case formula(text: String, reason: String)
    case unknownVariable(name: String, suggestion: String?)
    case notNumeric(name: String)
    case tooFewRows(rows: Int, parameters: Int)
    case collinear(terms: [String])
    case notBinary(outcome: String, values: [String])
    case notConverged(iterations: Int)
    case constantOutcome(name: String)
    case processModel(number: Int, needs: String)

    public var message: String {
        switch self {
        case .formula(let text, let reason):
            return "'\(text)': \(reason); expected a formula such as 'PI ~ PT + HA + HA:UAI'"
        case .unknownVariable(let name, let suggestion):
            return "the formula uses '\(name)', which is not a column of the data" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .notNumeric(let name):
            return "'\(name)' is not numeric; a regression needs numeric columns (code categories as 0/1 columns)"
        case .tooFewRows(let rows, let parameters):
            return "only \(rows) complete rows for \(parameters) coefficients; at least \(parameters + 1) are needed"
        case .collinear(let terms):
            return "the predictors are linearly dependent (" + terms.joined(separator: ", ") + "); drop or combine them"
        case .notBinary(let outcome, let values):
            return "logistic regression needs a 0/1 outcome, but '\(outcome)' has the values " + values.joined(separator: ", ")
        case .notConverged(let iterations):
            return "the logistic regression did not converge after \(iterations) iterations (complete or quasi-complete separation?)"
        case .processModel(let number, let needs):
            return "PROCESS model \(number) needs \(needs)"
        case .constantOutcome(let name):
            return "the outcome '\(name)' does not vary in the complete rows"
        }
    }
}

extension RegressionError {
    /// The complete rows of `variables` in `data` (``CompleteRows``), in this module's words.
    static func completeRows(_ data: SurveyData, _ variables: [String]) throws(RegressionError) -> CompleteRows {
        try CompleteRows(
            data, columns: variables, unknown: { RegressionError.unknownVariable(name: $0, suggestion: $1) },
            notNumeric: { .notNumeric(name: $0) })
    }
}
