/// One statement of a lavaan model, as written (before lavaan's defaults are applied).
public enum ModelStatement: Sendable, Equatable {
    /// `lhs op term + term ...` for `=~` (measured by), `~` (regressed on), `~~` (covaries with)
    /// and `<~` (composite, formed by). Several left-hand sides (`y1 + y2 ~ x`) give one
    /// statement each.
    case relation(lhs: String, op: RelationOperator, rhs: [ModelTerm], location: SourceLocation)
    /// `name := expression`: a defined parameter; `text` is the expression as written, without spaces.
    case definition(name: String, expression: ModelExpression, text: String, location: SourceLocation)
    /// `expression == expression` (or `<`, `>`): a constraint on parameters, with each side's text.
    case constraint(lhs: ModelExpression, op: ConstraintOperator, rhs: ModelExpression,
                    lhsText: String, rhsText: String, location: SourceLocation)
}

public enum RelationOperator: String, Sendable, Equatable {
    case measuredBy = "=~"
    case regressedOn = "~"
    case covariance = "~~"
    case formedBy = "<~"
}

public enum ConstraintOperator: String, Sendable, Equatable {
    case equal = "=="
    case less = "<"
    case greater = ">"
}

/// One right-hand-side term with its modifiers: `a*x`, `0.5*x`, `NA*x`, `start(0.3)*x`,
/// `c(a, b)*x` (one modifier per group), or the intercept `1` of `y ~ 1`.
public struct ModelTerm: Sendable, Equatable {
    /// A variable name, or "1" for an intercept.
    public let name: String
    public let modifiers: [ModelModifier]
    public let location: SourceLocation

    public init(name: String, modifiers: [ModelModifier] = [], location: SourceLocation) {
        self.name = name
        self.modifiers = modifiers
        self.location = location
    }

    public var isIntercept: Bool { name == "1" }
}

/// What a modifier before `*` says about a parameter.
public enum ModelModifier: Sendable, Equatable {
    /// `0.5*x`: fixed at this value.
    case fixed(Double)
    /// `NA*x`: free (frees a marker loading).
    case free
    /// `a*x`: labelled; a repeated label makes parameters equal.
    case label(String)
    /// `start(0.3)*x`: starting value.
    case start(Double)
    /// `c(m1, m2)*x`: one modifier per group.
    case perGroup([ModelModifier])
}

extension ModelStatement {
    /// `statements` as group `g` (0-based) of `count` sees them: each `c(v1, ..., vG)` modifier
    /// replaced by its g-th entry, which must exist for every group (lavaan's per-group modifiers).
    public static func forGroup(_ g: Int, of count: Int, _ statements: [ModelStatement]) throws(ModelSpecError) -> [ModelStatement] {
        var result: [ModelStatement] = []
        for statement in statements {
            guard case .relation(let lhs, let op, let terms, let location) = statement else { result.append(statement); continue }
            var own: [ModelTerm] = []
            for term in terms {
                var modifiers: [ModelModifier] = []
                for modifier in term.modifiers {
                    guard case .perGroup(let values) = modifier else { modifiers.append(modifier); continue }
                    guard values.count == count else {
                        throw .groupValueCount(term: "\(lhs) \(op.rawValue) \(term.name)", given: values.count, groups: count, location: term.location)
                    }
                    modifiers.append(values[g])
                }
                own.append(ModelTerm(name: term.name, modifiers: modifiers, location: term.location))
            }
            result.append(.relation(lhs: lhs, op: op, rhs: own, location: location))
        }
        return result
    }

    /// `statements` read for the pooled rows of all groups: every `c(v1, ..., vG)` modifier of
    /// several entries left out, then every `:=` and `==` statement that names a label no longer
    /// defined (a label of a left-out modifier, or a `:=` left out before it).
    public static func pooled(_ statements: [ModelStatement]) -> [ModelStatement] {
        var labels = Set<String>()
        var result: [ModelStatement] = statements.map { statement in
            guard case .relation(let lhs, let op, let terms, let location) = statement else { return statement }
            let kept = terms.map { term in
                let modifiers = term.modifiers.filter { modifier in
                    if case .perGroup(let values) = modifier { return values.count == 1 }
                    return true
                }
                for modifier in modifiers {
                    if case .label(let name) = modifier { labels.insert(name) }
                    if case .perGroup(let values) = modifier, case .label(let name) = values[0] { labels.insert(name) }
                }
                return ModelTerm(name: term.name, modifiers: modifiers, location: term.location)
            }
            return .relation(lhs: lhs, op: op, rhs: kept, location: location)
        }
        var removed = true
        while removed {
            let defined = labels.union(result.compactMap { if case .definition(let name, _, _, _) = $0 { name } else { nil } })
            let before = result.count
            result.removeAll { statement in
                switch statement {
                case .relation: return false
                case .definition(_, let expression, _, _): return !expression.parameters.allSatisfy(defined.contains)
                case .constraint(let lhs, _, let rhs, _, _, _):
                    return !(lhs.parameters + rhs.parameters).allSatisfy(defined.contains)
                }
            }
            removed = result.count < before
        }
        return result
    }
}
