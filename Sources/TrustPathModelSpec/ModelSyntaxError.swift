/// A place in a model file: 1-based line and column (in characters).
public struct SourceLocation: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A model that is not valid lavaan syntax, or uses syntax TrustPath does not estimate yet.
public struct ModelSyntaxError: Error, Equatable, Sendable {
    public let location: SourceLocation
    /// What is wrong and what was expected.
    public let problem: String
    /// The offending line of the model text, for the caret display.
    public let sourceLine: String

    /// `model.lav:3:12: problem`, then the line, then a caret under the problem.
    public func message(file: String) -> String {
        "\(file):\(location.line):\(location.column): \(problem)\n"
            + "    \(sourceLine)\n"
            + "    " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
    }
}
