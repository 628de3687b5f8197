import Foundation
import TrustPathLinalg

/// The sample statistics of ordinal items for WLSMV, by the two-step method lavaan uses (Olsson
/// 1979; Muthén 1984; lavaan's `muthen1984`):
/// 1. each item's thresholds τ_k = Φ⁻¹(share of answers in categories ≤ k), its categories being
///    the distinct values it takes (an unused scale point is no category, as lavaan's `ordered()`);
/// 2. each pair's polychoric correlation: ρ maximising Σ_ab n_ab log π_ab(ρ) with the thresholds
///    held at their step-1 values, π_ab the bivariate normal probability of cell (a, b);
/// 3. Γ, N times the asymptotic covariance of (τ, ρ): the sandwich B⁻¹(Σᵢ sᵢsᵢᵀ)B⁻ᵀ over the
///    casewise scores sᵢ of both steps (Muthén & Satorra 1995), with lavaan's outer-product bread
///    B = [A₁₁ 0; A₂₁ A₂₂]: A₁₁ each item's threshold-score cross-products, A₂₂ the diagonal of the
///    correlation-score cross-products, A₂₁ the cross-products of each correlation's score with the
///    bivariate likelihood's threshold scores.
/// Statistics are ordered as lavaan's: all thresholds item by item, then the correlations of the
/// lower triangle column by column.
public struct PolychoricMoments: Sendable {
    public let variables: [String]
    /// Each item's categories: the distinct values it takes, ascending.
    public let categories: [[Double]]
    public let thresholds: [[Double]]
    /// Polychoric correlation matrix (unit diagonal).
    public let correlation: Matrix
    public let count: Int
    public let droppedRows: Int
    /// The correlations' positions (i > j), in lavaan's order.
    let pairs: [(i: Int, j: Int)]
    /// The diagonal of Γ over all statistics (thresholds, then correlations): lavaan's
    /// `diag(lavInspect(fit, "gamma"))`, whose inverse is the DWLS weight.
    public let gammaDiagonal: [Double]
    /// Γ over all statistics (thresholds, then correlations).
    let gamma: Matrix

    /// The correlations' block of Γ.
    var correlationGamma: Matrix {
        let t = thresholdCount, m = pairs.count
        return Matrix(rows: m, columns: m, elements: (0..<m).flatMap { x in (0..<m).map { gamma[t + x, t + $0] } })
    }

    /// The thresholds, item by item, then the correlations.
    public var statistics: [Double] { thresholds.flatMap { $0 } + pairs.map { correlation[$0.i, $0.j] } }
    var thresholdCount: Int { thresholds.reduce(0) { $0 + $1.count } }

    public init(_ cases: CompleteCases) throws(SEMError) {
        let p = cases.variables.count, n = cases.count
        var categories: [[Double]] = [], codes = [[Int]](repeating: [], count: p)
        for j in 0..<p {
            let column = (0..<n).map { cases.values[$0 * p + j] }
            let values = Array(Set(column)).sorted()
            guard values.count >= 2 else { throw SEMError.singleCategory(name: cases.variables[j], value: values.first ?? .nan) }
            let code = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            codes[j] = column.map { code[$0] ?? 0 }
            categories.append(values)
        }
        let items = codes.enumerated().map { OrdinalItem(codes: $1, categoryCount: categories[$0].count) }
        var pairs: [(i: Int, j: Int)] = []
        for j in 0..<p { for i in (j + 1)..<max(j + 1, p) { pairs.append((i, j)) } }
        var correlation = Matrix.identity(p)
        var tables: [PairTable] = []
        for (i, j) in pairs {
            let table = try PairTable((i, items[i]), (j, items[j]), names: (cases.variables[i], cases.variables[j]))
            correlation[i, j] = table.rho
            correlation[j, i] = table.rho
            tables.append(table)
        }
        self.variables = cases.variables
        self.categories = categories
        self.thresholds = items.map(\.thresholds)
        self.correlation = correlation
        self.count = n
        self.droppedRows = cases.droppedRows
        self.pairs = pairs
        let gamma = Self.gamma(items: items, tables: tables, count: n)
        self.gamma = gamma
        gammaDiagonal = (0..<gamma.rows).map { gamma[$0, $0] }
    }

