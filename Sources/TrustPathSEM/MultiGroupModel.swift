import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSurvey

/// One model fitted to several groups at once (lavaan's `group =`), each group with its own
/// parameter table and sample moments, tied together by one vector of free parameters:
/// - groups are numbered in order of first appearance in the group column; rows with no group are
///   left out, then each group's rows are listwise complete on the model variables;
/// - every group has a mean structure (free intercepts, latent means fixed at 0);
/// - a plain label (`a*x2`) is the same parameter in every group, `c(a1, a2)*x2` gives one label
///   (or value) per group;
/// - `group.equal` classes make the parameters of those kinds equal across groups, except the
///   ones `group.partial` names (`visual =~ x2`, `x1 ~ 1`); holding intercepts (or, for ordinal
///   items, thresholds) equal frees the latent means of groups 2, 3, ... (their differences from
///   group 1), unless means are held equal too (Meredith 1993; lavaan's `lav_partable_flat` and
///   `lav_model_partable`). Thresholds themselves are not rows of the structural model: ``WLSMVGroupsFit`` holds them.
///
/// The discrepancy is F = Σ_g (N_g/N) F_g, so χ² = N·F = Σ_g N_g F_g, and the unit information
/// is the N_g/N-weighted sum of the groups' (Jöreskog 1971; Bollen 1989, ch. 8).
public struct MultiGroupModel: Sendable {
    /// lavaan's `group.equal` keywords.
    public enum EqualityClass: String, Sendable, CaseIterable {
        case loadings, intercepts, thresholds, means, residuals, regressions
        case residualCovariances = "residual.covariances"
        case latentVariances = "lv.variances"
        case latentCovariances = "lv.covariances"
    }

    /// Group labels, in order of first appearance.
    public let labels: [String]
    public let groups: [SEMModel]
    /// Each group's complete cases (for bootstrap resampling within groups); empty with full information.
    public let cases: [CompleteCases]
    /// With full information (FIML), each group's missing-data patterns; its moments are then the
    /// EM estimates of the saturated model.
    public let patterns: [MissingPatterns]
    /// Rows without a group label, left out.
    public let rowsWithoutGroup: Int
    public let equal: Set<EqualityClass>
    public let partial: Set<String>
    /// For each group, the global coordinate of each of its own free coordinates.
    let globalCoordinates: [[Int]]
    /// The `:=` rows, over the labels of every group (lavaan's block-0 rows, listed after the groups').
    public let definitions: [ParameterRow]
    /// The number of free parameters, equal ones counted once (lavaan's npar).
    public let freeCount: Int

