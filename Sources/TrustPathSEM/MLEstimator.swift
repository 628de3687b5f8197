import Foundation
import TrustPathLinalg

/// Maximum likelihood estimation by Fisher scoring with step halving (Lee & Jennrich 1979):
/// θ ← θ - ½ α I(θ)⁻¹ ∇F(θ), halving α until F decreases with Σ(θ) positive definite; near the
/// optimum, BFGS steps from that curvature, so convergence is fast whether or not the model fits.
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
    public static let gradientTolerance = 1e-9
    /// Largest |∂F/∂θ| below which Fisher scoring hands over to BFGS.
    static let switchToQuasiNewton = 1e-1

    /// BFGS update of an inverse Hessian H with step s and gradient change y
    /// (Nocedal & Wright 2006, eq. 6.17): H⁺ = (I - ρsyᵀ) H (I - ρysᵀ) + ρssᵀ, ρ = 1/(yᵀs);
    /// skipped when the curvature yᵀs is not positive.
    static func bfgsUpdate(_ h: Matrix, step s: [Double], change y: [Double]) -> Matrix {
        let ys = zip(y, s).reduce(0) { $0 + $1.0 * $1.1 }
        guard ys > 1e-300 else { return h }
        let rho = 1 / ys
        let hy = h * y
        let yhy = zip(y, hy).reduce(0) { $0 + $1.0 * $1.1 }
        let q = s.count
        var elements = h.elements
        let c = rho * rho * yhy + rho
        elements.withUnsafeMutableBufferPointer { m in
            for i in 0..<q {
                let si = s[i], hyi = hy[i], row = i &* q
                for j in 0..<q { m[row &+ j] += -rho * (si * hy[j] + hyi * s[j]) + c * si * s[j] }
            }
        }
        let updated = Matrix(rows: q, columns: q, elements: elements)
        return updated
    }

    /// Estimates `model` from `start` (default: lavaan-like start values). With `curvature` — the
    /// inverse Hessian ((2I)⁻¹) of a fit of the same model to similar data, as in the bootstrap —
    /// it goes straight to BFGS from that curvature, skipping the identification check and the
    /// Fisher steps.
    public static func estimate(_ model: SEMModel, start: [Double]? = nil, curvature: Matrix? = nil) throws(SEMError) -> Solution {
        let logDetS: Double
        do { logDetS = try model.moments.covariance.logDeterminantSPD() } catch {
            try model.moments.checkPositiveDefinite()
            throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
        }
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: model.momentCount - model.exogenousMomentCount)
        }
        return try minimize(SingleGroupDiscrepancy(model: model, logDeterminantS: logDetS), start: start ?? StartValues.vector(for: model), curvature: curvature)
    }

    /// Minimises `problem`'s F from `start` (see ``estimate(_:start:curvature:)``).
    static func minimize<Problem: DiscrepancyProblem>(_ problem: Problem, start: [Double], curvature: Matrix?) throws(SEMError) -> Solution {
        var theta = start
        guard var (evaluation, f) = problem.evaluate(theta) else {
            throw SEMError.notConverged(iterations: 0, gradient: .nan, tried: "Fisher scoring from start values whose implied covariance matrix is not positive definite")
        }
        // The information can be singular at the start values without the model being unidentified:
        // a two-indicator factor is identified only through its covariance with other factors, which
        // starts at 0. Such a start takes damped Fisher steps (Levenberg-Marquardt), and the
        // identification check moves to the solution, where lavaan makes it too.
        var damped = false
        if curvature == nil {
            damped = !Identification.isIdentified(information: problem.information(at: evaluation))
        }
        var iterations = 0
        var gradientNorm = Double.infinity
        // Fisher scoring first; once close, BFGS updates of the inverse Hessian started from the
        // last (2I)⁻¹, which converges superlinearly even when the model misfits (where the
        // expected information differs from the Hessian and Fisher scoring slows to a linear rate).
        var inverseHessian: Matrix? = curvature
        var previous: (theta: [Double], gradient: [Double])?
        var bestGradientNorm = Double.infinity
        var stalled = 0
        while iterations < maximumIterations {
            let gradient = problem.gradient(at: evaluation)
            gradientNorm = gradient.map(abs).max() ?? 0
            if gradientNorm < gradientTolerance { break }
            let direction: [Double]
            if var h = inverseHessian {
                if let previous {
                    h = bfgsUpdate(h, step: zip(theta, previous.theta).map(-), change: zip(gradient, previous.gradient).map(-))
                    inverseHessian = h
                }
                direction = (h * gradient).map { -$0 }
            } else {
                var information = problem.information(at: evaluation)
                if damped {
                    if Identification.isIdentified(information: information) {
                        damped = false
                    } else {
                        for a in 0..<information.rows { information[a, a] += 1e-3 * max(information[a, a], 1e-8) }
                    }
                }
                guard let fisher = try? information.solve(gradient.map { -0.5 * $0 }) else {
                    throw SEMError.notIdentified(parameters: problem.weakParameters(information))
                }
                direction = fisher
                if gradientNorm < switchToQuasiNewton, let inverse = try? information.inverseSPD() {
                    inverseHessian = 0.5 * inverse
                }
            }
            previous = (theta, gradient)
            iterations += 1
            // Near the optimum F is flat to rounding (its relative precision is ~1e-16 while the
            // gradient is still accurate), so a step is accepted unless it raises F beyond that noise.
            let noise = 1e-13 * max(1, abs(f))
            var step = 1.0
            var accepted = false, decreased = false
            for _ in 0..<40 {
                let trial = zip(theta, direction).map { $0 + step * $1 }
                if let (e, trialF) = problem.evaluate(trial), trialF <= f + noise {
                    decreased = trialF < f - 1e-3 * noise
                    theta = trial; evaluation = e; f = trialF
                    accepted = true
                    break
                }
                step /= 2
            }
            // Stalled: neither F nor the gradient improves any more.
            if decreased || gradientNorm < bestGradientNorm {
                bestGradientNorm = gradientNorm
                stalled = 0
            } else {
                stalled += 1
            }
            if !accepted || stalled >= 3 {
                // No step lowers F any more: a quasi-Newton direction that fails gets one more
                // chance as a Fisher step; otherwise this is the optimum to machine precision.
                if inverseHessian != nil && !accepted { inverseHessian = nil; previous = nil; continue }
                break
            }
        }
        if damped {
            let information = problem.information(at: evaluation)
            guard Identification.isIdentified(information: information) else {
                throw SEMError.notIdentified(parameters: problem.weakParameters(information))
            }
        }
        gradientNorm = problem.gradient(at: evaluation).map(abs).max() ?? 0
        let converged = gradientNorm < 1e-6
        guard converged else {
            throw SEMError.notConverged(iterations: iterations, gradient: gradientNorm,
                                        tried: "Fisher scoring then BFGS, with step halving, from lavaan-like start values")
        }
        return Solution(theta: theta, discrepancy: f, iterations: iterations, gradientNorm: gradientNorm, isConverged: converged)
    }
}

