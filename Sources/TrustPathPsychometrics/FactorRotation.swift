import Foundation
import TrustPathLinalg

/// Rotations of a loading matrix, each ported step for step from the routine psych calls, so that
/// they stop where it stops:
/// - varimax: R's `stats::varimax` (Kaiser 1958) with Kaiser normalisation, the SVD update
///   T = UVᵀ of B = Xᵀ(Z³ - Z diag(1ᵀZ²)/p), stopping when the criterion grows by less than 1e-5 (relative);
/// - promax: psych's `kaiser(·, "Promax")`: rows normalised, varimax, target Q = X∘|X|³ (power 4,
///   Hendrickson & White 1964), U = (XᵀX)⁻¹XᵀQ rescaled so that diag((UᵀU)⁻¹) is 1, Φ = U⁻¹U⁻ᵀ;
/// - oblimin (γ = 0, quartimin): GPArotation's gradient projection `GPFoblq` (Jennrich 2002;
///   Bernaards & Jennrich 2005), step doubling and halving, stopping when the projected gradient's
///   norm is below 1e-5, at most 1000 iterations.
public enum FactorRotation: String, Sendable, CaseIterable {
    case none, varimax, promax, oblimin

    /// Rotated loadings and, for oblique rotations, the factor correlations.
    public func rotate(_ a: Matrix) throws(PsychometricsError) -> (loadings: Matrix, phi: Matrix?) {
        guard a.columns > 1 else { return (a, nil) }
        switch self {
        case .none: return (a, nil)
        case .varimax: return (Self.varimax(a).loadings, nil)
        case .promax: return try Self.promax(a)
        case .oblimin: return try Self.oblimin(a)
        }
    }

    static func varimax(_ x0: Matrix, eps: Double = 1e-5) -> (loadings: Matrix, rotation: Matrix) {
        let p = x0.rows, m = x0.columns
        let scale = (0..<p).map { i in (0..<m).reduce(0.0) { $0 + x0[i, $1] * x0[i, $1] }.squareRoot() }
        var x = x0
        for i in 0..<p { for k in 0..<m { x[i, k] /= scale[i] } }
        var rotation = Matrix.identity(m)
        var d = 0.0
        for _ in 0..<1000 {
            let z = x * rotation
            var columnSquares = [Double](repeating: 0, count: m)
            for i in 0..<p { for k in 0..<m { columnSquares[k] += z[i, k] * z[i, k] } }
            var target = Matrix(rows: p, columns: m)
            for i in 0..<p { for k in 0..<m { target[i, k] = z[i, k] * z[i, k] * z[i, k] - z[i, k] * columnSquares[k] / Double(p) } }
            guard let svd = try? SingularValueDecomposition(x.transposed * target) else { break }
            rotation = svd.u * svd.v.transposed
            let previous = d
            d = svd.singularValues.reduce(0, +)
            if d < previous * (1 + eps) { break }
        }
        var z = x * rotation
        for i in 0..<p { for k in 0..<m { z[i, k] *= scale[i] } }
        return (z, rotation)
    }

    static func promax(_ f: Matrix, power: Double = 4) throws(PsychometricsError) -> (loadings: Matrix, phi: Matrix?) {
        let p = f.rows, m = f.columns
        let h = (0..<p).map { i in (0..<m).reduce(0.0) { $0 + f[i, $1] * f[i, $1] }.squareRoot() }
        var weighted = f
        for i in 0..<p { for k in 0..<m { weighted[i, k] /= h[i] } }
        let (x, varimaxRotation) = varimax(weighted)
        var q = x
        for i in 0..<p { for k in 0..<m { q[i, k] = x[i, k] * pow(abs(x[i, k]), power - 1) } }
        guard let xtxInverse = try? (x.transposed * x).inverse() else { throw .singularCorrelation(items: []) }
        var u = xtxInverse * (x.transposed * q)
        guard let utuInverse = try? (u.transposed * u).inverse() else { throw .singularCorrelation(items: []) }
        let d = utuInverse.diagonal
        for i in 0..<m { for k in 0..<m { u[i, k] *= d[k].squareRoot() } }
        var z = x * u
        let rotation = varimaxRotation * u
        guard let inverse = try? rotation.inverse() else { throw .singularCorrelation(items: []) }
        for i in 0..<p { for k in 0..<m { z[i, k] *= h[i] } }
        return (z, inverse * inverse.transposed)
    }

    static func oblimin(_ a: Matrix, eps: Double = 1e-5, maximumIterations: Int = 1000) throws(PsychometricsError) -> (loadings: Matrix, phi: Matrix?) {
        let m = a.columns
        /// Quartimin: f = Σ (L² N)∘L² / 4 with N = 11ᵀ - I; its gradient in L is L∘(L² N).
        func criterion(_ l: Matrix) -> (f: Double, gradient: Matrix) {
            var gradient = l, f = 0.0
            for i in 0..<l.rows {
                let squares = (0..<m).map { l[i, $0] * l[i, $0] }
                let total = squares.reduce(0, +)
                for k in 0..<m {
                    let others = total - squares[k]
                    gradient[i, k] = l[i, k] * others
                    f += squares[k] * others
                }
            }
            return (f / 4, gradient)
        }
        func loadings(_ t: Matrix) throws(PsychometricsError) -> (Matrix, Matrix) {
            guard let inverse = try? t.inverse() else { throw .notConverged(what: "the oblimin rotation") }
            return (a * inverse.transposed, inverse)
        }
        var t = Matrix.identity(m)
        var (l, tInverse) = try loadings(t)
        var (f, gq) = criterion(l)
        var g = ((l.transposed * gq) * tInverse).transposed.negated
        var step = 1.0
        for _ in 0...maximumIterations {
            var projected = g
            for k in 0..<m {
                let c = (0..<m).reduce(0.0) { $0 + t[$1, k] * g[$1, k] }
                for i in 0..<m { projected[i, k] -= t[i, k] * c }
            }
            let s = projected.elements.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            if s < eps { return (l, t.transposed * t) }
            step *= 2
            var trial = t, trialL = l, trialInverse = tInverse, trialF = f, trialG = gq
            for _ in 0...10 {
                var x = t
                for i in 0..<m { for k in 0..<m { x[i, k] = t[i, k] - step * projected[i, k] } }
                for k in 0..<m {
                    let norm = (0..<m).reduce(0.0) { $0 + x[$1, k] * x[$1, k] }.squareRoot()
                    for i in 0..<m { x[i, k] /= norm }
                }
                trial = x
                (trialL, trialInverse) = try loadings(trial)
                (trialF, trialG) = criterion(trialL)
                if f - trialF > 0.5 * s * s * step { break }
                step /= 2
            }
            t = trial; l = trialL; tInverse = trialInverse; f = trialF; gq = trialG
            g = ((l.transposed * gq) * tInverse).transposed.negated
        }
        throw .notConverged(what: "the oblimin rotation (1000 iterations)")
    }
}

extension Matrix {
    var negated: Matrix { -1 * self }
}
