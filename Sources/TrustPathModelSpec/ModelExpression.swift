import Foundation

/// Arithmetic over parameter labels in `:=` definitions and constraints: numbers, labels, unary
/// minus, `+ - * / ^` with the usual precedence (`^` right-associative, binding tighter than unary
/// minus as in R), parentheses, and the functions `exp`, `log`, `sqrt`, `abs`.
public indirect enum ModelExpression: Sendable, Equatable {
    case number(Double)
    case parameter(String, SourceLocation)
    case negate(ModelExpression)
    case binary(String, ModelExpression, ModelExpression)
    case function(String, ModelExpression)

    public static let functions: Set<String> = ["exp", "log", "sqrt", "abs"]

    /// The labels the expression refers to, in order of first appearance.
    public var parameters: [String] {
        var seen: [String] = []
        func visit(_ e: ModelExpression) {
            switch e {
            case .number: break
            case .parameter(let name, _): if !seen.contains(name) { seen.append(name) }
            case .negate(let inner), .function(_, let inner): visit(inner)
            case .binary(_, let a, let b): visit(a); visit(b)
            }
        }
        visit(self)
        return seen
    }

    /// The value with each label replaced by `values[label]` (NaN for an unknown label).
    public func evaluate(_ values: [String: Double]) -> Double {
        switch self {
        case .number(let v): return v
        case .parameter(let name, _): return values[name] ?? .nan
        case .negate(let inner): return -inner.evaluate(values)
        case .function(let name, let inner):
            let x = inner.evaluate(values)
            switch name {
            case "exp": return Foundation.exp(x)
            case "log": return Foundation.log(x)
            case "sqrt": return x.squareRoot()
            case "abs": return Swift.abs(x)
            default: return .nan
            }
        case .binary(let op, let a, let b):
            let x = a.evaluate(values), y = b.evaluate(values)
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            case "/": return x / y
            case "^": return Foundation.pow(x, y)
            default: return .nan
            }
        }
    }
}
