import Foundation
import TrustPathLinalg
import TrustPathSurvey

/// The sample statistics of ordinal items, with any continuous variables beside them, for WLSMV,
/// by the two-step method lavaan uses (Olsson 1979; Muthén 1984; lavaan's `muthen1984`):
/// 1. each ordinal item's thresholds τ_k = Φ⁻¹(share of answers in categories ≤ k), its categories
///    being the distinct values it takes (an unused scale point is no category, as lavaan's
///    `ordered()`); each continuous variable's mean and variance (divisor N, ``ContinuousItem``);
/// 2. each pair's correlation with the first-step values held fixed: polychoric (two ordinal items,
///    ρ maximising Σ_ab n_ab log π_ab(ρ)), polyserial (``PolyserialPair``) or Pearson
///    (``PearsonPair``); reported on the covariance scale ρ·d₁d₂, d the standard deviation of a
///    continuous variable and 1 for an ordinal one;
/// 3. Γ, N times the asymptotic covariance of the statistics: N Σᵢ ψᵢψᵢᵀ over the casewise
///    influences ψᵢ = B⁻¹sᵢ of both steps (Muthén & Satorra 1995), with lavaan's outer-product bread
///    B = [A₁₁ 0; A₂₁ A₂₂] (A₁₁ block diagonal over the variables, A₂₂ diagonal), the correlations'
///    influence carried to the covariance scale.
/// Statistics are ordered as lavaan's WLS.obs: the "threshold" slots variable by variable (an
/// ordinal item's thresholds; a continuous variable's mean, with its sign flipped, as lavaan
/// stores it), the continuous variables' variances, then the lower triangle column by column.
public struct PolychoricMoments: Sendable {
    public let variables: [String]
    /// Which variables are continuous (the rest are ordinal).
    public let isContinuous: [Bool]
    /// Each item's categories: the distinct values it takes, ascending (empty for a continuous variable).
    public let categories: [[Double]]
    /// Each ordinal item's thresholds (empty for a continuous variable).
    public let thresholds: [[Double]]
    /// Continuous variables' means and variances (divisor N); 0 and 1 for ordinal items.
    public let means: [Double]
    public let variances: [Double]
    /// Correlation matrix of the (latent response or observed) variables: polychoric, polyserial, Pearson.
    public let correlation: Matrix
    /// The same on the covariance scale: ρ·d₁d₂ off the diagonal, the variances on it.
    public let covariance: Matrix
    public let count: Int
    public let droppedRows: Int
    /// The correlations' positions (i > j), in lavaan's order.
    let pairs: [(i: Int, j: Int)]
    /// The diagonal of Γ over all statistics: lavaan's `diag(lavInspect(fit, "gamma"))`, whose
    /// inverse is the DWLS weight.
    public let gammaDiagonal: [Double]
    /// Γ over all statistics.
    let gamma: Matrix

    /// The first statistic of each variable's "threshold" slots.
    var slotStart: [Int] {
        var start: [Int] = [], next = 0
        for (j, continuous) in isContinuous.enumerated() { start.append(next); next += continuous ? 1 : thresholds[j].count }
        return start
    }

    /// The "threshold" slots (thresholds and continuous means) and the continuous variances.
    var slotCount: Int { thresholdCount + isContinuous.filter { $0 }.count }
    var varianceCount: Int { isContinuous.filter { $0 }.count }
    public var thresholdCount: Int { thresholds.reduce(0) { $0 + $1.count } }

    /// The positions fitted by the structural model: the continuous variances (j, j), then the pairs.
    var covariancePositions: [(i: Int, j: Int)] { isContinuous.indices.filter { isContinuous[$0] }.map { ($0, $0) } + pairs }

    /// Γ over the variances and pairs (the statistics after the threshold slots).
    var covarianceGamma: Matrix {
        let t = slotCount, m = varianceCount + pairs.count
        return Matrix(rows: m, columns: m, elements: (0..<m).flatMap { x in (0..<m).map { gamma[t + x, t + $0] } })
    }

    /// The threshold slots' values in order: each ordinal item's thresholds, each continuous variable's mean.
    var slotValues: [Double] { isContinuous.indices.flatMap { isContinuous[$0] ? [means[$0]] : thresholds[$0] } }

    /// The statistics in lavaan's order.
    public var statistics: [Double] {
        isContinuous.indices.flatMap { isContinuous[$0] ? [-means[$0]] : thresholds[$0] }
            + isContinuous.indices.filter { isContinuous[$0] }.map { variances[$0] } + pairs.map { covariance[$0.i, $0.j] }
    }

