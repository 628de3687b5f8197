import CGSL

/// Quasi-Newton minimisation of a smooth function with an analytic gradient, by GSL's
/// `vector_bfgs2` (Fletcher's BFGS with a line search satisfying the strong Wolfe conditions;
/// Nocedal & Wright, *Numerical Optimization*, 2nd ed., alg. 6.1).
///
/// The objective is a Swift closure. It receives the point and, when the gradient is wanted, a
/// buffer to fill with it. It may throw: the error is parked, the minimiser stopped, and the
/// error rethrown from ``minimize(from:objective:)``.
public struct Minimizer: Sendable {
    /// `f(x)`, filling `gradient` with ∇f(x) when it is non-nil.
    public typealias Objective = (
        _ x: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>?
    ) throws -> Double

    /// Size of the first trial step.
    public var initialStep: Double = 0.01
    /// Line-search accuracy (GSL's `tol`; 0.1 is GSL's recommendation for bfgs2).
    public var lineSearchTolerance: Double = 0.1
    /// Converged when the gradient's Euclidean norm falls below this.
    public var gradientTolerance: Double = 1e-8
    /// Stop (not converged) after this many iterations.
    public var maxIterations: Int = 10_000

    public init() {}

    /// The outcome of a minimisation; `isConverged` is false when it stopped on the iteration limit
    /// or when the line search could make no more progress before the gradient test held.
    public struct Result: Sendable {
        public let x: [Double]
        public let value: Double
        public let gradient: [Double]
        public let iterations: Int
        public let isConverged: Bool
    }

    /// Minimises `objective` from `start`.
    public func minimize(from start: [Double], objective: @escaping Objective) throws -> Result {
        GSL.ensureInitialised()
        let n = start.count
        guard n > 0 else { throw GSLError(code: Int32(GSL_EBADLEN), operation: "minimisation of a function of no parameters") }
        let box = ObjectiveBox(objective)
        guard let state = gsl_multimin_fdfminimizer_alloc(cgsl_fdfminimizer_vector_bfgs2(), n),
              let x0 = gsl_vector_alloc(n)
        else { throw GSLError(code: Int32(GSL_ENOMEM), operation: "minimiser allocation") }
        defer { gsl_multimin_fdfminimizer_free(state); gsl_vector_free(x0) }
        for (i, value) in start.enumerated() { gsl_vector_set(x0, i, value) }

        return try withExtendedLifetime(box) {
            var function = gsl_multimin_function_fdf(
                f: objectiveValue, df: objectiveGradient, fdf: objectiveValueAndGradient, n: n,
                params: Unmanaged.passUnretained(box).toOpaque())
            // GSL keeps the pointer to `function` for every later iteration: the whole loop runs inside.
            return try withUnsafeMutablePointer(to: &function) { functionPointer in
                let setStatus = gsl_multimin_fdfminimizer_set(state, functionPointer, x0, initialStep, lineSearchTolerance)
                if let failure = box.failure { throw failure }
                try GSL.check(setStatus, "minimiser start")
                guard state.pointee.f.isFinite else { throw MinimizerError.nonFiniteObjective(iteration: 0) }
                var iterations = 0
                var converged = gsl_multimin_test_gradient(state.pointee.gradient, gradientTolerance) == GSL_SUCCESS
                while !converged && iterations < maxIterations {
                    iterations += 1
                    let status = gsl_multimin_fdfminimizer_iterate(state)
                    if let failure = box.failure { throw failure }
                    guard state.pointee.f.isFinite else { throw MinimizerError.nonFiniteObjective(iteration: iterations) }
                    converged = gsl_multimin_test_gradient(state.pointee.gradient, gradientTolerance) == GSL_SUCCESS
                    // GSL_ENOPROG: the line search can make no further progress; stop where we are.
                    if status == GSL_ENOPROG { break }
                    try GSL.check(status, "minimiser iteration")
                }
                let x = copy(state.pointee.x, count: n)
                let gradient = copy(state.pointee.gradient, count: n)
                return Result(x: x, value: state.pointee.f, gradient: gradient, iterations: iterations, isConverged: converged)
            }
        }
    }
}

/// Failures of the minimiser that are not GSL status codes.
public enum MinimizerError: Error, Equatable, Sendable {
    /// The objective returned NaN or infinity (bfgs2 would otherwise go on iterating silently).
    case nonFiniteObjective(iteration: Int)
}

/// Holds the Swift closure for the C callbacks, and the first error it threw.
private final class ObjectiveBox {
    let objective: Minimizer.Objective
    var failure: (any Error)?

    init(_ objective: @escaping Minimizer.Objective) { self.objective = objective }

    func evaluate(_ x: UnsafePointer<gsl_vector>?, _ gradient: UnsafeMutablePointer<gsl_vector>?) -> Double {
        guard failure == nil, let x else { return .nan }
        let point = UnsafeBufferPointer(start: x.pointee.data, count: x.pointee.size)
        let gradientBuffer = gradient.map { UnsafeMutableBufferPointer(start: $0.pointee.data, count: $0.pointee.size) }
        do {
            return try objective(point, gradientBuffer)
        } catch {
            failure = error
            return .nan
        }
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> ObjectiveBox? {
        params.map { Unmanaged<ObjectiveBox>.fromOpaque($0).takeUnretainedValue() }
    }
}

private func copy(_ vector: UnsafeMutablePointer<gsl_vector>?, count: Int) -> [Double] {
    guard let vector else { return Array(repeating: .nan, count: count) }
    return (0..<count).map { gsl_vector_get(vector, $0) }
}

private let objectiveValue: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, params in
    ObjectiveBox.from(params)?.evaluate(x, nil) ?? .nan
}

private let objectiveGradient: @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?
) -> Void = { x, params, gradient in
    _ = ObjectiveBox.from(params)?.evaluate(x, gradient)
}

private let objectiveValueAndGradient: @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<double_t>?, UnsafeMutablePointer<gsl_vector>?
) -> Void = { x, params, value, gradient in
    let f = ObjectiveBox.from(params)?.evaluate(x, gradient) ?? .nan
    value?.pointee = f
}
