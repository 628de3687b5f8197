import TrustPathLinalg

/// The sample statistics of ordinal items that a WLSMV fit across groups weighs, in lavaan's WLS.obs
/// order: the thresholds item by item, the slopes on the observed covariates column by column (none
/// without covariates, lavaan's conditional.x), then the correlations of the latent responses (given
/// the covariates) in the lower triangle column by column; Γ their asymptotic covariance.
/// ``PolychoricMoments`` (no covariates) and ``ConditionalMoments`` conform.
protocol OrdinalStatistics: Sendable {
    var itemNames: [String] { get }
    var covariateNames: [String] { get }
    var thresholds: [[Double]] { get }
    /// Items by covariates (no columns without covariates).
    var slopes: Matrix { get }
    var correlation: Matrix { get }
    var pairs: [(i: Int, j: Int)] { get }
    var gamma: Matrix { get }
    var gammaDiagonal: [Double] { get }
    var count: Int { get }
    var droppedRows: Int { get }
    /// Each item's categories, ascending.
    var categories: [[Double]] { get }
}

extension OrdinalStatistics {
    var thresholdCount: Int { thresholds.reduce(0) { $0 + $1.count } }
    /// Where the slopes start among the statistics, and where the correlations start.
    var slopeOffset: Int { thresholdCount }
    var correlationOffset: Int { thresholdCount + itemNames.count * covariateNames.count }
}

extension PolychoricMoments: OrdinalStatistics {
    var itemNames: [String] { variables }
    var covariateNames: [String] { [] }
    var slopes: Matrix { Matrix(rows: variables.count, columns: 0) }
}

extension ConditionalMoments: OrdinalStatistics {
    var itemNames: [String] { items }
    var covariateNames: [String] { covariates }
}