    /// The statistics of `cases`' variables, those named in `continuous` taken as continuous and
    /// the others as ordinal.
    public init(_ cases: CompleteCases, continuous: Set<String> = []) throws(SEMError) {
        let p = cases.variables.count, n = cases.count
        let columns = (0..<p).map { j in (0..<n).map { cases.values[$0 * p + j] } }
        try self.init(
            columns: columns, variables: cases.variables, continuous: continuous, droppedRows: cases.droppedRows)
    }

    /// The statistics of ordinal `variables` under pairwise deletion (lavaan's missing = "pairwise"):
    /// each item's thresholds from the rows that answer it, each polychoric correlation from the rows
    /// that answer both, a missing answer scoring 0 in the casewise scores, so that Γ = N·A⁻¹BA⁻ᵀ
    /// sums A and B over the rows available to each statistic; N counts every row that answers at
    /// least one item (rows answering none are left out, as lavaan drops empty cases).
    public init(pairwise data: SurveyData, variables: [String]) throws(SEMError) {
        let columns = try CompleteCases.completeRows(data, variables).columns
        let rows = (0..<data.rowCount).filter { r in columns.contains { !$0[r].isNaN } }
        try self.init(
            columns: columns.map { column in rows.map { column[$0] } }, variables: variables, continuous: [],
            droppedRows: data.rowCount - rows.count)
    }

    /// The statistics of the columns (NaN a missing answer of an ordinal item).
    private init(columns: [[Double]], variables: [String], continuous: Set<String>, droppedRows: Int) throws(SEMError) {
        let p = variables.count, n = columns.first?.count ?? 0
        var categories: [[Double]] = [], items: [OrdinalItem?] = [], numeric: [ContinuousItem?] = []
        for (j, column) in columns.enumerated() {
            if continuous.contains(variables[j]) {
                categories.append([])
                items.append(nil)
                numeric.append(ContinuousItem(values: column))
                continue
            }
            let values = Array(Set(column.filter { !$0.isNaN })).sorted()
            guard values.count >= 2 else {
                throw SEMError.singleCategory(name: variables[j], value: values.first ?? .nan)
            }
            let code = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            categories.append(values)
            items.append(OrdinalItem(codes: column.map { $0.isNaN ? -1 : code[$0] ?? 0 }, categoryCount: values.count))
            numeric.append(nil)
        }
        var pairs: [(i: Int, j: Int)] = []
        for j in 0..<p { for i in (j + 1)..<max(j + 1, p) { pairs.append((i, j)) } }
        let thresholdInfluence = items.map { $0?.transformedScores() ?? [] }
        var correlation = Matrix.identity(p)
        var pairInfluence: [(Int) -> Double] = []
        for (i, j) in pairs {
            let rho: Double
            switch (items[i], items[j], numeric[i], numeric[j]) {
            case (let a?, let b?, _, _):
                let table = try PairTable((i, a), (j, b), names: (variables[i], variables[j]))
                let influence = table.influence(thresholdScores: (thresholdInfluence[i], thresholdInfluence[j]))
                rho = table.rho
                pairInfluence.append { r in influence(a.codes[r], b.codes[r]) }
            case (_, _, let x?, let y?):
                let pair = PearsonPair(x, y)
                rho = pair.rho
                pairInfluence.append { r in pair.influence[r] }
            case (let ordinal?, _, _, let x?), (_, let ordinal?, let x?, _):
                let pair = PolyserialPair(x, ordinal, thresholdInfluence: thresholdInfluence[items[i] == nil ? j : i])
                rho = pair.rho
                pairInfluence.append { r in pair.influence[r] }
            default:
                rho = .nan
                pairInfluence.append { _ in .nan }
            }
            correlation[i, j] = rho
            correlation[j, i] = rho
        }
        let sd = numeric.map { $0?.sd ?? 1 }
        var covariance = correlation
        for i in 0..<p { for j in 0..<p { covariance[i, j] = i == j ? sd[i] * sd[i] : correlation[i, j] * sd[i] * sd[j] } }
        self.variables = variables
        isContinuous = numeric.map { $0 != nil }
        self.categories = categories
        thresholds = items.map { $0?.thresholds ?? [] }
        means = numeric.map { $0?.mean ?? 0 }
        variances = numeric.map { $0?.variance ?? 1 }
        self.correlation = correlation
        self.covariance = covariance
        self.count = n
        self.droppedRows = droppedRows
        self.pairs = pairs
        let gamma = Self.gamma(items: items, numeric: numeric, thresholdInfluence: thresholdInfluence, pairInfluence: pairInfluence, count: n)
        self.gamma = gamma
        gammaDiagonal = (0..<gamma.rows).map { gamma[$0, $0] }
    }

