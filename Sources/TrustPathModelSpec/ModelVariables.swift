/// The variables of a model by role, in lavaan's order (`lav_partable_vnames`).
public struct ModelVariables: Sendable, Equatable {
    /// Latent variables: left-hand sides of `=~`, in order of appearance.
    public let latent: [String]
    /// Observed variables: indicators, then dependent variables of `~`, then predictors, then those
    /// only in `~~` or `~ 1` — the order of lavaan's sample covariance matrix.
    public let observed: [String]
    /// Exogenous observed covariates treated as fixed (`ov.x`).
    public let exogenousObserved: [String]
    /// Latent variables that are not regressed on anything (`lv.x`).
    public let exogenousLatent: [String]
    /// Variables only ever predicted and indicating nothing (`lv.y` then `ov.y`): their residuals
    /// covary by default (lavaan's auto.cov.y).
    public let pureOutcomes: [String]
    /// Observed indicators of latent variables (`ov.ind`).
    public let indicators: [String]
    /// With fixed.x = FALSE (GLS, ULS): the observed predictors whose variances and covariances are
    /// free parameters instead of fixed at the sample values.
    public let freeExogenousObserved: [String]

    init(userRows: [ParameterRow], fixedExogenous: Bool) {
        func unique(_ names: [String]) -> [String] {
            var seen = Set<String>()
            return names.filter { seen.insert($0).inserted }
        }
        let latent = unique(userRows.filter { $0.op == "=~" }.map(\.lhs))
        let latentSet = Set(latent)
        let measured = unique(userRows.filter { $0.op == "=~" }.map(\.rhs))
        let indicators = measured.filter { !latentSet.contains($0) }
        let dependents = unique(userRows.filter { $0.op == "~" }.map(\.lhs))
        let predictors = unique(userRows.filter { $0.op == "~" }.map(\.rhs))
        let observedDependents = dependents.filter { !latentSet.contains($0) && !indicators.contains($0) }
        let observedPredictors = predictors.filter {
            !latentSet.contains($0) && !indicators.contains($0) && !observedDependents.contains($0)
        }
        let extra = unique(
            userRows.filter { $0.op == "~~" }.flatMap { [$0.lhs, $0.rhs] }
                + userRows.filter { $0.op == "~1" }.map(\.lhs)
        ).filter { !latentSet.contains($0) }
        let core = indicators + observedDependents + observedPredictors
        observed = core + extra.filter { !core.contains($0) }
        let inUserCovarianceOrMean = Set(userRows.filter { $0.op == "~~" || $0.op == "~1" }.flatMap { [$0.lhs, $0.rhs] })
        let predictorsWithoutUserRows = observedPredictors.filter { !inUserCovarianceOrMean.contains($0) }
        exogenousObserved = fixedExogenous ? predictorsWithoutUserRows : []
        freeExogenousObserved = fixedExogenous ? [] : predictorsWithoutUserRows
        self.latent = latent
        self.indicators = indicators
        exogenousLatent = latent.filter { !dependents.contains($0) && !measured.contains($0) }
        let predictorSet = Set(predictors)
        // lavaan's lv.y: a latent variable that indicates another (a latent change score's level)
        // is not an outcome whose residual covaries by default (`lav_partable_vnames`).
        pureOutcomes = latent.filter { dependents.contains($0) && !predictorSet.contains($0) && !measured.contains($0) }
            + observed.filter { dependents.contains($0) && !predictorSet.contains($0) && !indicators.contains($0) }
    }
}
