/// The draws of a bootstrap: for each statistic, its values over the successful draws, and which
/// draws failed (see ``Bootstrap``).
public struct BootstrapDraws: Sendable, Equatable {
    /// Draws asked for.
    public let draws: Int
    public let seed: UInt64
    /// Indices of the draws whose statistic could not be computed.
    public let failedDraws: [Int]
    /// Per statistic, its values over the successful draws, in draw order.
    public let values: [[Double]]

    public init(draws: Int, seed: UInt64, failedDraws: [Int], values: [[Double]]) {
        self.draws = draws
        self.seed = seed
        self.failedDraws = failedDraws
        self.values = values
    }

    public var successfulDraws: Int { draws - failedDraws.count }

    /// Statistics `range` only (a caller that bootstraps several kinds of statistic at once).
    public func slice(_ range: Range<Int>) -> [[Double]] { Array(values[range]) }
}
