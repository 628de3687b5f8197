import TrustPathModelSpec

/// What ``SEM/fit(model:data:options:progress:)`` returns for any combination of options: the
/// estimate rows with their inference, lavaan's fit measures by name, diagnostics and what was
/// done with the rows. Writers and reports read only this.
public struct SEMResult: Sendable {
    /// The structure behind the estimates.
    public enum Structure: Sendable {
        /// One group: the fit (its model, implied moments, effects and standardized solution).
        case single(SEMFit)
        /// Several groups: the multi-group model (group labels, each group's rows and moments).
        case groups(MultiGroupModel)
    }

    /// A bootstrap's draws, for the method notes.
    public struct Resampling: Sendable {
        public let draws: Int
        public let failed: Int
        public var successful: Int { draws - failed }
    }

    /// How the rows and items were used, for the method notes.
    public struct Sample: Sendable {
        /// Rows analysed (over all groups).
        public var analysed: Int
        /// Rows left out by listwise deletion (0 with FIML).
        public var droppedRows: Int
        /// FIML: missing-data patterns, rows with every model variable missing, rows missing a covariate.
        public var patterns: Int?
        public var rowsWithNothing = 0
        public var rowsMissingCovariates = 0
        /// Ordered items: their number and their thresholds; the continuous variables beside them.
        public var orderedItems = 0
        public var thresholds = 0
        public var continuous: [String] = []
        /// Rows without a group value (left out).
        public var rowsWithoutGroup = 0
    }

    /// The options as run: defaults filled in, lavaan's adjustments applied.
    public let options: SEMOptions
    public let structure: Structure
    /// Every estimate row in lavaan's order (thresholds included for ordered items; groups' rows
    /// one group after another).
    public let estimates: [ParameterEstimate]
    /// The inference of each estimate row: normal-theory from the fit's covariance, or the bootstrap's.
    public let inference: [Inference]
    /// Every fit measure, by lavaan's names.
    public let measures: FitMeasures
    /// The measures a report leads with: the scaled and robust ones for robust and ordinal fits.
    public let headline: FitMeasures
    public let diagnostics: [Diagnostic]
    /// The fit's own residuals where they are not its moments' (WLSMV with predictors); nil otherwise.
    public let residuals: [SEMFit.Residual]?
    public let sample: Sample
    public let freeCount: Int
    public let degreesOfFreedom: Int
    public let iterations: Int
    /// The complete rows of a listwise single-group fit (for resampling); nil otherwise.
    public let cases: CompleteCases?
    /// The single-group bootstrap (its draws serve the effects and std.all too); nil otherwise.
    public let bootstrap: SEMBootstrap?
    /// How many bootstrap draws ran and failed, for any structure; nil without a bootstrap.
    public let resampled: Resampling?
    /// lavaan's warnings about what it changed (missing set to listwise for robust.sem, say).
    public let warnings: [String]
    /// The multi-group ML fit behind a continuous groups result (its Wald tests of differences
    /// between groups); nil otherwise.
    public internal(set) var groupsFit: MultiGroupFit? = nil
    /// What lavaan's DIFFTEST of nested WLSMV or ULSMV fits needs (ordered items without observed
    /// predictors, one group or several); nil otherwise.
    public internal(set) var satorra2000: Satorra2000Test? = nil

    /// The single-group fit, or nil across groups.
    public var fit: SEMFit? {
        if case .single(let fit) = structure { return fit }
        return nil
    }

    /// Modification indices exist for ML fits on complete rows, of one group or several, of the
    /// model shapes whose lavaan candidate list is reproduced (``SEMModel/hasModificationIndices``).
    public var modificationIndices: [ModificationIndex]? {
        guard options.ordered.isEmpty, options.missing == .listwise, options.estimator.isMaximumLikelihood
        else { return nil }
        if let fit { return fit.model.hasModificationIndices ? fit.modificationIndices : nil }
        guard let groupsFit, groupsFit.model.groups.allSatisfy(\.hasModificationIndices) else { return nil }
        return groupsFit.modificationIndices
    }

    /// Inference of the structural effects (single group): delta method, or the bootstrap's.
    public var effectInference: [Inference] {
        guard let fit else { return [] }
        guard hasStandardErrors else { return fit.effects.map { _ in .omitted } }
        if let bootstrap { return bootstrap.effectInference(for: fit, interval: options.bootstrap.interval) }
        return fit.effectInference()
    }

    /// Inference of the std.all values (single group): delta method, or the bootstrap's.
    public var standardizedInference: [Inference] {
        guard let fit else { return [] }
        guard hasStandardErrors else { return fit.estimates.map { _ in .omitted } }
        if let bootstrap { return bootstrap.standardizedInference(for: fit, interval: options.bootstrap.interval) }
        return fit.standardizedInference()
    }
}
