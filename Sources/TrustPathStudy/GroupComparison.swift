import TrustPathLinalg
import TrustPathResampling
import TrustPathSEM
import TrustPathSurvey

/// The group part of a study (a campaign A/B test, two markets): is the questionnaire measuring the
/// same thing in every group, and if so, how do the groups differ?
/// 1. Measurement invariance of the constructs' CFA across the groups (``InvarianceSequence``).
/// 2. Latent means from the scalar model (equal loadings and intercepts; group 1's means fixed at
///    0, the others' estimated as differences from it), each difference with a Wald test; the
///    standardized difference divides by the pooled latent SD, √((ψ_a + ψ_b)/2) (a latent Cohen's d).
/// 3. Paths from the structural model with equal loadings (metric level): each path in each group,
///    the difference between groups with a Wald test over the shared parameters (or, when the study
///    bootstraps, the bootstrap's percentile interval and p, each draw resampling within the
///    groups), and the overall test of equal paths (regressions held equal: chi-square difference
///    against the metric model).
/// 4. Any chain of paths compared between groups (``chainDifference(_:groups:_:)``): the difference
///    of the products of its coefficients, by the delta method or the bootstrap.
/// Comparisons are only as good as the invariance level reached, which the report says.
public struct GroupComparison: Sendable {
    public struct MeanDifference: Sendable {
        public let construct: String
        public let first: Int, second: Int
        public let estimate: Double
        public let standardized: Double
        public let inference: Inference
    }

    public struct PathInGroups: Sendable {
        public let outcome: String, predictor: String
        /// Per group (1-based order): estimate, standard error, std.all.
        public let estimates: [(estimate: Double, standardError: Double, standardized: Double)]
        /// Group g minus group 1 for g = 2, 3, ...
        public let differences: [(group: Int, estimate: Double, inference: Inference)]
    }

    public let column: String
    public let labels: [String]
    public let invariance: InvarianceSequence
    public let scalar: MultiGroupFit
    public let structural: MultiGroupFit
    /// Regressions held equal against free (both at equal loadings).
    public let equalPaths: (chisq: Double, df: Double, pValue: Double)
    public let means: [MeanDifference]
    public private(set) var paths: [PathInGroups] = []
    /// The structural model's bootstrap when the study asks for one; nil: Wald tests.
    public let structuralBootstrap: MultiGroupBootstrap?

    /// Every model is fitted through ``SEM/fit(model:data:options:progress:)`` with `options`' estimator
    /// and missing-data treatment (FIML over each group's patterns with `missing: fiml`); the test of
    /// equal paths is ``ModelComparison``'s (the Satorra-Bentler scaled difference with MLR or MLM).
    /// With `bootstrap` the structural model is resampled within the groups (its ML or FIML
    /// estimates refitted per draw, on `options.jobs` threads) for the path and chain differences.
    public init(measurementModel: String, structuralModel: String, data: SurveyData, groupColumn: String, constructs: [String],
                options: SEMOptions = SEMOptions(), bootstrap: SEMOptions.Bootstrap? = nil) throws {
        invariance = try InvarianceSequence(model: measurementModel, data: data, groupColumn: groupColumn,
                                            estimator: InvarianceSequence.Estimator(rawValue: options.estimator.rawValue) ?? .ml,
                                            fullInformation: options.missing == .fiml)
        func fitted(_ model: String, _ equal: Set<MultiGroupModel.EqualityClass>) throws -> SEMResult {
            var grouped = options
            grouped.group = groupColumn
            grouped.groupEqual = equal
            return try SEM.fit(model: model, data: data, options: grouped)
        }
        let scalarResult = try fitted(measurementModel, [.loadings, .intercepts]), free = try fitted(structuralModel, [.loadings])
        guard let scalarFit = scalarResult.groupsFit, let structuralFit = free.groupsFit else {
            preconditionFailure("internal error: a continuous multi-group fit without its MultiGroupFit")
        }
        scalar = scalarFit
        structural = structuralFit
        structuralBootstrap = bootstrap.map {
            MultiGroupBootstrap(fit: structuralFit, draws: $0.draws, seed: $0.seed, jobs: options.jobs)
        }
        let test = try ModelComparison([("free", free), ("equal", try fitted(structuralModel, [.loadings, .regressions]))]).rows[1].difference
        equalPaths = (test?.chisq ?? .nan, test?.df ?? .nan, test?.pValue ?? .nan)
        column = groupColumn
        labels = scalar.model.labels
        var means: [MeanDifference] = []
        for g in labels.indices.dropFirst().map({ $0 + 1 }) {
            for construct in constructs {
                guard let d = scalar.difference(lhs: construct, op: "~1", rhs: "", groups: g, 1),
                      let va = scalar.latentVariance(construct, group: g), let vb = scalar.latentVariance(construct, group: 1) else { continue }
                means.append(MeanDifference(construct: construct, first: g, second: 1, estimate: d.estimate,
                                            standardized: d.estimate / ((va + vb) / 2).squareRoot(), inference: d.inference))
            }
        }
        self.means = means
        let structural = self.structural
        let bootstrapErrors = structuralBootstrap?.standardErrors
        var paths: [PathInGroups] = []
        for row in structural.estimates where row.group == 1 && row.op == "~" {
            let estimates = (1...structural.model.groups.count).map { g -> (Double, Double, Double) in
                guard let k = structural.estimateIndex(lhs: row.lhs, op: "~", rhs: row.rhs, group: g) else {
                    return (.nan, .nan, .nan)
                }
                let e = structural.estimates[k]
                return (e.estimate, bootstrapErrors?[k] ?? e.standardError, e.stdAll)
            }
            let differences = structural.model.labels.indices.dropFirst().compactMap {
                index -> (Int, Double, Inference)? in
                guard let d = chainDifference([row.rhs, row.lhs], groups: index + 1, 1) else { return nil }
                return (index + 1, d.estimate, d.inference)
            }
            paths.append(
                PathInGroups(outcome: row.lhs, predictor: row.rhs, estimates: estimates, differences: differences))
        }
        self.paths = paths
    }

