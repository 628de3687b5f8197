/// The parameter table: one row per parameter, defined parameter and constraint — the single source
/// of truth from parsing to report (lavaan's `parTable`, Rosseel 2012). Built from the statements
/// with lavaan's defaults for `cfa()`/`sem()`; later steps add estimates beside it, never rebuild it.
///
/// Row order is lavaan's: the user's rows as written, then the defaults (`lav_partable_flat`):
/// residual variances of the observed non-exogenous variables, variances of the latent variables,
/// covariances of exogenous latent variables, covariances of pure outcomes, the (co)variances of
/// exogenous covariates, then intercepts; `:=` and `==` rows last.
public struct ParameterTable: Sendable, Equatable {
    public private(set) var rows: [ParameterRow]
    public let variables: ModelVariables
    public let options: ModelOptions
    /// The number of free parameters (equal labels count once).
    public let freeCount: Int

    /// Parses `text` and builds its table.
    public init(model text: String, options: ModelOptions = ModelOptions()) throws(ModelSpecError) {
        let statements: [ModelStatement]
        do { statements = try ModelParser.parse(text) } catch { throw .syntax(error) }
        try self.init(statements: statements, options: options)
    }

    public init(statements: [ModelStatement], options: ModelOptions = ModelOptions()) throws(ModelSpecError) {
        var options = options
        let statements = options.poolsGroupModifiers ? ModelStatement.pooled(statements) : statements
        var user: [ParameterRow] = []
        var explicitlyFree = Set<Int>()
        var tail: [ParameterRow] = []
        var labelLocations: [(String, SourceLocation)] = []
        for statement in statements {
            switch statement {
            case .relation(let lhs, let op, let rhs, _):
                for term in rhs {
                    var row = ParameterRow(lhs: lhs, op: term.isIntercept ? "~1" : op.rawValue,
                                           rhs: term.isIntercept ? "" : term.name, isUser: true, freeIndex: 1)
                    if op == .formedBy { throw .unsupported(what: "'<~' (composites; see trustpath pls)", location: term.location) }
                    if term.isIntercept { options.meanStructure = true }
                    for modifier in term.modifiers {
                        switch modifier {
                        case .perGroup(let values) where values.count == 1:
                            try ParameterTable.apply(values[0], to: &row, explicitlyFree: &explicitlyFree, index: user.count)
                        case .perGroup:
                            throw .unsupported(what: "c(...) modifiers for several groups", location: term.location)
                        default:
                            try ParameterTable.apply(modifier, to: &row, explicitlyFree: &explicitlyFree, index: user.count)
                        }
                    }
                    if user.contains(where: { $0.lhs == row.lhs && $0.op == row.op && $0.rhs == row.rhs }) { continue }
                    user.append(row)
                }
            case .definition(let name, let expression, let text, let location):
                tail.append(ParameterRow(lhs: name, op: ":=", rhs: text, label: name, isUser: true, expression: expression))
                labelLocations += expression.parameters.map { ($0, location) }
            case .constraint(let lhs, let op, let rhs, let lhsText, let rhsText, let location):
                guard op == .equal else { throw .inequalityNotSupported(location: location) }
                tail.append(ParameterRow(lhs: lhsText, op: op.rawValue, rhs: rhsText, isUser: true,
                                         expression: .binary("-", lhs, rhs)))
                labelLocations += (lhs.parameters + rhs.parameters).map { ($0, location) }
            }
        }
        guard !user.isEmpty else { throw .emptyModel }
        let variables = ModelVariables(userRows: user, fixedExogenous: options.fixedExogenous)
        var rows = ParameterTable.scaleLatents(user, variables: variables, options: options, explicitlyFree: explicitlyFree)
        rows += ParameterTable.defaultRows(after: rows, variables: variables, options: options)
        let (numbered, count) = ParameterTable.numberFreeParameters(rows)
        try ParameterTable.checkScales(numbered, variables: variables)
        let known = Set(numbered.map(\.label).filter { !$0.isEmpty } + tail.filter { $0.op == ":=" }.map(\.lhs))
        for (label, location) in labelLocations where !known.contains(label) {
            throw .unknownLabel(label: label, location: location)
        }
        self.rows = numbered + tail
        self.variables = variables
        self.options = options
        freeCount = count
    }