    /// Reads the groups from `groupColumn` of `data` and sets the model up in each; `adjust` (if
    /// given) changes each group's table before it is fitted (WLSMV fixes the items' intercepts and
    /// residual variances).
    public init(model text: String, data: SurveyData, groupColumn: String, options: ModelOptions = ModelOptions(),
                equal: Set<EqualityClass> = [], partial: [String] = [], adjust: ((ParameterTable) -> ParameterTable)? = nil,
                fullInformation: Bool = false) throws {
        let parsed: [ModelStatement]
        do { parsed = try ModelParser.parse(text) } catch { throw ModelSpecError.syntax(error) }
        var definitions: [(row: ParameterRow, location: SourceLocation)] = []
        let statements = parsed.filter { statement in
            guard case .definition(let name, let expression, let text, let location) = statement else { return true }
            definitions.append((ParameterRow(lhs: name, op: ":=", rhs: text, group: 0, label: name, isUser: true, expression: expression), location))
            return false
        }
        let column = try data.column(named: groupColumn)
        var labels: [String] = [], rowsOfGroup: [[Int]] = [], withoutGroup = 0
        for row in 0..<data.rowCount {
            let label = column.text(row: row)
            guard !label.isEmpty else { withoutGroup += 1; continue }
            if let g = labels.firstIndex(of: label) { rowsOfGroup[g].append(row) } else { labels.append(label); rowsOfGroup.append([row]) }
        }
        guard labels.count >= 2 else { throw MultiGroupError.tooFewGroups(column: groupColumn, labels: labels) }
        var options = options
        options.meanStructure = true
        var tables: [ParameterTable] = []
        for g in labels.indices {
            var table = try ParameterTable(statements: try ModelStatement.forGroup(g, of: labels.count, statements), options: options)
            if g > 0 && (equal.contains(.intercepts) || equal.contains(.thresholds)) && !equal.contains(.means) {
                let latent = Set(table.variables.latent)
                table = table.freeingDefaults { $0.op == "~1" && latent.contains($0.lhs) }
            }
            if let adjust { table = adjust(table) }
            if table.rows.contains(where: { $0.op == "==" }) {
                throw SEMError.refused(SEMRefusal(combination: "'==' constraints with groups", reason: "hold parameters equal with shared "
                    + "labels (a*x in every group, or c(a, a)*x) or group.equal", source: .notYet))
            }
            tables.append(table.forGroup(g + 1))
        }
        var groups: [SEMModel] = [], cases: [CompleteCases] = [], patterns: [MissingPatterns] = []
        for (g, table) in tables.enumerated() {
            do {
                if fullInformation {
                    let own = try MissingPatterns(data: data.selectingRows(rowsOfGroup[g]), variables: table.variables.observed,
                                                  exogenous: table.variables.exogenousObserved)
                    let saturated = own.saturated()
                    patterns.append(own)
                    groups.append(try SEMModel(table: table, moments: SampleMoments(
                        variables: table.variables.observed, means: saturated.means, covariance: saturated.covariance, count: own.count,
                        droppedRows: own.rowsWithNothing + own.rowsMissingCovariates)))
                } else {
                    let own = try CompleteCases(data: data.selectingRows(rowsOfGroup[g]), variables: table.variables.observed)
                    cases.append(own)
                    groups.append(try SEMModel(table: table, moments: SampleMoments(own)))
                }
            } catch {
                if case .tooFewRows(let rows, let variables) = error { throw MultiGroupError.groupTooSmall(label: labels[g], rows: rows, variables: variables) }
                throw error
            }
        }
        let partialKeys = Set(partial.map(Self.normalized))
        let rowNames = Set(groups[0].rows.map { Self.normalized("\($0.lhs) \($0.op) \($0.rhs)") })
        if let unknown = partial.first(where: { !rowNames.contains(Self.normalized($0)) }) { throw MultiGroupError.unknownPartial(unknown) }
        var globalOfKey: [String: Int] = [:], globalCoordinates: [[Int]] = []
        for (g, model) in groups.enumerated() {
            var own: [Int] = []
            for k in 0..<model.freeCount {
                let row = model.firstRow(ofCoordinate: k)
                let name = Self.normalized("\(row.lhs) \(row.op) \(row.rhs)")
                let key: String
                if !row.label.isEmpty {
                    key = "label " + row.label
                } else if let kind = Self.equalityClass(of: row, latent: Set(model.table.variables.latent)), equal.contains(kind), !partialKeys.contains(name) {
                    key = "equal " + name
                } else {
                    key = "group \(g) coordinate \(k)"
                }
                if let index = globalOfKey[key] { own.append(index) } else { own.append(globalOfKey.count); globalOfKey[key] = globalOfKey.count }
            }
            globalCoordinates.append(own)
        }
        self.labels = labels
        self.groups = groups
        self.cases = cases
        self.patterns = patterns
        rowsWithoutGroup = withoutGroup
        self.equal = equal
        self.partial = partialKeys
        self.globalCoordinates = globalCoordinates
        freeCount = globalOfKey.count
        var known = Set(tables.flatMap { $0.rows.map(\.label) }.filter { !$0.isEmpty })
        for (row, location) in definitions {
            if let unknown = row.expression?.parameters.first(where: { !known.contains($0) }) {
                throw ModelSpecError.unknownLabel(label: unknown, location: location)
            }
            known.insert(row.lhs)
        }
        self.definitions = definitions.map(\.row)
    }

