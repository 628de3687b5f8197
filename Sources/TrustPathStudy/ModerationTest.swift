import TrustPathLinalg
import TrustPathRegression
import TrustPathSEM
import TrustPathSurvey

/// A moderation hypothesis (`PI ~ PT x uai`) tested by regression on construct scores, Hayes's
/// PROCESS model 1 with covariates (Hayes 2022, ch. 7; Aiken & West 1991):
///
///     Y = b₀ + b₁X + b₂W + b₃X·W + Σ cₖZₖ + e,
///
/// with Y and X construct mean scores, W the moderator (a Hofstede dimension joined by country,
/// another numeric column or a construct score), Zₖ the outcome's other predictors in the
/// structural model, and X and W mean-centred before the product is formed. b₃ > 0 says the effect
/// of X on Y grows with W; it is tested with R's `lm` t test. The effect of X is then probed at each
/// value W takes when it takes few (a country-level score: one per country), else at its 16th, 50th
/// and 84th percentiles: θ(W) = b₁ + b₃(W - W̄) with its t test (``ModerationProbe``). Beside each
/// pooled estimate stands the slope of Y on X (same covariates) fitted within that group alone,
/// which does not lean on the pooled model's assumption that respondents are independent across
/// countries.
public struct ModerationTest: Sendable {
    /// One probe point: a group of respondents sharing a moderator value (or a percentile of W).
    public struct Probe: Sendable {
        /// The group's labels (countries sharing the value), or the percentile's name.
        public let label: String
        public let count: Int
        public let moderator: Double
        public let effect: ConditionalEffect
        /// The slope of Y on X fitted within the group (nil for percentiles or too few rows).
        public let withinSlope: Double?
    }

    public let hypothesis: Hypothesis
    public let outcome: String, predictor: String, moderator: String
    public let covariates: [String]
    public let fit: OLSFit
    /// b₃ with its t-based standard error, t (as z), p and 95% interval.
    public let interaction: Inference
    public var estimate: Double { fit.coefficients[3] }
    /// b₃·sd(X·W)/sd(Y), as R's lm.beta.
    public var standardized: Double { fit.standardizedCoefficients[3] }
    public let probes: [Probe]
    /// What the product term adds to R²: t²(1 - R²)/df, the squared semipartial correlation.
    public var rSquaredChange: Double { interaction.zValue * interaction.zValue * (1 - fit.rSquared) / Double(fit.residualDF) }

    /// Fits the test on `data` (which holds Y, X, W and the covariates as numeric columns);
    /// `groupColumn` (the country) labels the probe groups.
    public init(hypothesis: Hypothesis, outcome: String, predictor: String, moderator: String, covariates: [String],
                data: SurveyData, groupColumn: String?) throws(RegressionError) {
        let formula = RegressionFormula(outcome: outcome, terms: [[predictor], [moderator], [predictor, moderator]] + covariates.map { [$0] })
        let design = try DesignMatrix(formula: formula, data: data, center: true)
        let fit = try OLSFit(design)
        let se = fit.standardErrors()[3], test = fit.tests()[3]
        interaction = Inference(standardError: se, zValue: test.t, pValue: test.pValue, lower: test.lower, upper: test.upper)
        self.hypothesis = hypothesis
        self.outcome = outcome
        self.predictor = predictor
        self.moderator = moderator
        self.covariates = covariates
        self.fit = fit

        // The design's columns exist and are numeric (DesignMatrix checked them).
        let columns = formula.variables.map { name in (try? data.column(named: name))?.numbers ?? [] }
        let complete = CompleteRows.indices(of: columns, among: Array(0..<data.rowCount))
        let moderatorValues = (try? data.column(named: moderator))?.numbers ?? []
        let w = complete.map { moderatorValues[$0] }
        let mean = w.reduce(0, +) / Double(max(1, w.count))
        let distinct = Set(w).sorted()
        var probes: [Probe] = []
        if distinct.count <= 12 {
            let labels = groupColumn.flatMap { try? data.column(named: $0) }
            let within = RegressionFormula(outcome: outcome, terms: [[predictor]] + covariates.map { [$0] })
            for value in distinct {
                let rows = complete.filter { moderatorValues[$0] == value }
                let names = labels.map { column in Set(rows.compactMap { column.text(row: $0) }).sorted().joined(separator: "/") } ?? ""
                let slope = (try? OLSFit(DesignMatrix(formula: within, data: data.selectingRows(rows))))?.coefficients[1]
                let effect = ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: [value - mean])[0]
                probes.append(Probe(label: names.isEmpty ? "\(moderator) = \(value)" : names, count: rows.count, moderator: value,
                                    effect: effect, withinSlope: slope))
            }
        } else {
            for (name, value) in zip(["16th percentile", "median", "84th percentile"], ModerationProbe.probeValues(w)) {
                let effect = ModerationProbe.conditionalEffects(fit, xTerm: 1, interactionTerm: 3, at: [value - mean])[0]
                probes.append(Probe(label: name, count: 0, moderator: value, effect: effect, withinSlope: nil))
            }
        }
        self.probes = probes
    }
}
