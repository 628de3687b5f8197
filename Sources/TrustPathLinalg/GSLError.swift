import CGSL

/// A GSL routine reported failure (a singular or non-positive-definite matrix, a domain error, ...).
public struct GSLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GSL's status code (`GSL_EDOM` = 1, `GSL_ESING` = 21, ...).
    public let code: Int32
    /// The operation that failed, e.g. "Cholesky decomposition".
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// GSL's own wording of the status code.
    public var reason: String { String(cString: gsl_strerror(code)) }

    public var description: String { "\(operation) failed: \(reason) (GSL error \(code))" }
}
