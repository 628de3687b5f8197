import TrustPathLinalg
import TrustPathSEM

/// Three common checks for common method bias (Podsakoff, MacKenzie, Lee & Podsakoff 2003):
/// - Harman's single-factor test: the share of the items' total variance taken by the first
///   unrotated principal component, λ₁ / p of the correlation matrix (as SPSS's unrotated principal
///   components, how the test is usually run); a majority (> 50%) suggests one method factor;
/// - a single-factor CFA (every item on one factor) against the measurement model: the
///   likelihood-ratio (χ² difference) test of the nested models; if one factor fits about as well,
///   a method factor could explain the data;
/// - full-collinearity VIFs of the construct scores (Kock 2015), above 3.3 a warning sign.
public struct CommonMethodBias: Sendable {
    public let firstComponentShare: Double
    public let singleFactor: FitMeasures
    public let measurement: FitMeasures
    public let differenceChiSquare: Double
    public let differenceDF: Double
    public let differencePValue: Double
    public let fullCollinearityVIF: [Double]

    public init(quality: MeasurementQuality) throws(PsychometricsError) {
        guard let eigen = try? SymmetricEigen(quality.items.correlation), let first = eigen.values.first else {
            throw .singularCorrelation(items: quality.items.items)
        }
        firstComponentShare = first / Double(quality.items.items.count)
        let single = ConstructBlock(code: "method", name: "single factor", items: quality.blocks.flatMap(\.items))
        do {
            singleFactor = FitMeasures(fit: try MeasurementCFA.fit(syntax: MeasurementCFA.syntax([single]), items: quality.items))
        } catch {
            throw .notConverged(what: "the single-factor CFA (\(error.message))")
        }
        measurement = quality.cfa.measures
        differenceChiSquare = (singleFactor["chisq"] ?? .nan) - (measurement["chisq"] ?? .nan)
        differenceDF = (singleFactor["df"] ?? .nan) - (measurement["df"] ?? .nan)
        differencePValue = differenceDF > 0 ? ChiSquared.survival(differenceChiSquare, degreesOfFreedom: differenceDF) : .nan
        fullCollinearityVIF = quality.scores.fullCollinearityVIF
    }

    /// Whether any of the three checks raises a warning.
    public var warnings: [String] {
        var found: [String] = []
        if firstComponentShare > MeasurementThreshold.harman.value { found.append("the first component takes more than half the variance") }
        if !(differencePValue < 0.05) { found.append("the single-factor model does not fit significantly worse") }
        if fullCollinearityVIF.contains(where: { $0 > MeasurementThreshold.fullCollinearityVIF.value }) {
            found.append("a full-collinearity VIF exceeds 3.3")
        }
        return found
    }
}