    /// The effect along a chain of paths `nodes` (X -> M -> ... -> Y: the product of the coefficients
    /// of Y ~ M, ..., M ~ X) in group a minus group b (1-based), its difference of standardized
    /// products, and its inference: the bootstrap's percentile interval and p when the study
    /// bootstraps, else the delta method's Wald z; nil when a path is not in the model.
    public func chainDifference(
        _ nodes: [String], groups a: Int, _ b: Int
    ) -> (estimate: Double, std: Double, inference: Inference)? {
        let fit = structural
        func rows(_ g: Int) -> [Int]? {
            let found = zip(nodes, nodes.dropFirst()).map { fit.estimateIndex(lhs: $1, op: "~", rhs: $0, group: g) }
            return found.contains(nil) ? nil : found.compactMap { $0 }
        }
        guard a != b, let first = rows(a), let second = rows(b) else { return nil }
        let statistic = { (v: [Double]) in first.reduce(1) { $0 * v[$1] } - second.reduce(1) { $0 * v[$1] } }
        let standardized = { (rows: [Int]) in rows.reduce(1.0) { $0 * fit.estimates[$1].stdAll } }
        let std = standardized(first) - standardized(second)
        let delta = fit.deltaInference(of: statistic, rows: first + second)
        let inference = structuralBootstrap.map {
            $0.inference(of: statistic, estimate: delta.estimate, interval: .percentile)
        } ?? delta.inference
        return (delta.estimate, std, inference)
    }

    /// A `:=` parameter or a label of the structural model across the groups (equal loadings), such
    /// as `ind_diff := a_live*b_live - a_short*b_short` over `c(a_live, a_short)` labels: its estimate,
    /// std.all and inference (the study's bootstrap percentile interval, or the delta method's);
    /// nil when the model has no such name.
    public func defined(_ name: String) -> (estimate: Double, std: Double, inference: Inference)? {
        guard
            let k = structural.estimates.firstIndex(where: {
                ($0.op == ":=" && $0.lhs == name) || (!$0.label.isEmpty && $0.label == name)
            })
        else { return nil }
        let row = structural.estimates[k]
        let inference =
            structuralBootstrap.map { $0.inference(for: structural, interval: .percentile)[k] } ?? row.normalInference()
        return (row.estimate, row.stdAll, inference)
    }

    /// The estimate, standardized value and inference of a group-difference hypothesis (first minus
    /// second group, by label); nil when the labels or the effect are not in the study.
    public func resolve(_ effect: Hypothesis.GroupEffect, first: String, second: String) -> (estimate: Double, std: Double, inference: Inference)? {
        guard let a = labels.firstIndex(of: first).map({ $0 + 1 }), let b = labels.firstIndex(of: second).map({ $0 + 1 }), a != b else { return nil }
        switch effect {
        case .mean(let construct):
            guard let d = scalar.difference(lhs: construct, op: "~1", rhs: "", groups: a, b),
                  let va = scalar.latentVariance(construct, group: a), let vb = scalar.latentVariance(construct, group: b) else { return nil }
            return (d.estimate, d.estimate / ((va + vb) / 2).squareRoot(), d.inference)
        case .path(let outcome, let predictor):
            return chainDifference([predictor, outcome], groups: a, b)
        case .chain(let nodes):
            return chainDifference(nodes, groups: a, b)
        }
    }
}
