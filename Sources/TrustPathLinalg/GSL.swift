import CGSL

/// The single place where TrustPath talks to GSL's global state.
///
/// GSL's default error handler calls `abort()`; TrustPath switches it off once, before the first
/// GSL call, and turns every status code into a ``GSLError`` instead.
enum GSL {
    /// Runs once per process (a lazily initialised global is thread-safe in Swift).
    private static let handlerOff: Void = { _ = gsl_set_error_handler_off() }()

    /// Call at the top of every public entry point that reaches GSL; costs almost nothing.
    @inline(__always) static func ensureInitialised() { _ = handlerOff }

    /// Throws a ``GSLError`` when `status` is not `GSL_SUCCESS`.
    @inline(__always)
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(GSLError) {
        if status != GSL_SUCCESS {
            throw GSLError(code: status, operation: operation())
        }
    }
}