    /// Γ from the transformed scores tᵢ = B⁻¹sᵢ: Γ = N Σᵢ tᵢtᵢᵀ (N times lavaan's WLS.W mean).
    /// Every score depends on a case only through its categories, so tᵢ is looked up per item and
    /// per cell of each pair.
    static func gamma(items: [OrdinalItem], tables: [PairTable], count n: Int) -> Matrix {
        // t for thresholds: A₁₁⁻¹ s per item and category; for correlations A₂₂⁻¹(s_ρ - A₂₁ t_τ) per cell of each pair.
        let transformedThresholds = items.map { $0.transformedScores() }
        let thresholdCount = items.reduce(0) { $0 + $1.thresholds.count }
        let k = thresholdCount + tables.count
        var t = [Double](repeating: 0, count: n * k)
        var column = 0
        for (item, scores) in zip(items, transformedThresholds) {
            for r in 0..<n { for c in item.thresholds.indices { t[r * k + column + c] = scores[item.codes[r]][c] } }
            column += item.thresholds.count
        }
        for (x, table) in tables.enumerated() {
            let cells = table.transformedScores(thresholdScores: (transformedThresholds[table.first.index], transformedThresholds[table.second.index]))
            for r in 0..<n { t[r * k + thresholdCount + x] = cells[table.first.item.codes[r]][table.second.item.codes[r]] }
        }
        let scores = Matrix(rows: n, columns: k, elements: t)
        return Double(n) * (scores.transposed * scores)
    }
}

/// One ordinal item: its codes 0..<K, category frequencies and thresholds τ_k = Φ⁻¹(cumulative share).
struct OrdinalItem {
    let codes: [Int]
    let frequencies: [Int]
    let thresholds: [Double]
    /// Thresholds with -∞ before and +∞ after: category c lies between bounds[c] and bounds[c + 1].
    let bounds: [Double]

    init(codes: [Int], categoryCount: Int) {
        self.codes = codes
        var frequencies = [Int](repeating: 0, count: categoryCount)
        for c in codes { frequencies[c] += 1 }
        self.frequencies = frequencies
        var cumulative = 0, thresholds: [Double] = []
        for frequency in frequencies.dropLast() {
            cumulative += frequency
            thresholds.append(Normal.quantile(Double(cumulative) / Double(codes.count)))
        }
        self.thresholds = thresholds
        bounds = [-.infinity] + thresholds + [.infinity]
    }

    /// The univariate score of category c: ∂ log P(c)/∂τ_k = [k = c] φ(τ_c)/P(c) - [k = c-1] φ(τ_{c-1})/P(c).
    func score(category c: Int) -> [Double] {
        var s = [Double](repeating: 0, count: thresholds.count)
        let share = Double(frequencies[c]) / Double(codes.count)
        if c < thresholds.count { s[c] = Normal.density(thresholds[c]) / share }
        if c > 0 { s[c - 1] = -Normal.density(thresholds[c - 1]) / share }
        return s
    }

    /// A₁₁⁻¹s(c) for each category c, with A₁₁ = Σ_c n_c s(c)s(c)ᵀ (a category no case takes has no score).
    func transformedScores() -> [[Double]] {
        let k = thresholds.count
        var a = Matrix(rows: k, columns: k)
        let scores = frequencies.indices.map { score(category: $0) }
        for (c, s) in scores.enumerated() {
            for x in 0..<k { for y in 0..<k { a[x, y] += Double(frequencies[c]) * s[x] * s[y] } }
        }
        guard let inverse = try? a.inverseSPD() else { return scores.map { $0.map { _ in .nan } } }
        return scores.map { inverse * $0 }
    }
}

