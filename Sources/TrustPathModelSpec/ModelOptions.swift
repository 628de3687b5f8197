/// The choices that turn statements into a parameter table, as lavaan's `cfa()`/`sem()` arguments.
public struct ModelOptions: Sendable, Equatable {
    /// `std.lv`: scale latent variables by fixing their (residual) variances to 1 and freeing all
    /// loadings, instead of fixing each first loading to 1.
    public var standardizedLatents: Bool
    /// Model means and intercepts (on automatically when the model has `~ 1`).
    public var meanStructure: Bool
    /// `fixed.x`: (co)variances and means of exogenous observed covariates are fixed at their sample values.
    public var fixedExogenous: Bool
    /// Read a multi-group model for the pooled rows of all groups (a study's pooled fit beside its
    /// group comparison): `c(...)` modifiers for several groups are left out, and with them the `:=`
    /// and `==` rows over their labels (``ModelStatement/pooled(_:)``). lavaan has no such reading;
    /// without it such modifiers need groups, as in lavaan.
    public var poolsGroupModifiers: Bool

    public init(
        standardizedLatents: Bool = false, meanStructure: Bool = false, fixedExogenous: Bool = true,
        poolsGroupModifiers: Bool = false
    ) {
        self.standardizedLatents = standardizedLatents
        self.meanStructure = meanStructure
        self.fixedExogenous = fixedExogenous
        self.poolsGroupModifiers = poolsGroupModifiers
    }
}
