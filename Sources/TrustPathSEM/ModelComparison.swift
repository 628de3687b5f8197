import TrustPathLinalg

/// Nested models compared as lavaan's `lavTestLRT()` (`anova()`): the models ordered by their
/// degrees of freedom, each tested against the one before it (the less restricted). With ML the
/// difference of the χ² statistics and the RMSEA of the difference, √G·√(max(0, Δχ² - Δdf)/(N·Δdf));
/// with robust ML (a Yuan-Bentler or Satorra-Bentler test) the Satorra-Bentler (2001) scaled
/// difference of the unscaled statistics, lavaan's default `method = "satorra.bentler.2001"`; with
/// WLSMV or ULSMV fits of ordered items lavaan's `method = "satorra.2000"` (Mplus's DIFFTEST,
/// ``Satorra2000Test``). AIC and BIC beside each model (none for least squares).
public struct ModelComparison: Sendable {
    /// How the differences are tested.
    public enum Method: String, Sendable {
        case standard
        case satorraBentler2001 = "satorra.bentler.2001"
        case satorra2000 = "satorra.2000"
    }

    /// One model and, from the second on, its test against the model before it.
    public struct Row: Sendable {
        public let name: String
        public let df, aic, bic, chisq: Double
        /// Δχ² (scaled with robust ML), Δdf, the RMSEA of the difference (ML only) and the p-value;
        /// nil for the first, least restricted model.
        public let difference: (chisq: Double, df: Double, rmsea: Double, pValue: Double)?
    }

    public let method: Method
    public let rows: [Row]

    /// Compares `fits` (name and result), fitted with the same options to the same rows.
    public init(_ fits: [(name: String, result: SEMResult)]) throws(SEMError) {
        guard fits.count >= 2 else { throw .notComparable("give at least two models to compare") }
        let options = fits[0].result.options
        if let refusal = Self.refusal(options) { throw .refused(refusal) }
        // Nested models differ in what they hold equal across groups; everything else must match.
        let comparable = { (o: SEMOptions) -> SEMOptions in
            var copy = o
            copy.groupEqual = []
            copy.groupPartial = []
            return copy
        }
        for (name, result) in fits.dropFirst() where comparable(result.options) != comparable(options) {
            throw .notComparable("'\(name)' was fitted with other options than '\(fits[0].name)'")
        }
        let counts = Set(fits.map { $0.result.measures["ntotal"] ?? .nan })
        guard counts.count == 1 else {
            throw .notComparable(
                "the models were fitted to different rows (N = "
                    + fits.map { "\(Int($0.result.measures["ntotal"] ?? .nan))" }
                    .joined(separator: ", ") + "); a model variable missing in some rows changes the listwise sample")
        }
        let scaledBySatorraBentler2001: Set<SEMOptions.Test> = [.yuanBentlerMplus, .yuanBentler, .satorraBentler]
        let scaledShifted = [.scaledShifted, .meanVarianceAdjusted].contains(options.resolvedTest)
        method =
            scaledShifted ? .satorra2000
            : scaledBySatorraBentler2001.contains(options.resolvedTest) ? .satorraBentler2001 : .standard
        if scaledShifted, fits.contains(where: { $0.result.satorra2000 == nil }) {
            throw .refused(
                SEMRefusal(
                    combination: "comparing \(options.estimator.rawValue.uppercased()) fits "
                        + (options.ordered.isEmpty ? "across groups" : "with observed predictors"),
                    reason: "Satorra's (2000) difference test is built for ordered items without predictors, and for "
                        + "MLMV, MLMVS and continuous WLSMV and ULSMV of one group (MLMV and MLMVS across groups too)",
                    source: .notYet))
        }
        let ordered = fits.enumerated().sorted {
            ($0.element.result.measures["df"] ?? .nan, $0.offset) < (
                $1.element.result.measures["df"] ?? .nan, $1.offset
            )
        }
        .map(\.element)
        var rows: [Row] = []
        for (k, fit) in ordered.enumerated() {
            let m = fit.result.measures
            var difference: (Double, Double, Double, Double)?
            if k > 0 {
                let free = ordered[k - 1].result.measures
                let df = (m["df"] ?? .nan) - (free["df"] ?? .nan)
                var chisq =
                    method == .standard
                    ? (m["chisq"] ?? .nan) - (free["chisq"] ?? .nan) : Self.scaledDifference(restricted: m, free: free)
                if method == .satorra2000, let restricted = fit.result.satorra2000,
                    let less = ordered[k - 1].result.satorra2000
                {
                    chisq = Satorra2000Test.statistic(restricted: restricted, free: less).chisq
                }
                let n = m["ntotal"] ?? .nan
                let groups = Double(Self.groupCount(fit.result))
                let rmsea =
                    method == .standard && df > 0
                    ? (max(0, chisq - df) / (n * df)).squareRoot() * groups.squareRoot() : .nan
                difference = (chisq, df, rmsea, df > 0 ? ChiSquared.survival(chisq, degreesOfFreedom: df) : .nan)
            }
            rows.append(
                Row(
                    name: fit.name, df: m["df"] ?? .nan, aic: m["aic"] ?? .nan, bic: m["bic"] ?? .nan,
                    chisq: m["chisq"] ?? .nan,
                    difference: difference))
        }
        self.rows = rows
    }

    /// Why fits with these options cannot be compared: without a test (test = "none") there is no
    /// χ² to compare. (Satorra's test where its pieces are not built is refused by ``init(_:)``.)
    public static func refusal(_ options: SEMOptions) -> SEMRefusal? {
        guard options.resolvedTest == .none else { return nil }
        return SEMRefusal(
            combination: "comparing fits with test = none", reason: "there is no χ² statistic to compare",
            source: .lavaan)
    }

    static func groupCount(_ result: SEMResult) -> Int {
        if case .groups(let model) = result.structure { return model.groups.count }
        return 1
    }

    /// The Satorra-Bentler (2001) scaled difference of two nested fits' unscaled statistics T₀
    /// (restricted, df r₀, scaling factor c₀) and T₁ (df r₁, c₁): (T₀ - T₁)/c_d with
    /// c_d = (r₀c₀ - r₁c₁)/(r₀ - r₁); NaN when c_d is negative, as lavaan's `lavTestLRT`.
    static func scaledDifference(restricted: FitMeasures, free: FitMeasures) -> Double {
        let m = { (set: FitMeasures, name: String) in set[name] ?? .nan }
        let r0 = m(restricted, "df")
        let r1 = m(free, "df")
        let c0 = m(restricted, "chisq.scaling.factor")
        let c1 = r1 == 0 ? 1 : m(free, "chisq.scaling.factor")
        let cd = (r0 * c0 - r1 * c1) / (r0 - r1)
        return cd > 0 ? (m(restricted, "chisq") - m(free, "chisq")) / cd : .nan
    }
}
