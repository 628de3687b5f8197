/// Standard error, test and interval of one estimate row, by normal theory or by the bootstrap.
public struct Inference: Sendable, Equatable {
    public let standardError: Double
    public let zValue: Double
    public let pValue: Double
    public let lower: Double
    public let upper: Double
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
            let ci = interval.interval(values[k], estimate: estimate.estimate, level: level, jackknife: jack)
            return Inference(standardError: se, zValue: se > 0 ? estimate.estimate / se : .nan,
                             pValue: interval.pValue(values[k], estimate: estimate.estimate, jackknife: jack),
                             lower: ci.lower, upper: ci.upper)
        }
    }
}
