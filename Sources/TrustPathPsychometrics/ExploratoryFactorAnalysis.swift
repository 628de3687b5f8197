import TrustPathLinalg

/// An exploratory factor analysis as `psych::fa(r, nfactors, fm, rotate)` reports it: extraction
/// (``FactorExtraction``), rotation (``FactorRotation``), then psych's conventions: each column
/// signed to a positive sum (Φ re-signed alike), factors ordered by the variance they account for,
/// diag(ΦΛᵀΛ) (Σ λ² when orthogonal); structure = ΛΦ; communalities h² the row sums of squares of
/// the unrotated loadings (rotation does not change them), uniquenesses 1 - h².
public struct ExploratoryFactorAnalysis: Sendable {
    public let items: [String]
    public let extraction: FactorExtraction
    public let rotation: FactorRotation
    /// p x m pattern loadings (after rotation, signing and ordering).
    public let pattern: Matrix
    /// m x m factor correlations; the identity for orthogonal rotations.
    public let phi: Matrix
    /// p x m structure loadings ΛΦ.
    public let structure: Matrix
    public let communalities: [Double]
    public let uniquenesses: [Double]
    /// Eigenvalues of the correlation matrix (psych's `e.values`).
    public let eigenvalues: [Double]
    /// Per factor: SS loadings, and their share of the total variance and of the explained variance.
    public let sumsOfSquares: [Double]

    public init(items matrix: ItemMatrix, factors m: Int, extraction method: FactorExtraction.Method,
                rotation: FactorRotation) throws(PsychometricsError) {
        let p = matrix.items.count
        let maximum = FactorExtraction.maximumFactors(items: p)
        guard m >= 1, m <= maximum else { throw .tooManyFactors(factors: m, items: p, maximum: maximum) }
        let r = matrix.correlation
        guard let eigen = try? SymmetricEigen(r), (eigen.values.last ?? 0) > 1e-10 * (eigen.values.first ?? 1) else {
            throw .singularCorrelation(items: Self.collinearItems(r, names: matrix.items))
        }
        items = matrix.items
        eigenvalues = eigen.values
        extraction = try FactorExtraction(correlation: r, factors: m, method: method)
        self.rotation = rotation
        let unrotated = extraction.loadings
        communalities = (0..<p).map { i in (0..<m).reduce(0.0) { $0 + unrotated[i, $1] * unrotated[i, $1] } }
        uniquenesses = communalities.map { 1 - $0 }
        var (loadings, phi) = try rotation.rotate(unrotated)
        var correlations = phi ?? Matrix.identity(m)
        for k in 0..<m where (0..<p).reduce(0.0, { $0 + loadings[$1, k] }) < 0 {
            for i in 0..<p { loadings[i, k] = -loadings[i, k] }
            for j in 0..<m where j != k { correlations[k, j] = -correlations[k, j]; correlations[j, k] = -correlations[j, k] }
        }
        let accounted = Self.accounted(loadings, correlations)
        let order = m > 1 ? (0..<m).sorted { accounted[$0] > accounted[$1] } : [0]
        var sorted = Matrix(rows: p, columns: m), sortedPhi = Matrix(rows: m, columns: m)
        for (new, old) in order.enumerated() {
            for i in 0..<p { sorted[i, new] = loadings[i, old] }
            for (new2, old2) in order.enumerated() { sortedPhi[new, new2] = correlations[old, old2] }
        }
        pattern = sorted
        self.phi = sortedPhi
        structure = sorted * sortedPhi
        sumsOfSquares = order.map { accounted[$0] }
    }

    public var factors: Int { pattern.columns }
    public var isOblique: Bool { rotation == .promax || rotation == .oblimin }
    /// SS loadings / p (psych's Proportion Var; p = Σ(h² + u²) for a correlation matrix).
    public var proportionOfVariance: [Double] { sumsOfSquares.map { $0 / Double(items.count) } }
    /// SS loadings / Σ SS loadings (psych's Proportion Explained).
    public var proportionExplained: [Double] {
        let total = sumsOfSquares.reduce(0, +)
        return sumsOfSquares.map { $0 / total }
    }

    /// diag(Φ Λᵀ Λ).
    static func accounted(_ loadings: Matrix, _ phi: Matrix) -> [Double] {
        let product = phi * (loadings.transposed * loadings)
        return product.diagonal
    }

    /// Items with a visible share in the eigenvector of the smallest eigenvalue (the collinear set).
    static func collinearItems(_ r: Matrix, names: [String]) -> [String] {
        guard let eigen = try? SymmetricEigen(r), let last = eigen.values.indices.last else { return [] }
        return names.indices.filter { abs(eigen.vectors[$0, last]) > 0.1 }.map { names[$0] }
    }
}
