/// Parses lavaan model syntax into ``ModelStatement``s, reporting the first problem with its line
/// and column. Syntax as in lavaan's `lavParseModelString` (Rosseel 2012, *J. Stat. Softw.* 48(2)):
/// statements split by line breaks or `;`, comments from `#` or `!`.
public enum ModelParser {
    public static func parse(_ text: String) throws(ModelSyntaxError) -> [ModelStatement] {
        var parser = Parser(tokens: try ModelLexer.tokens(text), lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var statements: [ModelStatement] = []
        while !parser.atEnd {
            statements += try parser.statement()
        }
        return statements
    }
}

private struct Parser {
    let tokens: [ModelToken]
    let lines: [String]
    var position = 0

    var atEnd: Bool { position >= tokens.count }
    var current: ModelToken? { atEnd ? nil : tokens[position] }

    func peek(_ offset: Int = 0) -> ModelToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    func error(_ problem: String, at token: ModelToken?) -> ModelSyntaxError {
        let location = token?.location ?? tokens.last?.location ?? SourceLocation(line: 1, column: 1)
        let line = location.line - 1 < lines.count ? lines[location.line - 1] : ""
        return ModelSyntaxError(location: location, problem: problem,
                                sourceLine: line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    mutating func advance() -> ModelToken? {
        defer { position += 1 }
        return current
    }

    mutating func expect(_ symbol: String, _ what: String) throws(ModelSyntaxError) {
        guard current?.symbol == symbol else { throw error("expected \(what)", at: current) }
        position += 1
    }

    /// One statement, up to and including its separator.
    mutating func statement() throws(ModelSyntaxError) -> [ModelStatement] {
        let start = position
        var end = position
        while end < tokens.count, tokens[end].kind != .end { end += 1 }
        let operatorToken = tokens[start..<end].first { ["=~", "~", "~~", "<~", ":=", "==", "<", ">"].contains($0.symbol ?? "") }
        guard let operatorToken, let op = operatorToken.symbol else {
            throw error("expected an operator (=~, ~, ~~, <~, :=, ==, <, >) in this statement", at: tokens[start])
        }
        let result: [ModelStatement]
        switch op {
        case ":=": result = [try definition()]
        case "==", "<", ">": result = [try constraint()]
        default: result = try relation()
        }
        guard current?.kind == .end else { throw error("unexpected text after the end of the statement", at: current) }
        position += 1
        return result
    }

    mutating func identifier(_ what: String) throws(ModelSyntaxError) -> (String, SourceLocation) {
        guard let token = current, case .identifier(let name) = token.kind else { throw error("expected \(what)", at: current) }
        position += 1
        return (name, token.location)
    }

    mutating func definition() throws(ModelSyntaxError) -> ModelStatement {
        let (name, location) = try identifier("a name for the defined parameter before ':='")
        try expect(":=", "':=' after the defined parameter's name")
        let start = position
        let value = try expression()
        return .definition(name: name, expression: value, text: text(from: start), location: location)
    }

    mutating func constraint() throws(ModelSyntaxError) -> ModelStatement {
        let location = current?.location ?? SourceLocation(line: 1, column: 1)
        let lhsStart = position
        let lhs = try expression()
        let lhsText = text(from: lhsStart)
        guard let symbol = current?.symbol, let op = ConstraintOperator(rawValue: symbol) else {
            throw error("expected ==, < or > in the constraint", at: current)
        }
        position += 1
        let rhsStart = position
        let rhs = try expression()
        return .constraint(lhs: lhs, op: op, rhs: rhs, lhsText: lhsText, rhsText: text(from: rhsStart), location: location)
    }

    /// The tokens from `start` to the current position, joined without spaces (as lavaan stores them).
    func text(from start: Int) -> String {
        tokens[start..<position].map(\.text).joined()
    }

    mutating func relation() throws(ModelSyntaxError) -> [ModelStatement] {
        var lhs = [try identifier("a variable name on the left-hand side")]
        while current?.symbol == "+" {
            position += 1
            lhs.append(try identifier("a variable name after '+'"))
        }
        guard let opToken = current, let op = opToken.symbol.flatMap(RelationOperator.init(rawValue:)) else {
            throw error("expected =~, ~, ~~ or <~ after the left-hand side", at: current)
        }
        position += 1
        var terms = [try term(op)]
        while current?.symbol == "+" {
            position += 1
            terms.append(try term(op))
        }
        return lhs.map { .relation(lhs: $0.0, op: op, rhs: terms, location: $0.1) }
    }

    /// `modifier* name`, or `1` for an intercept after `~`.
    mutating func term(_ op: RelationOperator) throws(ModelSyntaxError) -> ModelTerm {
        var modifiers: [ModelModifier] = []
        while let modifier = try modifier() { modifiers.append(modifier) }
        guard let token = current else { throw error("expected a variable name", at: nil) }
        switch token.kind {
        case .identifier(let name):
            position += 1
            return ModelTerm(name: name, modifiers: modifiers, location: token.location)
        case .number(1) where op == .regressedOn:
            position += 1
            return ModelTerm(name: "1", modifiers: modifiers, location: token.location)
        case .number(1):
            throw error("an intercept '1' is written after '~' (as in 'y ~ 1'), not after '\(op.rawValue)'", at: token)
        default:
            throw error("expected a variable name" + (modifiers.isEmpty ? "" : " after the modifier"), at: token)
        }
    }

    /// A modifier and its `*`, or nil when the next tokens are not one.
    mutating func modifier() throws(ModelSyntaxError) -> ModelModifier? {
        let saved = position
        guard let value = try modifierValue(), current?.symbol == "*" else {
            position = saved
            return nil
        }
        position += 1
        return value
    }

    /// `0.5`, `-1`, `NA`, `a`, `"a"`, `start(0.3)`, `c(...)`; nil (nothing consumed) otherwise.
    mutating func modifierValue() throws(ModelSyntaxError) -> ModelModifier? {
        guard let token = current else { return nil }
        switch token.kind {
        case .number(let v):
            position += 1
            return .fixed(v)
        case .symbol("-"):
            guard case .number(let v)? = peek(1)?.kind else { return nil }
            position += 2
            return .fixed(-v)
        case .string(let label):
            position += 1
            return .label(label)
        case .identifier("NA"):
            position += 1
            return .free
        case .identifier(let name) where (name == "start" || name == "c") && peek(1)?.symbol == "(":
            position += 2
            var values: [ModelModifier] = []
            if current?.symbol != ")" {
                repeat {
                    if !values.isEmpty { position += 1 }
                    guard let value = try modifierValue() else { throw error("expected a number, NA or a label", at: current) }
                    values.append(value)
                } while current?.symbol == ","
            }
            try expect(")", "')' to close \(name)(")
            if name == "c" { return .perGroup(values) }
            guard values.count == 1, case .fixed(let start) = values[0] else {
                throw error("start() takes one number, as in start(0.3)", at: token)
            }
            return .start(start)
        case .identifier(let name):
            position += 1
            return .label(name)
        default:
            return nil
        }
    }

    // Expressions: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
    // unary := '-' unary | power; power := atom ('^' unary)?
    mutating func expression() throws(ModelSyntaxError) -> ModelExpression {
        var value = try product()
        while let op = current?.symbol, op == "+" || op == "-" {
            position += 1
            value = .binary(op, value, try product())
        }
        return value
    }

    mutating func product() throws(ModelSyntaxError) -> ModelExpression {
        var value = try unary()
        while let op = current?.symbol, op == "*" || op == "/" {
            position += 1
            value = .binary(op, value, try unary())
        }
        return value
    }

    mutating func unary() throws(ModelSyntaxError) -> ModelExpression {
        if current?.symbol == "-" {
            position += 1
            return .negate(try unary())
        }
        let base = try atom()
        if current?.symbol == "^" {
            position += 1
            return .binary("^", base, try unary())
        }
        return base
    }

    mutating func atom() throws(ModelSyntaxError) -> ModelExpression {
        guard let token = current else { throw error("expected a number, a label or '('", at: nil) }
        switch token.kind {
        case .number(let v):
            position += 1
            return .number(v)
        case .identifier(let name) where peek(1)?.symbol == "(":
            guard ModelExpression.functions.contains(name) else {
                throw error("unknown function '\(name)'; expected exp, log, sqrt or abs", at: token)
            }
            position += 2
            let inner = try expression()
            try expect(")", "')' to close \(name)(")
            return .function(name, inner)
        case .identifier(let name):
            position += 1
            return .parameter(name, token.location)
        case .symbol("("):
            position += 1
            let inner = try expression()
            try expect(")", "')'")
            return inner
        default:
            throw error("expected a number, a label or '('", at: token)
        }
    }
}
