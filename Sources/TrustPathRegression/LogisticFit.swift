import Foundation
import TrustPathLinalg

/// Logistic regression for a 0/1 outcome by iteratively reweighted least squares (Fisher scoring),
/// reproducing R's `glm(family = binomial)` step for step (its start, its stopping rule
/// ε = 1e-8, its covariance from the last iteration's weights), with Wald tests, odds ratios with Wald intervals
/// exp(b ∓ z₀.₉₇₅ se) (R's `confint.default`), the likelihood-ratio test against the intercept-only
/// model, and McFadden's (1 - ℓ/ℓ₀) and Nagelkerke's ((1 - e^{2(ℓ₀-ℓ)/n}) / (1 - e^{2ℓ₀/n})) pseudo-R².
public struct LogisticFit: Sendable {
    public let design: DesignMatrix
    public let coefficients: [Double]
    public let covariance: Matrix
    public let logLikelihood: Double
    public let nullLogLikelihood: Double
    public let iterations: Int

    public init(_ design: DesignMatrix) throws(RegressionError) {
        let y = design.y
        let distinct = Set(y)
        guard distinct.isSubset(of: [0, 1]) else {
            throw .notBinary(outcome: design.formula.outcome, values: distinct.sorted().prefix(6).map { "\($0)" })
        }
        guard distinct.count == 2 else { throw .constantOutcome(name: design.formula.outcome) }
        let n = design.count, k = design.x.columns
        // R's glm.fit, step for step: start at μ = (y + ½)/2, IRLS on the working response, stop when
        // |dev - dev_old| / (|dev| + 0.1) < 1e-8, covariance from the last iteration's weights.
        var mu = y.map { ($0 + 0.5) / 2 }
        var eta = mu.map { log($0 / (1 - $0)) }
        var deviance = LogisticFit.deviance(eta, y)
        var b = [Double](repeating: 0, count: k)
        var lastQR: QRFactor?
        var iterations = 0
        var converged = false
        while iterations < 25 {
            iterations += 1
            var scaled = design.x
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let variance = mu[i] * (1 - mu[i])
                let weight = variance.squareRoot()
                let working: Double = eta[i] + (y[i] - mu[i]) / variance
                z[i] = working * weight
                for j in 0..<k { scaled[i, j] *= weight }
            }
            guard let qr = try? QRFactor(scaled), let next = try? qr.solve(z) else { throw .collinear(terms: design.termNames) }
            b = next
            lastQR = qr
            eta = design.x * b
            mu = eta.map { 1 / (1 + exp(-$0)) }
            let newDeviance = LogisticFit.deviance(eta, y)
            if abs(newDeviance - deviance) / (abs(newDeviance) + 0.1) < 1e-8 { converged = true; break }
            deviance = newDeviance
        }
        guard converged, let qr = lastQR else { throw .notConverged(iterations: iterations) }
        let covariance = qr.inverseCrossProduct()
        let mean = y.reduce(0, +) / Double(n)
        self.design = design
        coefficients = b
        self.covariance = covariance
        logLikelihood = -0.5 * LogisticFit.deviance(eta, y)
        nullLogLikelihood = Double(n) * (mean * log(mean) + (1 - mean) * log(1 - mean))
        self.iterations = iterations
    }

    /// -2 ℓ for linear predictors `eta`.
    static func deviance(_ eta: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for (e, yi) in zip(eta, y) {
            // log(1 + e^η) computed stably.
            let softplus = e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))
            sum += yi * e - softplus
        }
        return -2 * sum
    }

    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// Wald z, two-sided p, odds ratio and its interval.
    public func tests(level: Double = 0.95) -> [(z: Double, pValue: Double, oddsRatio: Double, lower: Double, upper: Double)] {
        let critical = Normal.quantile(0.5 + level / 2)
        return zip(coefficients, standardErrors).map { b, se in
            (b / se, Normal.twoSidedPValue(z: b / se), exp(b), exp(b - critical * se), exp(b + critical * se))
        }
    }

    public var likelihoodRatio: (chisq: Double, df: Int, pValue: Double) {
        let chisq = 2 * (logLikelihood - nullLogLikelihood), df = coefficients.count - 1
        return (chisq, df, ChiSquared.survival(chisq, degreesOfFreedom: Double(df)))
    }

    public var mcFaddenRSquared: Double { 1 - logLikelihood / nullLogLikelihood }

    public var nagelkerkeRSquared: Double {
        let n = Double(design.count)
        return (1 - exp(2 * (nullLogLikelihood - logLikelihood) / n)) / (1 - exp(2 * nullLogLikelihood / n))
    }

    public var aic: Double { -2 * logLikelihood + 2 * Double(coefficients.count) }
}