/// The contingency table of two ordinal items and their polychoric correlation.
struct PairTable {
    let first: (index: Int, item: OrdinalItem)
    let second: (index: Int, item: OrdinalItem)
    /// n_ab, the cases in each cell.
    let counts: [[Double]]
    /// n_ab for the likelihood: lavaan adds ½ to a single empty cell of a 2 x 2 table, keeping the margins.
    let frequencies: [[Double]]
    let rho: Double

    init(_ a: (index: Int, item: OrdinalItem), _ b: (index: Int, item: OrdinalItem), names: (String, String)) throws(SEMError) {
        first = a
        second = b
        let k1 = a.item.frequencies.count, k2 = b.item.frequencies.count
        var table = [[Double]](repeating: [Double](repeating: 0, count: k2), count: k1)
        for r in a.item.codes.indices { table[a.item.codes[r]][b.item.codes[r]] += 1 }
        counts = table
        if k1 == 2 && k2 == 2 {
            let empty = [(0, 0), (0, 1), (1, 0), (1, 1)].filter { table[$0.0][$0.1] == 0 }
            if empty.count == 2 { throw SEMError.perfectAssociation(first: names.0, second: names.1) }
            if let (x, y) = empty.first {
                let sign: Double = x == y ? 1 : -1
                table[0][0] += sign * 0.5; table[1][1] += sign * 0.5
                table[0][1] -= sign * 0.5; table[1][0] -= sign * 0.5
            }
        }
        frequencies = table
        rho = Self.maximumLikelihood(table, a.item.bounds, b.item.bounds)
    }

    /// Cell probabilities π_ab(ρ) and their derivatives ∂π_ab/∂ρ (by Plackett's identity, the
    /// four-corner sums of Φ₂ and φ₂ over the cell's bounds).
    static func cells(_ bounds1: [Double], _ bounds2: [Double], rho: Double) -> (pi: [[Double]], slope: [[Double]]) {
        let k1 = bounds1.count - 1, k2 = bounds2.count - 1
        var cdf = [[Double]](repeating: [Double](repeating: 0, count: k2 + 1), count: k1 + 1)
        var density = cdf
        for a in 0...k1 {
            for b in 0...k2 {
                cdf[a][b] = BivariateNormal.cdf(bounds1[a], bounds2[b], rho: rho)
                density[a][b] = BivariateNormal.density(bounds1[a], bounds2[b], rho: rho)
            }
        }
        var pi = [[Double]](repeating: [Double](repeating: 0, count: k2), count: k1), slope = pi
        for a in 0..<k1 {
            for b in 0..<k2 {
                pi[a][b] = cdf[a + 1][b + 1] - cdf[a][b + 1] - cdf[a + 1][b] + cdf[a][b]
                slope[a][b] = density[a + 1][b + 1] - density[a][b + 1] - density[a + 1][b] + density[a][b]
            }
        }
        return (pi, slope)
    }

