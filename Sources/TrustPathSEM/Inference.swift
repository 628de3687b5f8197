import TrustPathLinalg
import TrustPathResampling

/// Standard error, test and interval of one estimate row, by normal theory or by the bootstrap.
public struct Inference: Sendable, Equatable {
    public let standardError: Double
    public let zValue: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double

    public init(standardError: Double, zValue: Double, pValue: Double, lower: Double, upper: Double) {
        self.standardError = standardError
        self.zValue = zValue
        self.pValue = pValue
        self.lower = lower
        self.upper = upper
    }
}

extension ParameterEstimate {
    /// z = est/se, two-sided normal p, est ∓ z₀.₉₇₅ se (lavaan's defaults).
    public func normalInference(level: Double = 0.95) -> Inference {
        let ci = confidenceInterval(level: level)
        return Inference(standardError: standardError, zValue: zValue, pValue: pValue, lower: ci.lower, upper: ci.upper)
    }
}

extension SEMBootstrap {
    /// Bootstrap inference for every estimate row of `fit`: the bootstrap SE, z = est / SE_boot
    /// (as lavaan), the interval of the chosen type and the p-value that agrees with it
    /// (``BootstrapInterval/pValue(_:estimate:jackknife:)``). Fixed rows keep a zero-width interval.
    public func inference(for fit: SEMFit, interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        fit.estimates.enumerated().map { k, estimate in
            guard estimate.isFree, !values[k].isEmpty else { return estimate.normalInference(level: level) }
            let se = standardError(row: k)
            let jack = jackknife.isEmpty ? [] : jackknife[k]
            let ci = interval.interval(
                values[k], estimate: estimate.estimate, level: level, jackknife: jack, standardError: se, bias: bias[k])
            let p = interval.pValue(
                values[k], estimate: estimate.estimate, jackknife: jack, standardError: se, bias: bias[k])
            return Inference(standardError: se, zValue: se > 0 ? estimate.estimate / se : .nan, pValue: p,
                             lower: ci.lower, upper: ci.upper)
        }
    }
}

extension SEMBootstrap {
    /// Bootstrap inference for the fit's structural effects: SD of the draws (divisor R - 1, as
    /// for `:=` values), the chosen interval and its matching p-value; z = estimate / SE.
    public func effectInference(for fit: SEMFit, interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        fit.effects.enumerated().map { k, effect in
            let t = effectValues[k]
            let r = Double(t.count)
            let se = r > 1 ? BootstrapInterval.standardError(t) * (r / (r - 1)).squareRoot() : .nan
            let jack = effectJackknife.isEmpty ? [] : effectJackknife[k]
            let ci = interval.interval(t, estimate: effect.estimate, level: level, jackknife: jack, standardError: se)
            let p = interval.pValue(t, estimate: effect.estimate, jackknife: jack, standardError: se)
            return Inference(standardError: se, zValue: effect.estimate / se, pValue: p, lower: ci.lower, upper: ci.upper)
        }
    }
}

extension SEMFit {
    /// Delta-method inference for the structural effects (normal theory).
    public func effectInference(level: Double = 0.95) -> [Inference] {
        let z = Normal.quantile(0.5 + level / 2)
        return zip(effects, effectStandardErrors()).map { effect, se in
            Inference(standardError: se, zValue: effect.estimate / se, pValue: Normal.twoSidedPValue(z: effect.estimate / se),
                      lower: effect.estimate - z * se, upper: effect.estimate + z * se)
        }
    }
}

extension SEMFit {
    /// Delta-method inference for std.all (lavaan's `standardizedSolution()`): z tests and normal intervals.
    public func standardizedInference(level: Double = 0.95) -> [Inference] {
        let z = Normal.quantile(0.5 + level / 2)
        let errors = standardizedStandardErrors()
        return estimates.enumerated().map { k, estimate in
            let se = k < errors.count ? errors[k] : .nan
            let value = estimate.stdAll
            // A fixed loading's standardized value still varies with the free parameters.
            let free = se > 1e-12
            return Inference(standardError: free ? se : 0, zValue: free ? value / se : .nan,
                             pValue: free ? Normal.twoSidedPValue(z: value / se) : .nan,
                             lower: free ? value - z * se : value, upper: free ? value + z * se : value)
        }
    }
}

extension SEMBootstrap {
    /// Bootstrap inference for std.all: SD of the standardized draws, the chosen interval and its p-value.
    public func standardizedInference(for fit: SEMFit, interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        fit.estimates.enumerated().map { k, estimate in
            let t = standardized[k], value = estimate.stdAll
            let se = BootstrapInterval.standardError(t)
            guard !t.isEmpty, se > 1e-12 else {
                return Inference(standardError: 0, zValue: .nan, pValue: .nan, lower: value, upper: value)
            }
            let ci = interval.interval(t, estimate: value, level: level, standardError: se)
            return Inference(standardError: se, zValue: value / se,
                             pValue: interval.pValue(t, estimate: value, standardError: se), lower: ci.lower, upper: ci.upper)
        }
    }
}

extension SEMBootstrap {
    /// Bootstrap inference for the statistics beside the model's rows (``extraValues``) at their
    /// `estimates`: SD of the draws (divisor R, as for parameters), the chosen interval (bias: the
    /// draws' mean minus the estimate) and its matching p-value; z = estimate / SE.
    func extraInference(estimates: [Double], interval: BootstrapInterval, level: Double = 0.95) -> [Inference] {
        zip(estimates, extraValues).enumerated().map { k, pair in
            let (estimate, t) = pair
            let se = BootstrapInterval.standardError(t)
            let bias = t.isEmpty ? Double.nan : t.reduce(0, +) / Double(t.count) - estimate
            let jack = extraJackknife.isEmpty ? [] : extraJackknife[k]
            let ci = interval.interval(
                t, estimate: estimate, level: level, jackknife: jack, standardError: se, bias: bias)
            let p = interval.pValue(t, estimate: estimate, jackknife: jack, standardError: se, bias: bias)
            return Inference(standardError: se, zValue: se > 0 ? estimate / se : .nan, pValue: p, lower: ci.lower, upper: ci.upper)
        }
    }
}
