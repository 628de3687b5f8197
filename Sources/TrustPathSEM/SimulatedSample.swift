import TrustPathLinalg
import TrustPathSurvey

/// Cut points that turn a continuous variable into ordered categories 1...k, applied to its
/// population z-score (x - μ)/σ, so that the same thresholds serve raw and standardized models
/// (μ and σ of the first group, so that differences between groups survive the cut).
/// A value in (τⱼ₋₁, τⱼ] gets category j, as R's `cut()` in lavaan's `simulateData` for `|` rows.
public struct LikertCut: Sendable, Equatable {
    public let thresholds: [Double]
    public var categories: Int { thresholds.count + 1 }

    /// `thresholds` must be strictly increasing; k - 1 of them for k categories.
    public init(categories: Int, thresholds: [Double]? = nil) throws(SimulationError) {
        guard categories >= 2 else { throw .invalidOption("--likert needs at least 2 categories, got \(categories)") }
        let cuts = thresholds ?? Self.evenlySpaced(categories)
        guard cuts.count == categories - 1 else {
            throw .invalidOption("\(categories) categories need \(categories - 1) thresholds, got \(cuts.count)")
        }
        guard zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }), cuts.allSatisfy(\.isFinite) else {
            throw .invalidOption("thresholds must be finite and strictly increasing, got " + cuts.map { "\($0)" }.joined(separator: ","))
        }
        self.thresholds = cuts
    }

    /// The default: k - 1 cut points evenly spaced from -2 to 2 on the z scale, which gives a
    /// symmetric, unimodal answer distribution (7 points: 2.3%, 9.2%, 23%, 31%, 23%, 9.2%, 2.3%).
    static func evenlySpaced(_ k: Int) -> [Double] {
        k == 2 ? [0] : (0..<(k - 1)).map { -2 + 4 * Double($0) / Double(k - 2) }
    }

    public func category(z: Double) -> Double {
        Double(1 + thresholds.reduce(0) { $0 + ($1 < z ? 1 : 0) })
    }
}

/// Data drawn from a ``PopulationModel``: each group's rows multivariate normal with the group's
/// μ and Σ (x = μ + Lz, LLᵀ = Σ by Cholesky, or by the eigendecomposition where Σ is only
/// semidefinite, as `MASS::mvrnorm`), optionally cut to ordered categories and with values
/// missing completely at random. Group g of replication r reads random stream 2(r·G + g) for its
/// values and the next one for its gaps, so a data set depends on the seed and its replication
/// number only, never on threads, and adding gaps leaves the drawn values as they were.
public struct SimulatedSample: Sendable {
    public let variables: [String]
    /// Row-major, `count` x `variables.count`; NaN marks a missing value.
    public let values: [Double]
    /// The 0-based group of each row; groups follow one another.
    public let groupOfRow: [Int]
    public var count: Int { groupOfRow.count }

    public init(population: PopulationModel, sizes: [Int], seed: UInt64, likert: LikertCut? = nil,
                missingRate: Double = 0, replication: Int = 0) throws(SimulationError) {
        guard sizes.count == population.groups.count else {
            throw .invalidOption("\(sizes.count) group sizes given for \(population.groups.count) groups")
        }
        guard missingRate >= 0 && missingRate < 1 else { throw .invalidOption("the missing rate must be in [0, 1), got \(missingRate)") }
        let p = population.variables.count
        var values: [Double] = []
        var groupOfRow: [Int] = []
        values.reserveCapacity(sizes.reduce(0, +) * p)
        // Cuts are on the scale of the first group, so differences between groups survive them.
        let referenceMeans = population.groups[0].means
        let sd = population.groups[0].covariance.diagonal.map { $0.squareRoot() }
        for (g, group) in population.groups.enumerated() {
            let root = try Self.root(group.covariance, group: g + 1)
            let stream = UInt64(2 * (replication * sizes.count + g))
            let draws = RandomStream(seed: seed, stream: stream), gaps = RandomStream(seed: seed, stream: stream + 1)
            var z = [Double](repeating: 0, count: p)
            for _ in 0..<max(0, sizes[g]) {
                for j in 0..<p { z[j] = draws.normal() }
                for i in 0..<p {
                    var x = group.means[i]
                    for j in 0..<p { x += root[i, j] * z[j] }
                    if let likert { x = likert.category(z: sd[i] > 0 ? (x - referenceMeans[i]) / sd[i] : 0) }
                    if missingRate > 0 && gaps.uniform() < missingRate { x = .nan }
                    values.append(x)
                }
                groupOfRow.append(g)
            }
        }
        variables = population.variables
        self.values = values
        self.groupOfRow = groupOfRow
    }

    /// L with LLᵀ = Σ: the lower Cholesky factor, or V·diag(√λ) where Σ is singular but semidefinite.
    private static func root(_ sigma: Matrix, group: Int) throws(SimulationError) -> Matrix {
        if let factor = try? sigma.cholesky() { return factor.lower }
        guard let eigen = try? SymmetricEigen(sigma) else { throw .notPositiveSemidefinite(group: group, smallestEigenvalue: .nan) }
        let largest = eigen.values.map(abs).max() ?? 0
        let smallest = eigen.values.min() ?? 0
        guard smallest > -1e-8 * max(1, largest) else { throw .notPositiveSemidefinite(group: group, smallestEigenvalue: smallest) }
        let p = sigma.rows
        var root = Matrix(rows: p, columns: p)
        for i in 0..<p { for k in 0..<p { root[i, k] = eigen.vectors[i, k] * max(0, eigen.values[k]).squareRoot() } }
        return root
    }

    /// The rows with no missing value in `names` (default: every variable), those columns in that
    /// order: ready for ``SampleMoments`` and the bootstrap of an analysis model.
    public func completeCases(of names: [String]? = nil) throws(SEMError) -> CompleteCases {
        let p = variables.count
        var columns: [Int] = []
        for name in names ?? variables {
            guard let j = variables.firstIndex(of: name) else {
                throw .unknownVariable(name: name, suggestion: NameSuggestion.closest(to: name, among: variables))
            }
            columns.append(j)
        }
        var kept: [Double] = []
        var rows = 0
        for r in 0..<count {
            let row = columns.map { values[r * p + $0] }
            if row.contains(where: \.isNaN) { continue }
            kept.append(contentsOf: row)
            rows += 1
        }
        return CompleteCases(variables: names ?? variables, values: kept, count: rows, droppedRows: count - rows)
    }
}
