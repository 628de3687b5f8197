import Foundation
import TrustPathSEM
import TrustPathSurvey
import Yams

/// What a study runs, read from analysis.yaml; file paths are relative to that file.
///
/// ```yaml
/// study: cross-border-trust
/// title: Trust in cross-border live-stream shopping
/// instrument: instrument.yaml
/// data: responses.csv
/// model: model.lav                 # or paths: ["PT ~ HA + ID", "PI ~ PT"] with the instrument's constructs
/// estimator: ml                    # or mlr, mlm, mlmv, mlmvs, gls, uls, wls, dwls, ulsmv, wlsmv (ordered items: wlsmv)
/// ordered: all                      # the items as ordinal (Likert) answers, fitted by WLSMV
/// method: cbsem                    # or pls (hypotheses judged by PLS-SEM) / both (CB-SEM beside PLS-SEM)
/// missing: listwise                # or fiml: the structural model by full-information ML (lavaan's missing = "ml")
/// bootstrap: {draws: 2000, seed: 20261125}
/// screening: {longstring: 10, speeder_fraction: 0.4, mahalanobis_p: 0.001, suppress_below: 5}
/// hofstede: ../reference           # Hofstede's country scores, for moderators joined by country
/// groups: variant                  # compare groups: invariance, latent means, paths
/// hypotheses:
///   - "H1: PT ~ HA > 0"
///   - "H6: indirect HA -> PT -> PI > 0"
///   - "H7: PI ~ PT x uai > 0"       # moderation: uncertainty avoidance strengthens PT -> PI
///   - "H8: mean PT (live - short) > 0"   # with groups: a latent mean difference (or Y ~ X (A - B))
/// ```
public struct AnalysisSpec: Sendable {
    public let source: String
    public let study: String
    public let title: String
    public let instrumentPath: String
    public let dataPath: String
    public let modelPath: String?
    public let paths: [String]
    public let bootstrapDraws: Int
    public let seed: UInt64
    public let rules: Screening.Rules
    public let suppressBelow: Int
    public let hypotheses: [Hypothesis]
    /// The folder with Hofstede's country scores, for moderators such as `uai` joined by country.
    public let hofstedeFolder: String?
    /// The column whose values are the groups to compare (campaign variants, markets).
    public let groupColumn: String?
    /// ml, or mlr / mlm for robust statistics (lavaan's MLR and MLM) on the structural model;
    /// wlsmv (the default with `ordered`) for ordinal items.
    public let estimator: SEMOptions.Estimator
    /// The structural model's items treated as ordinal (`ordered: all`, or a list of items).
    public let ordered: SEMOptions.Ordered
    /// The structural model's (and the group comparison's) missing-data treatment: listwise
    /// deletion, full-information ML over the missing-data patterns (`missing: fiml`), or pairwise
    /// deletion for ordered items (`missing: pairwise`).
    public let missing: SEMOptions.MissingData
    /// Whether the structural model uses full-information ML (`missing: fiml`).
    public var fullInformation: Bool { missing == .fiml }
    /// cbsem (default), pls or both: which structural model judges the hypotheses, and whether the
    /// report sets PLS-SEM beside CB-SEM.
    public let method: Method

    /// How the structural model is fitted: the estimator and missing-data treatment the study names.
    public var fittingOptions: SEMOptions { SEMOptions(estimator: estimator, missing: missing, ordered: ordered) }

    /// The structural model's options with the study's bootstrap (`bootstrap.draws` above 0): se =
    /// bootstrap with percentile intervals, the estimator's test kept. The bootstrap replaces the
    /// robust standard errors, so the robust estimators take the names lavaan accepts with it: MLR,
    /// MLM, MLMV and MLMVS become ML with their test (lavaan's estimator = "ML", se = "bootstrap",
    /// test = "yuan.bentler.mplus", ...), WLSMV becomes DWLS and ULSMV ULS with the scaled-shifted
    /// test; the other least squares keep their estimator. Ordered items under pairwise deletion keep
    /// WLSMV's robust standard errors (their bootstrap resamples complete rows).
    public var structuralOptions: SEMOptions {
        let named = fittingOptions
        guard bootstrapDraws > 0, !(missing == .pairwise && !ordered.isEmpty) else { return named }
        let resampled: SEMOptions.Estimator =
            estimator.isMaximumLikelihood ? .ml : estimator == .wlsmv ? .dwls : estimator == .ulsmv ? .uls : estimator
        return SEMOptions(
            estimator: resampled, missing: missing, se: .bootstrap,
            information: estimator == .mlr ? .observed : nil, test: named.resolvedTest, ordered: ordered,
            bootstrap: .init(draws: bootstrapDraws, seed: seed, interval: .percentile))
    }

    public enum Method: String, Sendable, CaseIterable {
        case cbsem, pls, both
    }

    static let keys = ["study", "title", "instrument", "data", "model", "paths", "estimator", "method", "missing", "bootstrap", "screening", "hypotheses", "hofstede", "groups", "ordered"]