    /// "visual=~x2" for "visual =~ x2", so group.partial entries match however they are spaced.
    static func normalized(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    /// The `group.equal` class of a parameter row (nil for exogenous or defined rows).
    static func equalityClass(of row: ParameterRow, latent: Set<String>) -> EqualityClass? {
        switch row.op {
        case "=~": return .loadings
        case "~": return .regressions
        case "~1": return latent.contains(row.lhs) ? .means : .intercepts
        case "~~" where row.lhs == row.rhs: return latent.contains(row.lhs) ? .latentVariances : .residuals
        case "~~": return latent.contains(row.lhs) && latent.contains(row.rhs) ? .latentCovariances : .residualCovariances
        default: return nil
        }
    }

    /// Total complete rows over the groups.
    public var count: Int { groups.reduce(0) { $0 + $1.moments.count } }
    /// N_g / N.
    var weights: [Double] { groups.map { Double($0.moments.count) / Double(count) } }

    /// Σ_g (moments_g - fixed covariate moments_g) - npar.
    public var degreesOfFreedom: Int {
        groups.reduce(0) { $0 + $1.momentCount - $1.exogenousMomentCount } - freeCount
    }

    /// Group g's own coordinates at the global vector φ.
    func local(_ phi: [Double], group g: Int) -> [Double] { globalCoordinates[g].map { phi[$0] } }

    /// The groups with other moments (a bootstrap draw within groups).
    func with(moments: [SampleMoments]) -> MultiGroupModel {
        MultiGroupModel(copying: self, groups: zip(groups, moments).map { $0.with(moments: $1) }, patterns: patterns)
    }

    /// The groups with other missing-data patterns (a FIML bootstrap draw within groups), each
    /// group's fixed covariates' moments the draw's own.
    func with(patterns drawn: [MissingPatterns]) -> MultiGroupModel {
        let groups = zip(groups, drawn).map { group, patterns in
            group.with(moments: patterns.replacingComplete(group.fixedCovariateIndices, in: group.moments))
        }
        return MultiGroupModel(copying: self, groups: groups, patterns: drawn)
    }

    private init(copying other: MultiGroupModel, groups: [SEMModel], patterns: [MissingPatterns]) {
        labels = other.labels
        self.groups = groups
        cases = other.cases
        self.patterns = patterns
        rowsWithoutGroup = other.rowsWithoutGroup
        equal = other.equal
        partial = other.partial
        globalCoordinates = other.globalCoordinates
        freeCount = other.freeCount
        definitions = other.definitions
    }
}

/// Why a multi-group model cannot be set up.
public enum MultiGroupError: Error, Equatable, Sendable {
    case tooFewGroups(column: String, labels: [String])
    case groupTooSmall(label: String, rows: Int, variables: Int)
    case unknownEqualityClass(String, suggestion: String?)
    case unknownPartial(String)

    public var message: String {
        switch self {
        case .tooFewGroups(let column, let labels):
            return "the group column '\(column)' has " + (labels.isEmpty ? "no values" : "only one group ('\(labels[0])')") + "; a multi-group model needs at least two"
        case .groupTooSmall(let label, let rows, let variables):
            return "group '\(label)' has only \(rows) complete rows for \(variables) model variables; at least \(variables + 1) are needed"
        case .unknownPartial(let name):
            return "--group-partial names '\(name)', which is not a parameter of the model; write it as the model does, e.g. 'visual =~ x2' or 'x1 ~ 1' "
                + "(or, for ordinal items, a threshold: 'x1 | t2')"
        case .unknownEqualityClass(let name, let suggestion):
            return "'\(name)' is not a --group-equal class (" + MultiGroupModel.EqualityClass.allCases.map(\.rawValue).joined(separator: ", ") + ")"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }
}
