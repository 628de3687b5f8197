import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSEM

/// The confirmatory factor analysis of all constructs together (each item loading on its own
/// construct, constructs correlated, ML as lavaan's `cfa()`), and what reviewers read off it:
/// composite reliability, average variance extracted and the latent correlations.
///
/// With l the standardized loadings (std.all) of a construct's items (Fornell & Larcker 1981):
/// - CR = (Σ l)² / ((Σ l)² + Σ (1 - l²));
/// - AVE = mean l².
/// A single-item construct is modelled with its residual variance fixed at 0; its CR and AVE are
/// undefined (NaN).
public struct MeasurementCFA: Sendable {
    public let blocks: [ConstructBlock]
    public let fit: SEMFit
    public let measures: FitMeasures
    /// Standardized loadings, per construct in item order.
    public let standardizedLoadings: [[Double]]
    public let compositeReliability: [Double]
    public let averageVarianceExtracted: [Double]
    /// Correlations of the constructs (std.all of the latent covariances), 1 on the diagonal.
    public let latentCorrelations: Matrix

    public init(blocks: [ConstructBlock], items: ItemMatrix) throws(SEMError) {
        self.blocks = blocks
        fit = try Self.fit(syntax: Self.syntax(blocks), items: items)
        measures = FitMeasures(fit: fit)
        let estimates = fit.estimates
        standardizedLoadings = blocks.map { block in
            block.items.map { item in estimates.first { $0.op == "=~" && $0.lhs == block.code && $0.rhs == item }?.stdAll ?? .nan }
        }
        compositeReliability = zip(blocks, standardizedLoadings).map { block, l in
            guard block.items.count > 1 else { return .nan }
            let sum = l.reduce(0, +), error = l.reduce(0) { $0 + 1 - $1 * $1 }
            return sum * sum / (sum * sum + error)
        }
        averageVarianceExtracted = zip(blocks, standardizedLoadings).map { block, l in
            block.items.count > 1 ? l.reduce(0) { $0 + $1 * $1 } / Double(l.count) : .nan
        }
        var correlations = Matrix.identity(blocks.count)
        for (i, a) in blocks.enumerated() {
            for (j, b) in blocks.enumerated() where j != i {
                if let row = estimates.first(where: { $0.op == "~~" && (($0.lhs == a.code && $0.rhs == b.code) || ($0.lhs == b.code && $0.rhs == a.code)) }) {
                    correlations[i, j] = row.stdAll
                }
            }
        }
        latentCorrelations = correlations
    }

    /// lavaan syntax for the blocks: one `=~` line each, a single item's residual variance fixed at 0.
    public static func syntax(_ blocks: [ConstructBlock]) -> String {
        blocks.map { block in
            "\(block.code) =~ " + block.items.joined(separator: " + ")
                + (block.items.count == 1 ? "\n\(block.items[0]) ~~ 0*\(block.items[0])" : "")
        }.joined(separator: "\n")
    }

    /// ML fit of `syntax` to the items' moments (covariance with divisor N, as lavaan).
    static func fit(syntax: String, items: ItemMatrix) throws(SEMError) -> SEMFit {
        let table: ParameterTable
        do { table = try ParameterTable(model: syntax) } catch { throw .unsupported("\(error.message(file: "the generated measurement model"))") }
        let names = table.variables.observed
        let indices = items.indices(of: names)
        let n = Double(items.count)
        let covariance = (n - 1) / n * items.covariance.submatrix(indices)
        let moments = SampleMoments(variables: names, means: indices.map { items.mean($0) }, covariance: covariance,
                                    count: items.count, droppedRows: items.droppedRows)
        return try SEMFit(try SEMModel(table: table, moments: moments))
    }
}

/// McDonald's omega (total) of one construct from its own one-factor model, as `semTools::compRelSEM`
/// with its default `obs.var = TRUE`: ω = (Σ λ)² ψ / 1'S1, with λ the unstandardized loadings, ψ
/// the factor variance and S the items' sample covariance matrix (divisor N) (McDonald 1999, ch. 6).
/// Needs three items: a one-factor model of two is not identified.
public enum McDonaldOmega {
    public static func total(block: ConstructBlock, items: ItemMatrix) throws(SEMError) -> Double {
        guard block.items.count >= 3 else { return .nan }
        let fit = try MeasurementCFA.fit(syntax: MeasurementCFA.syntax([block]), items: items)
        let loadings = fit.estimates.filter { $0.op == "=~" }.map(\.estimate)
        guard let psi = fit.estimates.first(where: { $0.op == "~~" && $0.lhs == block.code && $0.rhs == block.code })?.estimate else {
            return .nan
        }
        let sum = loadings.reduce(0, +)
        let observed = fit.model.moments.covariance.elementSum
        return sum * sum * psi / observed
    }
}