    public static func read(path: String) throws(StudyError) -> AnalysisSpec {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .invalid(file: path, reason: "no such file, or not UTF-8 text")
        }
        return try AnalysisSpec(yaml: text, source: path)
    }

    public init(yaml text: String, source: String) throws(StudyError) {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw .invalid(file: source, reason: "not valid YAML: \(error)") }
        guard let mapping = root?.mapping else { throw .invalid(file: source, reason: "expected a mapping with study, instrument, data, model and hypotheses") }
        for key in mapping.keys.compactMap(\.string) where !Self.keys.contains(key) {
            throw .unknownKey(file: source, key: key, section: "the analysis", suggestion: NameSuggestion.closest(to: key, among: Self.keys))
        }
        func value(_ key: String) -> String? { mapping[key]?.scalar?.string }
        let directory = (source as NSString).deletingLastPathComponent
        func resolved(_ path: String) -> String { path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path) }
        guard let instrument = value("instrument"), let data = value("data") else {
            throw .invalid(file: source, reason: "'instrument:' and 'data:' are required")
        }
        self.source = source
        study = value("study") ?? ((source as NSString).deletingLastPathComponent as NSString).lastPathComponent
        title = value("title") ?? study
        instrumentPath = resolved(instrument)
        dataPath = resolved(data)
        modelPath = value("model").map(resolved)
        hofstedeFolder = value("hofstede").map(resolved)
        groupColumn = value("groups")
        paths = mapping["paths"]?.sequence?.compactMap { $0.scalar?.string } ?? []
        guard (modelPath == nil) != paths.isEmpty else { throw .invalid(file: source, reason: "give either 'model:' (a .lav file) or 'paths:' (regressions among the constructs), not both or neither") }
        if let list = mapping["ordered"]?.sequence {
            ordered = .variables(list.compactMap { $0.scalar?.string })
        } else if let text = value("ordered") {
            ordered = text.lowercased() == "all" ? .all : .variables(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        } else {
            ordered = .none
        }
        guard let estimator = SEMOptions.Estimator(rawValue: value("estimator")?.lowercased() ?? (ordered.isEmpty ? "ml" : "wlsmv"))
        else {
            throw .invalid(file: source, reason: "estimator '\(value("estimator") ?? "")' is not one of "
                + SEMOptions.Estimator.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if !ordered.isEmpty && groupColumn != nil {
            throw .invalid(file: source, reason: "ordered items with groups are not available in studies yet: the group comparison is fitted by ML")
        }
        if groupColumn != nil && ![.ml, .mlr, .mlm].contains(estimator) {
            throw .invalid(file: source, reason: "estimator \(estimator.rawValue) with groups is not available in studies yet: "
                + "the group comparison's invariance steps are fitted by ml, mlr or mlm")
        }
        self.estimator = estimator
        let method = value("method")?.lowercased() ?? "cbsem"
        guard let parsedMethod = Method(rawValue: method) else {
            throw .invalid(file: source, reason: "method '\(method)' is not one of cbsem, pls or both"
                + (NameSuggestion.closest(to: method, among: Method.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""))
        }
        self.method = parsedMethod
        guard let missing = SEMOptions.MissingData(lavaanName: value("missing")?.lowercased() ?? "listwise"),
              [.listwise, .fiml, .pairwise].contains(missing) else {
            throw .invalid(file: source, reason: "missing '\(value("missing") ?? "")' is not one of listwise, fiml or pairwise")
        }
        self.missing = missing
        if let refusal = SEMOptions(estimator: estimator, missing: missing, ordered: ordered).refusal() {
            throw .invalid(file: source, reason: refusal.message)
        }
        let bootstrap = mapping["bootstrap"]?.mapping
        for key in bootstrap?.keys.compactMap(\.string) ?? [] where !["draws", "seed"].contains(key) {
            throw .unknownKey(file: source, key: key, section: "bootstrap", suggestion: NameSuggestion.closest(to: key, among: ["draws", "seed"]))
        }
        bootstrapDraws = bootstrap?["draws"]?.scalar.flatMap(Int.construct) ?? 2000
        seed = UInt64(bootstrap?["seed"]?.scalar.flatMap(Int.construct) ?? 1)
        var rules = Screening.Rules()
        var suppress = 5
        if let screening = mapping["screening"]?.mapping {
            let known = ["longstring", "flat_constructs", "speeder_fraction", "minimum_duration", "mahalanobis_p", "suppress_below"]
            for key in screening.keys.compactMap(\.string) where !known.contains(key) {
                throw .unknownKey(file: source, key: key, section: "screening", suggestion: NameSuggestion.closest(to: key, among: known))
            }
            func number(_ key: String) -> Double? { screening[key]?.scalar.flatMap(Double.construct) }
            if let value = number("longstring") { rules.longstring = Int(value) }
            if let value = screening["flat_constructs"]?.scalar.flatMap(Bool.construct) { rules.flatConstructs = value }
            if let value = number("speeder_fraction") { rules.speederFraction = value }
            rules.minimumDuration = number("minimum_duration")
            if let value = number("mahalanobis_p") { rules.mahalanobisP = value }
            if let value = number("suppress_below") { suppress = Int(value) }
        }
        self.rules = rules
        suppressBelow = suppress
        var hypotheses: [Hypothesis] = []
        for node in mapping["hypotheses"]?.sequence ?? [] {
            guard let line = node.scalar?.string else { throw .invalid(file: source, reason: "each hypothesis must be a line such as 'H1: PT ~ HA > 0'") }
            switch Hypothesis.parse(line) {
            case .success(let hypothesis): hypotheses.append(hypothesis)
            case .failure(let error): throw .hypothesis(file: source, error)
            }
        }
        self.hypotheses = hypotheses
    }
}

public enum StudyError: Error, Equatable, Sendable {
    case invalid(file: String, reason: String)
    case unknownKey(file: String, key: String, section: String, suggestion: String?)
    case hypothesis(file: String, HypothesisError)
    case model(file: String, reason: String)

    public var message: String {
        switch self {
        case .invalid(let file, let reason): return "\(file): \(reason)"
        case .unknownKey(let file, let key, let section, let suggestion):
            return "\(file): unknown key '\(key)' in \(section)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .hypothesis(let file, let error): return "\(file): \(error.message)"
        case .model(let file, let reason): return "\(file): \(reason)"
        }
    }
}