    /// Γ = N Σᵢ ψᵢψᵢᵀ over the casewise influences in the statistics' order: each ordinal item's
    /// A₁₁⁻¹s (looked up by category), each continuous variable's mean (sign flipped, as its
    /// statistic) and variance influence, then each pair's influence on the covariance scale.
    static func gamma(items: [OrdinalItem?], numeric: [ContinuousItem?], thresholdInfluence: [[[Double]]],
                      pairInfluence: [(Int) -> Double], count n: Int) -> Matrix {
        let slots = items.indices.reduce(0) { $0 + (items[$1]?.thresholds.count ?? 1) }
        let continuous = numeric.indices.filter { numeric[$0] != nil }
        let k = slots + continuous.count + pairInfluence.count
        var t = [Double](repeating: 0, count: n * k)
        var column = 0
        for j in items.indices {
            if let item = items[j] {
                for r in 0..<n where item.codes[r] >= 0 {
                    for c in item.thresholds.indices { t[r * k + column + c] = thresholdInfluence[j][item.codes[r]][c] }
                }
                column += item.thresholds.count
            } else if let x = numeric[j] {
                for r in 0..<n { t[r * k + column] = -x.influence[r].mean }
                column += 1
            }
        }
        for j in continuous {
            if let x = numeric[j] { for r in 0..<n { t[r * k + column] = x.influence[r].variance } }
            column += 1
        }
        for influence in pairInfluence {
            for r in 0..<n { t[r * k + column] = influence(r) }
            column += 1
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
        for c in codes where c >= 0 { frequencies[c] += 1 }
        self.frequencies = frequencies
        let answered = frequencies.reduce(0, +)
        var cumulative = 0, thresholds: [Double] = []
        for frequency in frequencies.dropLast() {
            cumulative += frequency
            thresholds.append(Normal.quantile(Double(cumulative) / Double(answered)))
        }
        self.thresholds = thresholds
        bounds = [-.infinity] + thresholds + [.infinity]
    }

    /// The univariate score of category c: ∂ log P(c)/∂τ_k = [k = c] φ(τ_c)/P(c) - [k = c-1] φ(τ_{c-1})/P(c).
    func score(category c: Int) -> [Double] {
        var s = [Double](repeating: 0, count: thresholds.count)
        let share = Double(frequencies[c]) / Double(frequencies.reduce(0, +))
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
        for r in a.item.codes.indices where a.item.codes[r] >= 0 && b.item.codes[r] >= 0 {
            table[a.item.codes[r]][b.item.codes[r]] += 1
        }
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
    /// falls to rounding noise (below 1e-12: ρ near ±1 against the data, where the four-corner sum
    /// of Φ₂ cancels and even its sign is lost) the slope points back towards the Pearson
    /// correlation of the codes, lavaan's start value. At a root every occupied cell has a
    /// probability of the order of its share of the cases, far above that floor.
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
            for a in table.indices {
                for b in table[a].indices where table[a][b] > 0 {
                    guard pi[a][b] > 1e-12 else { return nil }
                    sum += table[a][b] * d[a][b] / pi[a][b]
                }
            }
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

    /// The transformed correlation score A₂₂⁻¹(s_ρ - A₂₁t_τ) of a case in categories (a, b), given
    /// each item's transformed threshold scores t_τ per category; a missing answer (code -1) scores
    /// 0, in s_ρ and in its item's t_τ (pairwise deletion). s_ρ = (∂π_ab/∂ρ)/π_ab; the bivariate
    /// likelihood's threshold score of the first item at its upper bound τ_a is
    /// φ(τ_a)[Φ((τ'_b - ρτ_a)/r) - Φ((τ'_{b-1} - ρτ_a)/r)]/π_ab, r = √(1-ρ²), minus the same at τ_{a-1}.
    func influence(thresholdScores: ([[Double]], [[Double]])) -> (Int, Int) -> Double {
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
        // Looked up per case: each item's threshold part per category, the correlation score per cell.
        let first = (0..<k1).map { dot(a21First, thresholdScores.0[$0]) }
        let second = (0..<k2).map { dot(a21Second, thresholdScores.1[$0]) }
        let cells = (0..<k1).map { a in (0..<k2).map { b in (rhoScore[a][b] - first[a] - second[b]) / a22 } }
        return { a, b in
            if a >= 0 && b >= 0 { return cells[a][b] }
            return -((a >= 0 ? first[a] : 0) + (b >= 0 ? second[b] : 0)) / a22
        }
    }
}
