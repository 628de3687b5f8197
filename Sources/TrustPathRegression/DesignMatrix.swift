import TrustPathLinalg
import TrustPathSurvey

/// The outcome vector and the model matrix of a formula on the complete rows of the data
/// (listwise deletion over every variable the formula uses, as R's `lm` does by default).
public struct DesignMatrix: Sendable {
    public let formula: RegressionFormula
    public let x: Matrix
    public let y: [Double]
    /// Whether predictors in interactions were mean-centred before forming products (PROCESS style).
    public let isCentered: Bool

    public var count: Int { y.count }
    public var termNames: [String] { formula.termNames }

    /// With `center`, every variable that appears in an interaction is mean-centred (over the
    /// complete rows) before the products are formed, so lower-order terms are effects at the mean.
    public init(formula: RegressionFormula, data: SurveyData, center: Bool = false) throws(RegressionError) {
        let complete = try RegressionError.completeRows(data, formula.variables)
        let k = formula.terms.count + 1
        guard complete.count > k else { throw .tooFewRows(rows: complete.count, parameters: k) }
        var values = Dictionary(
            formula.variables.enumerated().map { ($1, complete.values($0)) }, uniquingKeysWith: { first, _ in first })
        if center {
            let interacting = Set(formula.terms.filter { $0.count > 1 }.flatMap { $0 })
            for name in interacting {
                guard let column = values[name] else { continue }
                let mean = column.reduce(0, +) / Double(column.count)
                values[name] = column.map { $0 - mean }
            }
        }
        var elements: [Double] = []
        elements.reserveCapacity(complete.count * k)
        for row in 0..<complete.count {
            elements.append(1)
            for term in formula.terms { elements.append(term.reduce(1.0) { $0 * (values[$1]?[row] ?? .nan) }) }
        }
        self.formula = formula
        x = Matrix(rows: complete.count, columns: k, elements: elements)
        y = values[formula.outcome] ?? []
        isCentered = center
    }

    /// The same rows with only the first `termCount` terms (a block of a hierarchical regression).
    public func restricted(toTerms termCount: Int) -> DesignMatrix {
        DesignMatrix(formula: RegressionFormula(outcome: formula.outcome, terms: Array(formula.terms.prefix(termCount))),
                     x: Matrix((0..<x.rows).map { Array(x.row($0).prefix(termCount + 1)) }), y: y, isCentered: isCentered)
    }

    init(formula: RegressionFormula, x: Matrix, y: [Double], isCentered: Bool = false) {
        self.formula = formula
        self.x = x
        self.y = y
        self.isCentered = isCentered
    }
}