    private static func apply(_ modifier: ModelModifier, to row: inout ParameterRow,
                              explicitlyFree: inout Set<Int>, index: Int) throws(ModelSpecError) {
        switch modifier {
        case .fixed(let value): row.fixedValue = value; row.freeIndex = 0
        case .free: row.fixedValue = nil; row.freeIndex = 1; explicitlyFree.insert(index)
        case .label(let label): row.label = label
        case .start(let value): row.start = value
        case .perGroup: break
        }
    }

    /// The first loading of each factor fixed to 1 (unless freed with NA* or --std-lv).
    private static func scaleLatents(_ rows: [ParameterRow], variables: ModelVariables, options: ModelOptions,
                                     explicitlyFree: Set<Int>) -> [ParameterRow] {
        guard !options.standardizedLatents else { return rows }
        var rows = rows
        var scaled = Set<String>()
        for index in rows.indices where rows[index].op == "=~" && !scaled.contains(rows[index].lhs) {
            scaled.insert(rows[index].lhs)
            if rows[index].fixedValue == nil && !explicitlyFree.contains(index) {
                rows[index].fixedValue = 1
                rows[index].freeIndex = 0
            }
        }
        return rows
    }

    /// lavaan's automatic rows for `cfa()`/`sem()`, minus those the user wrote.
    private static func defaultRows(after user: [ParameterRow], variables v: ModelVariables, options: ModelOptions) -> [ParameterRow] {
        let exogenous = Set(v.exogenousObserved + v.freeExogenousObserved)
        var rows: [ParameterRow] = []
        for name in v.observed where !exogenous.contains(name) {
            rows.append(ParameterRow(lhs: name, op: "~~", rhs: name, isUser: false, freeIndex: 1))
        }
        for name in v.latent {
            rows.append(options.standardizedLatents
                ? ParameterRow(lhs: name, op: "~~", rhs: name, isUser: false, fixedValue: 1)
                : ParameterRow(lhs: name, op: "~~", rhs: name, isUser: false, freeIndex: 1))
        }
        for pair in pairs(v.exogenousLatent) + pairs(v.pureOutcomes) {
            rows.append(ParameterRow(lhs: pair.0, op: "~~", rhs: pair.1, isUser: false, freeIndex: 1))
        }
        // Lower triangle by columns, as lavaan lists them: (x1,x1), (x1,x2), (x2,x2).
        for (j, a) in v.exogenousObserved.enumerated() {
            for b in v.exogenousObserved[j...] {
                rows.append(ParameterRow(lhs: a, op: "~~", rhs: b, isUser: false, isExogenous: true))
            }
        }
        for (j, a) in v.freeExogenousObserved.enumerated() {
            for b in v.freeExogenousObserved[j...] { rows.append(ParameterRow(lhs: a, op: "~~", rhs: b, isUser: false, freeIndex: 1)) }
        }
        if options.meanStructure {
            for name in v.observed {
                rows.append(Set(v.exogenousObserved).contains(name)
                    ? ParameterRow(lhs: name, op: "~1", rhs: "", isUser: false, isExogenous: true)
                    : ParameterRow(lhs: name, op: "~1", rhs: "", isUser: false, freeIndex: 1))
            }
            for name in v.latent {
                rows.append(ParameterRow(lhs: name, op: "~1", rhs: "", isUser: false, fixedValue: 0))
            }
        }
        // A single indicator measures its factor without error.
        for factor in v.latent {
            let indicators = user.filter { $0.op == "=~" && $0.lhs == factor }.map(\.rhs)
            if indicators.count == 1, let index = rows.firstIndex(where: { $0.isVariance && $0.lhs == indicators[0] }) {
                rows[index].freeIndex = 0
                rows[index].fixedValue = 0
            }
        }
        return rows.filter { candidate in
            !user.contains { $0.op == candidate.op
                && (($0.lhs == candidate.lhs && $0.rhs == candidate.rhs) || (candidate.op == "~~" && $0.lhs == candidate.rhs && $0.rhs == candidate.lhs)) }
        }
    }

