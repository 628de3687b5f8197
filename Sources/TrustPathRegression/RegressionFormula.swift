/// A regression formula in R's notation: `y ~ a + b + a:b`, where `a:b` is the product of a and b
/// and `a*b` stands for `a + b + a:b`. An intercept is always included.
public struct RegressionFormula: Sendable, Equatable {
    public let outcome: String
    /// Each term is the product of its variables; order as written, duplicates removed.
    public let terms: [[String]]

    public init(outcome: String, terms: [[String]]) {
        self.outcome = outcome
        self.terms = terms
    }

    public init(parsing text: String) throws(RegressionError) {
        let sides = text.split(separator: "~", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard sides.count == 2 else { throw .formula(text: text, reason: "expected exactly one '~'") }
        guard RegressionFormula.isName(sides[0]) else { throw .formula(text: text, reason: "the outcome '\(sides[0])' is not a column name") }
        var terms: [[String]] = []
        for piece in sides[1].split(separator: "+", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard !piece.isEmpty else { throw .formula(text: text, reason: "a '+' has nothing on one side") }
            if piece.contains("*") {
                let factors = piece.split(separator: "*").map { $0.trimmingCharacters(in: .whitespaces) }
                guard factors.count == 2, factors.allSatisfy(RegressionFormula.isName) else {
                    throw .formula(text: text, reason: "'\(piece)' is not a product of two column names")
                }
                terms += [[factors[0]], [factors[1]], factors]
            } else {
                let factors = piece.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard factors.allSatisfy(RegressionFormula.isName) else {
                    throw .formula(text: text, reason: "'\(piece)' is not a column name or an interaction a:b")
                }
                terms.append(factors)
            }
        }
        var unique: [[String]] = []
        for term in terms where !unique.contains(term) { unique.append(term) }
        outcome = sides[0]
        self.terms = unique
    }

    /// Term names as R prints them: "(Intercept)", "a", "a:b".
    public var termNames: [String] { ["(Intercept)"] + terms.map { $0.joined(separator: ":") } }

    /// Every variable the formula uses, outcome first.
    public var variables: [String] {
        var names = [outcome]
        for name in terms.flatMap({ $0 }) where !names.contains(name) { names.append(name) }
        return names
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" || first == "." else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }
}
