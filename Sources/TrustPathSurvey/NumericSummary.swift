/// Descriptive statistics of one numeric column, as R's `psych::describe` (type = 3) reports them.
///
/// With n non-missing values, mean m and deviations d = x - m:
/// - `sd` = sqrt(Σd² / (n - 1)); `se` = sd / sqrt(n);
/// - `median` as R's `median` (mean of the two middle values when n is even);
/// - `trimmed` = R's `mean(x, trim = 0.1)`: drop floor(0.1 n) values at each end of the sorted data;
/// - `mad` = 1.4826 · median(|x - median|) (R's `mad`, consistent for the normal sd);
/// - `skew` = b1 = [Σd³/n] / sd³ and `kurtosis` = b2 = [Σd⁴/n] / sd⁴ - 3 (excess), where sd uses n - 1:
///   psych's type 3, Joanes & Gill (1998) "Comparing measures of sample skewness and kurtosis",
///   *The Statistician* 47, 183–189. Minitab and BMDP use the same estimators.
///
/// Moments use two passes (mean first, then deviations) for accuracy.
public struct NumericSummary: Sendable, Equatable {
    public let variable: String
    public let n: Int
    public let missing: Int
    public let mean: Double
    public let sd: Double
    public let median: Double
    public let trimmed: Double
    public let mad: Double
    public let min: Double
    public let max: Double
    public let skew: Double
    public let kurtosis: Double
    public let se: Double

    public var range: Double { max - min }

    /// Summarises `values`; NaN marks a missing cell. Statistics that need more data than there is are NaN.
    public init(variable: String, values: [Double]) {
        self.variable = variable
        var present = values.filter { !$0.isNaN }
        present.sort()
        let n = present.count
        self.n = n
        missing = values.count - n
        guard n > 0 else {
            mean = .nan; sd = .nan; median = .nan; trimmed = .nan; mad = .nan
            min = .nan; max = .nan; skew = .nan; kurtosis = .nan; se = .nan
            return
        }
        let count = Double(n)
        let mean = present.reduce(0, +) / count
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in present {
            let d = x - mean, d2 = d * d
            m2 += d2; m3 += d2 * d; m4 += d2 * d2
        }
        let sd = n > 1 ? (m2 / (count - 1)).squareRoot() : .nan
        self.mean = mean
        self.sd = sd
        se = sd / count.squareRoot()
        let median = NumericSummary.median(ofSorted: present)
        self.median = median
        min = present[0]
        max = present[n - 1]
        let cut = Int((0.1 * count).rounded(.down))
        trimmed = n - 2 * cut > 0 ? present[cut..<(n - cut)].reduce(0, +) / Double(n - 2 * cut) : median
        let deviations = present.map { abs($0 - median) }.sorted()
        mad = 1.4826 * NumericSummary.median(ofSorted: deviations)
        skew = (m3 / count) / (sd * sd * sd)
        kurtosis = (m4 / count) / (sd * sd * sd * sd) - 3
    }

    /// R's `median` of already sorted, non-empty values.
    static func median(ofSorted sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
