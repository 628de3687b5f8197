/// The choices that turn statements into a parameter table, as lavaan's `cfa()`/`sem()` arguments.
public struct ModelOptions: Sendable, Equatable {
    /// `std.lv`: scale latent variables by fixing their (residual) variances to 1 and freeing all
    /// loadings, instead of fixing each first loading to 1.
    public var standardizedLatents: Bool
    /// Model means and intercepts (on automatically when the model has `~ 1`).
    public var meanStructure: Bool
    /// `fixed.x`: (co)variances and means of exogenous observed covariates are fixed at their sample values.
    public var fixedExogenous: Bool

    public init(standardizedLatents: Bool = false, meanStructure: Bool = false, fixedExogenous: Bool = true) {
        self.standardizedLatents = standardizedLatents
        self.meanStructure = meanStructure
        self.fixedExogenous = fixedExogenous
    }
}