/// What the optimiser needs from a model: the discrepancy F at a parameter vector (nil where Σ(θ)
/// is not positive definite) with whatever its derivatives need, the gradient ∂F/∂θ, the unit
/// expected information I (the Hessian of F is 2I in expectation), and the names of the
/// parameters a singular information matrix cannot separate.
protocol DiscrepancyProblem: Sendable {
    associatedtype Evaluation
    func evaluate(_ theta: [Double]) -> (Evaluation, Double)?
    func gradient(at evaluation: Evaluation) -> [Double]
    func information(at evaluation: Evaluation) -> Matrix
    func weakParameters(_ information: Matrix) -> [String]
}

/// F_ML of one group's model (``ModelEvaluation/discrepancy(_:logDeterminantS:withMeans:)``).
struct SingleGroupDiscrepancy: DiscrepancyProblem {
    let model: SEMModel
    let logDeterminantS: Double

    func evaluate(_ theta: [Double]) -> (ModelEvaluation, Double)? {
        guard let e = try? ModelEvaluation(model: model, theta: theta) else { return nil }
        let f = e.discrepancy(model.moments, logDeterminantS: logDeterminantS, withMeans: model.lisrel.hasMeans)
        return f.isFinite ? (e, f) : nil
    }

    func gradient(at evaluation: ModelEvaluation) -> [Double] { ParameterDerivatives.gradient(model: model, evaluation: evaluation) }

    func information(at evaluation: ModelEvaluation) -> Matrix {
        ParameterDerivatives(model: model, evaluation: evaluation).expectedInformation(model: model, evaluation: evaluation)
    }

    func weakParameters(_ information: Matrix) -> [String] {
        Identification.weakParameters(names: (0..<model.freeCount).map { k in
            let row = model.firstRow(ofCoordinate: k)
            return "\(row.lhs) \(row.op) \(row.rhs)".trimmingCharacters(in: .whitespaces)
        }, information: information)
    }
}

/// Which parameters an (almost) singular information matrix cannot separate.
enum Identification {
    /// Whether the information matrix is comfortably non-singular: scaled to unit diagonal, its
    /// Cholesky factor has every squared pivot above 1e-10. A squared pivot is 1 - R² of that
    /// parameter's information on the earlier ones, so this is a collinearity test of the
    /// parameters (the rank check lavaan does on its Jacobian, `lav_model_check_identified`).
    static func isIdentified(information: Matrix) -> Bool {
        let q = information.rows
        let scale = information.diagonal.map { $0 > 0 ? 1 / $0.squareRoot() : .nan }
        guard scale.allSatisfy({ $0.isFinite }) else { return false }
        var scaled = information
        for a in 0..<q { for b in 0..<q { scaled[a, b] *= scale[a] * scale[b] } }
        guard let factor = try? scaled.cholesky() else { return false }
        return factor.lower.diagonal.allSatisfy { $0 * $0 > 1e-10 }
    }

    /// The parameters with a visible share (squared projection above 0.01) in the numerical null
    /// space of the information matrix scaled to unit diagonal; the projection does not depend on
    /// how that space's basis is chosen.
    static func weakParameters(model: SEMModel, information: Matrix) -> [String] {
        SingleGroupDiscrepancy(model: model, logDeterminantS: 0).weakParameters(information)
    }

    /// As above, naming coordinate a by `names[a]`.
    static func weakParameters(names: [String], information: Matrix) -> [String] {
        let q = information.rows
        let scale = information.diagonal.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var scaled = information
        for a in 0..<q { for b in 0..<q { scaled[a, b] *= scale[a] * scale[b] } }
        guard let eigen = try? SymmetricEigen(scaled), let largest = eigen.values.first else { return [] }
        var nullVectors = eigen.values.indices.filter { eigen.values[$0] <= 1e-8 * largest }
        if nullVectors.isEmpty, let last = eigen.values.indices.last { nullVectors = [last] }
        return (0..<q).filter { a in
            scale[a] == 0 || nullVectors.reduce(0.0) { $0 + eigen.vectors[a, $1] * eigen.vectors[a, $1] } > 0.01
        }.map { names[$0] }
    }
}