    /// The root of ∂/∂ρ Σ n_ab log π_ab in [-0.999, 0.999] (lavaan's bounds), by Illinois-modified
    /// regula falsi, which never leaves its sign-change bracket. Where an occupied cell's probability
    /// underflows to 0 (ρ near ±1 against the data) the slope points back towards the Pearson
    /// correlation of the codes, lavaan's start value.
    static func maximumLikelihood(_ table: [[Double]], _ bounds1: [Double], _ bounds2: [Double]) -> Double {
        var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for a in table.indices {
            for b in table[a].indices {
                let f = table[a][b], x = Double(a), y = Double(b)
                n += f; sx += f * x; sy += f * y; sxx += f * x * x; syy += f * y * y; sxy += f * x * y
            }
        }
        let pearson = (sxy - sx * sy / n) / ((sxx - sx * sx / n) * (syy - sy * sy / n)).squareRoot()
        let center = pearson.isFinite ? pearson : 0
        /// The slope, or nil where an occupied cell has probability 0.
        func slope(_ rho: Double) -> Double? {
            let (pi, d) = cells(bounds1, bounds2, rho: rho)
            var sum = 0.0
            for a in table.indices { for b in table[a].indices where table[a][b] > 0 { sum += table[a][b] * d[a][b] / pi[a][b] } }
            return sum.isFinite ? sum : nil
        }
        /// The slope's sign: where it is not finite, towards `center`.
        func sign(_ rho: Double, _ value: Double?) -> Double { value.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 } ?? (rho < center ? 1 : -1) }
        var low = -0.999, high = 0.999
        var fLow = slope(low), fHigh = slope(high)
        if sign(low, fLow) <= 0 { return low }
        if sign(high, fHigh) >= 0 { return high }
        var side = 0
        for _ in 0..<300 {
            // Regula falsi between finite slopes, bisection otherwise.
            var x = (low + high) / 2
            if let a = fLow, let b = fHigh { x = high - b * (high - low) / (b - a) }
            let fx = slope(x), s = sign(x, fx)
            if s == 0 { return x }
            if s > 0 {
                low = x; fLow = fx
                if side == 1, let b = fHigh { fHigh = b / 2 }
                side = 1
            } else {
                high = x; fHigh = fx
                if side == -1, let a = fLow { fLow = a / 2 }
                side = -1
            }
            if high - low < 1e-13 { break }
        }
        return (low + high) / 2
    }

    /// The transformed correlation score A₂₂⁻¹(s_ρ - A₂₁t_τ) of each cell (a, b), given each item's
    /// transformed threshold scores t_τ per category. s_ρ = (∂π_ab/∂ρ)/π_ab; the bivariate
    /// likelihood's threshold score of the first item at its upper bound τ_a is
    /// φ(τ_a)[Φ((τ'_b - ρτ_a)/r) - Φ((τ'_{b-1} - ρτ_a)/r)]/π_ab, r = √(1-ρ²), minus the same at τ_{a-1}.
    func transformedScores(thresholdScores: ([[Double]], [[Double]])) -> [[Double]] {
        let bounds1 = first.item.bounds, bounds2 = second.item.bounds
        let k1 = bounds1.count - 1, k2 = bounds2.count - 1
        let (pi, d) = Self.cells(bounds1, bounds2, rho: rho)
        let r = (1 - rho * rho).squareRoot()
        /// ∂π/∂τ for the item with bounds `own` at bound index `at`, the other item in category `c`.
        func boundSlope(_ own: [Double], at: Int, _ other: [Double], _ c: Int) -> Double {
            let t = own[at]
            guard t.isFinite else { return 0 }
            return Normal.density(t) * (Normal.cdf((other[c + 1] - rho * t) / r) - Normal.cdf((other[c] - rho * t) / r))
        }
        var a22 = 0.0
        var a21First = [Double](repeating: 0, count: k1 - 1), a21Second = [Double](repeating: 0, count: k2 - 1)
        var rhoScore = pi
        for a in 0..<k1 {
            for b in 0..<k2 {
                var s1 = [Double](repeating: 0, count: k1 - 1), s2 = [Double](repeating: 0, count: k2 - 1)
                let p = pi[a][b]
                rhoScore[a][b] = d[a][b] / p
                if a < k1 - 1 { s1[a] = boundSlope(bounds1, at: a + 1, bounds2, b) / p }
                if a > 0 { s1[a - 1] = -boundSlope(bounds1, at: a, bounds2, b) / p }
                if b < k2 - 1 { s2[b] = boundSlope(bounds2, at: b + 1, bounds1, a) / p }
                if b > 0 { s2[b - 1] = -boundSlope(bounds2, at: b, bounds1, a) / p }
                let nab = counts[a][b]
                if nab > 0 {
                    a22 += nab * rhoScore[a][b] * rhoScore[a][b]
                    for k in s1.indices { a21First[k] += nab * rhoScore[a][b] * s1[k] }
                    for k in s2.indices { a21Second[k] += nab * rhoScore[a][b] * s2[k] }
                }
            }
        }
        return (0..<k1).map { a in
            (0..<k2).map { b in
                (rhoScore[a][b] - dot(a21First, thresholdScores.0[a]) - dot(a21Second, thresholdScores.1[b])) / a22
            }
        }
    }
}
