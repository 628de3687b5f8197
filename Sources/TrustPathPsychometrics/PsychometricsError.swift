/// Bad input to a reliability, validity or factor analysis; ``message`` renders each case.
public enum PsychometricsError: Error, Equatable, Sendable {
    case unknownItem(name: String, file: String, suggestion: String?)
    case notNumeric(item: String)
    case tooFewRows(rows: Int, items: Int)
    case zeroVariance(item: String)
    case singularCorrelation(items: [String])
    case tooManyFactors(factors: Int, items: Int, maximum: Int)
    case noConstructs
    case notConverged(what: String)

    public var message: String {
        switch self {
        case .unknownItem(let name, let file, let suggestion):
            return "\(file): no column named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .notNumeric(let item):
            return "item '\(item)' is not numeric; rating items must hold numbers"
        case .tooFewRows(let rows, let items):
            return "only \(rows) complete rows for \(items) items; the analysis needs more rows than items"
        case .zeroVariance(let item):
            return "item '\(item)' has the same answer in every complete row (zero variance); remove it from the analysis"
        case .singularCorrelation(let items):
            return "the correlation matrix of the items is singular (an item is a linear combination of others"
                + (items.isEmpty ? "" : ", involving " + items.map { "'\($0)'" }.joined(separator: ", ")) + "); remove redundant items"
        case .tooManyFactors(let factors, let items, let maximum):
            return "\(factors) factors cannot be identified from \(items) items; at most \(maximum) (positive degrees of freedom)"
        case .noConstructs:
            return "no constructs to analyse; give an instrument with constructs or a model with '=~' lines"
        case .notConverged(let what):
            return "\(what) did not converge"
        }
    }
}
