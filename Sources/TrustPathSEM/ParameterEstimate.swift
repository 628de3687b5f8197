import TrustPathLinalg

/// One row of the estimates table, with lavaan's `parameterEstimates(standardized = TRUE)` columns.
/// Fixed parameters have se 0, z and p-value NaN (written NA) and a confidence interval of width 0.
public struct ParameterEstimate: Sendable, Equatable {
    public let lhs: String
    public let op: String
    public let rhs: String
    public let group: Int
    public let label: String
    public let estimate: Double
    public let standardError: Double
    public let isFree: Bool
    public let stdLV: Double
    public let stdAll: Double

    public var zValue: Double { isFree && standardError > 0 ? estimate / standardError : .nan }
    public var pValue: Double { zValue.isNaN ? .nan : Normal.twoSidedPValue(z: zValue) }

    /// est ± z_{(1+level)/2} se (normal theory, as lavaan).
    public func confidenceInterval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        let z = Normal.quantile(0.5 + level / 2)
        return (estimate - z * standardError, estimate + z * standardError)
    }
}
