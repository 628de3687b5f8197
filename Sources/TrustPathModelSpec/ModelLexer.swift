/// Splits lavaan model text into tokens with their locations. Comments run from `#` or `!` to the
/// end of the line. A line break does not end a statement when the line ends with an operator or
/// `+` or `,` or an open parenthesis, or when the next line starts with `+`: lavaan's continuation.
enum ModelLexer {
    static let operators = ["=~", "~~", "<~", ":=", "==", "~", "<", ">", "*", "+", "-", "/", "^", "(", ")", ","]
    /// Tokens after which a line break continues the statement.
    static let continuing: Set<String> = ["=~", "~~", "<~", ":=", "==", "~", "<", ">", "*", "+", "-", "/", "^", "(", ","]

    static func tokens(_ text: String) throws(ModelSyntaxError) -> [ModelToken] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Array($0.hasSuffix("\r") ? String($0.dropLast()) : String($0))
        }
        var tokens: [ModelToken] = []
        for (lineIndex, characters) in lines.enumerated() {
            var i = 0
            func location() -> SourceLocation { SourceLocation(line: lineIndex + 1, column: i + 1) }
            while i < characters.count {
                let c = characters[i]
                if c == "#" || c == "!" { break }
                if c.isWhitespace { i += 1; continue }
                if c == ";" {
                    tokens.append(ModelToken(kind: .end, location: location())); i += 1; continue
                }
                if c.isLetter || c == "_" || c == "." && !(i + 1 < characters.count && characters[i + 1].isNumber) {
                    let start = location()
                    var name = ""
                    while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" || characters[i] == "." {
                        name.append(characters[i]); i += 1
                    }
                    tokens.append(ModelToken(kind: .identifier(name), location: start, text: name))
                    continue
                }
                if c.isNumber || c == "." {
                    let start = location()
                    var literal = ""
                    while i < characters.count, characters[i].isNumber || characters[i] == "." { literal.append(characters[i]); i += 1 }
                    if i < characters.count, characters[i] == "e" || characters[i] == "E" {
                        var exponent = String(characters[i]); var j = i + 1
                        if j < characters.count, characters[j] == "+" || characters[j] == "-" { exponent.append(characters[j]); j += 1 }
                        if j < characters.count, characters[j].isNumber {
                            while j < characters.count, characters[j].isNumber { exponent.append(characters[j]); j += 1 }
                            literal += exponent; i = j
                        }
                    }
                    guard let value = Double(literal) else {
                        throw ModelSyntaxError(location: start, problem: "'\(literal)' is not a number", sourceLine: String(characters))
                    }
                    tokens.append(ModelToken(kind: .number(value), location: start, text: literal))
                    continue
                }
                if c == "\"" || c == "'" {
                    let start = location()
                    var content = ""; i += 1
                    while i < characters.count, characters[i] != c { content.append(characters[i]); i += 1 }
                    guard i < characters.count else {
                        throw ModelSyntaxError(location: start, problem: "the quoted text is never closed; expected \(c)", sourceLine: String(characters))
                    }
                    i += 1
                    tokens.append(ModelToken(kind: .string(content), location: start, text: content))
                    continue
                }
                let rest = String(characters[i..<min(i + 2, characters.count)])
                guard let op = operators.first(where: { rest.hasPrefix($0) }) else {
                    throw ModelSyntaxError(location: location(), problem: "unexpected '\(c)'", sourceLine: String(characters))
                }
                tokens.append(ModelToken(kind: .symbol(op), location: location(), text: op))
                i += op.count
            }
            tokens.append(ModelToken(kind: .end, location: SourceLocation(line: lineIndex + 1, column: characters.count + 1)))
        }
        return joinContinuedLines(tokens)
    }

    /// Drops line-break separators that lavaan treats as continuation.
    private static func joinContinuedLines(_ tokens: [ModelToken]) -> [ModelToken] {
        var result: [ModelToken] = []
        for (index, token) in tokens.enumerated() {
            if token.kind == .end {
                let previous = result.last
                if previous == nil || previous?.kind == .end { continue }
                if let symbol = previous?.symbol, continuing.contains(symbol) { continue }
                let next = tokens[(index + 1)...].first { $0.kind != .end }
                if next?.symbol == "+" { continue }
            }
            result.append(token)
        }
        // Input ending inside a continued statement: its end is where the text ends.
        if let last = result.last, last.kind != .end, let textEnd = tokens.last {
            result.append(textEnd)
        }
        return result
    }
}