    private static func pairs(_ names: [String]) -> [(String, String)] {
        names.indices.flatMap { i in names[(i + 1)...].map { (names[i], $0) } }
    }

    /// Free rows numbered in order; a repeated label reuses its first row's number.
    private static func numberFreeParameters(_ rows: [ParameterRow]) -> ([ParameterRow], Int) {
        var rows = rows
        var byLabel: [String: Int] = [:]
        var count = 0
        for index in rows.indices where rows[index].freeIndex > 0 {
            let label = rows[index].label
            if !label.isEmpty, let shared = byLabel[label] {
                rows[index].freeIndex = shared
            } else {
                count += 1
                rows[index].freeIndex = count
                if !label.isEmpty { byLabel[label] = count }
            }
        }
        return (rows, count)
    }

    private static func checkScales(_ rows: [ParameterRow], variables: ModelVariables) throws(ModelSpecError) {
        for factor in variables.latent {
            let fixedLoading = rows.contains { $0.op == "=~" && $0.lhs == factor && !$0.isFree && ($0.fixedValue ?? 0) != 0 }
            let fixedVariance = rows.contains { $0.isVariance && $0.lhs == factor && !$0.isFree }
            if !fixedLoading && !fixedVariance { throw .factorWithoutScale(factor: factor) }
        }
    }

    /// The model parameters (not definitions or constraints).
    public var parameterRows: [ParameterRow] { rows.filter(\.isParameter) }

    private init(rows: [ParameterRow], variables: ModelVariables, options: ModelOptions, freeCount: Int) {
        self.rows = rows
        self.variables = variables
        self.options = options
        self.freeCount = freeCount
    }

    /// This table with the default (non-user) fixed rows that match `predicate` made free and the
    /// free parameters renumbered: lavaan frees the latent means of groups 2, 3, ... when a
    /// multi-group model holds the intercepts equal.
    public func freeingDefaults(where predicate: (ParameterRow) -> Bool) -> ParameterTable {
        var rows = self.rows
        for index in rows.indices where rows[index].isParameter && !rows[index].isUser && !rows[index].isFree
            && !rows[index].isExogenous && predicate(rows[index]) {
            rows[index].freeIndex = 1
            rows[index].fixedValue = nil
        }
        let parameters = rows.filter(\.isParameter)
        let (numbered, count) = ParameterTable.numberFreeParameters(parameters)
        return ParameterTable(rows: numbered + rows.filter { !$0.isParameter }, variables: variables, options: options, freeCount: count)
    }

    /// This table with the free parameter rows that match `predicate` fixed at `value(row)` and the
    /// rest renumbered: WLSMV's delta parameterization fixes the residual variances of ordinal items.
    public func fixing(where predicate: (ParameterRow) -> Bool, value: (ParameterRow) -> Double) -> ParameterTable {
        var rows = self.rows
        for index in rows.indices where rows[index].isParameter && predicate(rows[index]) {
            rows[index].fixedValue = value(rows[index])
            rows[index].freeIndex = 0
        }
        let parameters = rows.filter(\.isParameter)
        let (numbered, count) = ParameterTable.numberFreeParameters(parameters)
        return ParameterTable(rows: numbered + rows.filter { !$0.isParameter }, variables: variables, options: options, freeCount: count)
    }

    /// This table's rows marked as group `group` (1-based), for a multi-group model's output.
    public func forGroup(_ group: Int) -> ParameterTable {
        ParameterTable(rows: rows.map { row in var row = row; row.group = group; return row }, variables: variables, options: options, freeCount: freeCount)
    }
}
