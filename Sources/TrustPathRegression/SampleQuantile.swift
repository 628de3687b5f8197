/// Sample quantiles by the (n + 1)p definition (Hyndman & Fan 1996 type 6; R's `quantile(type = 6)`,
/// SPSS's default), interpolating between order statistics and clamping to the extremes.
public enum SampleQuantile {
    public static func type6(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = Double(sorted.count + 1) * p
        let k = Int(position.rounded(.down))
        if k < 1 { return sorted[0] }
        if k >= sorted.count { return sorted[sorted.count - 1] }
        return sorted[k - 1] + (position - Double(k)) * (sorted[k] - sorted[k - 1])
    }
}
