import Foundation
import TrustPathLinalg

/// Maximum likelihood estimation by Fisher scoring with step halving (Lee & Jennrich 1979):
/// θ ← θ - ½ α I(θ)⁻¹ ∇F(θ), halving α until F decreases with Σ(θ) positive definite. Near the
/// optimum each step is a Gauss-Newton step, so convergence is quadratic and tight.
public enum MLEstimator {
    /// The outcome of the optimiser.
    public struct Solution: Sendable {
        public let theta: [Double]
        /// F_ML at the solution (lavaan's fmin is half of it).
        public let discrepancy: Double
        public let iterations: Int
        public let gradientNorm: Double
        public let isConverged: Bool
    }

    public static let maximumIterations = 500
    public static let gradientTolerance = 1e-10

    public static func estimate(_ model: SEMModel, start: [Double]? = nil) throws(SEMError) -> Solution {
        let logDetS: Double
        do { logDetS = try model.moments.covariance.logDeterminantSPD() } catch {
            try model.moments.checkPositiveDefinite()
            throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
        }
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: model.momentCount - model.exogenousMomentCount)
        }
        let withMeans = model.lisrel.hasMeans
        func objective(_ theta: [Double]) -> (ModelEvaluation, Double)? {
            guard let e = try? ModelEvaluation(model: model, theta: theta) else { return nil }
            let f = e.discrepancy(model.moments, logDeterminantS: logDetS, withMeans: withMeans)
            return f.isFinite ? (e, f) : nil
        }
        var theta = start ?? StartValues.vector(for: model)
        guard var (evaluation, f) = objective(theta) else {
            throw SEMError.notConverged(iterations: 0, gradient: .nan, tried: "Fisher scoring from start values whose implied covariance matrix is not positive definite")
        }
        let startInformation = ParameterDerivatives(model: model, evaluation: evaluation).expectedInformation(model: model, evaluation: evaluation)
        guard Identification.isIdentified(information: startInformation) else {
            throw SEMError.notIdentified(parameters: Identification.weakParameters(model: model, information: startInformation))
        }
        var iterations = 0
        var gradientNorm = Double.infinity
        while iterations < maximumIterations {
            let derivatives = ParameterDerivatives(model: model, evaluation: evaluation)
            let gradient = derivatives.gradient(model: model, evaluation: evaluation)
            gradientNorm = gradient.map(abs).max() ?? 0
            if gradientNorm < gradientTolerance { break }
            let information = derivatives.expectedInformation(model: model, evaluation: evaluation)
            guard let direction = try? information.solve(gradient.map { -0.5 * $0 }) else {
                throw SEMError.notIdentified(parameters: Identification.weakParameters(model: model, information: information))
            }
            iterations += 1
            var step = 1.0
            var improved = false
            for _ in 0..<40 {
                let trial = zip(theta, direction).map { $0 + step * $1 }
                if let (e, trialF) = objective(trial), trialF <= f + 1e-14 * max(1, abs(f)) {
                    improved = trialF < f
                    theta = trial; evaluation = e; f = trialF
                    break
                }
                step /= 2
            }
            // At the optimum to machine precision no step lowers F: stop there.
            if !improved { break }
        }
        let finalGradient = ParameterDerivatives(model: model, evaluation: evaluation).gradient(model: model, evaluation: evaluation)
        gradientNorm = finalGradient.map(abs).max() ?? 0
        let converged = gradientNorm < 1e-6
        guard converged else {
            throw SEMError.notConverged(iterations: iterations, gradient: gradientNorm,
                                        tried: "Fisher scoring with step halving from lavaan-like start values")
        }
        return Solution(theta: theta, discrepancy: f, iterations: iterations, gradientNorm: gradientNorm, isConverged: converged)
    }
}

/// Which parameters an (almost) singular information matrix cannot separate.
enum Identification {
    /// Whether the information matrix is comfortably non-singular: its smallest eigenvalue above
    /// 1e-9 times its largest (a rank test as in lavaan's `lav_model_check_identified`, on the
    /// information instead of the Jacobian).
    static func isIdentified(information: Matrix) -> Bool {
        guard let eigen = try? SymmetricEigen(information), let largest = eigen.values.first, let smallest = eigen.values.last else { return false }
        return smallest > 1e-9 * largest
    }

    /// The parameters with a visible share (squared projection above 0.01) in the numerical null
    /// space of the information matrix; the projection does not depend on how that space's basis is chosen.
    static func weakParameters(model: SEMModel, information: Matrix) -> [String] {
        guard let eigen = try? SymmetricEigen(information), let largest = eigen.values.first else { return [] }
        var nullVectors = eigen.values.indices.filter { eigen.values[$0] <= 1e-9 * largest }
        if nullVectors.isEmpty, let last = eigen.values.indices.last { nullVectors = [last] }
        let q = information.rows
        return (0..<q).filter { a in
            nullVectors.reduce(0.0) { $0 + eigen.vectors[a, $1] * eigen.vectors[a, $1] } > 0.01
        }.map { a in
            let row = model.rows[model.rowsOfFree[a][0]]
            return "\(row.lhs) \(row.op) \(row.rhs)".trimmingCharacters(in: .whitespaces)
        }
    }
}
