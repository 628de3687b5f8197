/// One row of the parameter table: one parameter (free or fixed), a defined parameter or a constraint.
/// Column names follow lavaan's `parTable()` so rows can be compared with it.
public struct ParameterRow: Sendable, Equatable {
    /// `=~`, `~`, `~~`, `~1`, `:=`, `==`, `<`, `>`.
    public var lhs: String
    public var op: String
    public var rhs: String
    public var group: Int
    /// The user's label, or "".
    public var label: String
    /// Written by the user (true) or added by the defaults (false): lavaan's `user` column.
    public var isUser: Bool
    /// Fixed at the sample statistics of exogenous observed covariates (lavaan's `exo`, `fixed.x`).
    public var isExogenous: Bool
    /// 0 for a fixed row; otherwise the 1-based index of its free parameter. Rows sharing a label
    /// share the index (an equality constraint by reparameterisation).
    public var freeIndex: Int
    /// The value of a fixed row (nil for exogenous rows, filled from the data).
    public var fixedValue: Double?
    /// A starting value the user gave with `start()`.
    public var start: Double?
    /// The right-hand side of a `:=` row, or the two sides of a constraint (`lhs - rhs`).
    public var expression: ModelExpression?

    public init(lhs: String, op: String, rhs: String, group: Int = 1, label: String = "", isUser: Bool,
                isExogenous: Bool = false, freeIndex: Int = 0, fixedValue: Double? = nil, start: Double? = nil,
                expression: ModelExpression? = nil) {
        self.lhs = lhs
        self.op = op
        self.rhs = rhs
        self.group = group
        self.label = label
        self.isUser = isUser
        self.isExogenous = isExogenous
        self.freeIndex = freeIndex
        self.fixedValue = fixedValue
        self.start = start
        self.expression = expression
    }

    public var isFree: Bool { freeIndex > 0 }
    /// A model parameter (not a definition or constraint).
    public var isParameter: Bool { ["=~", "~", "~~", "~1"].contains(op) }
    public var isVariance: Bool { op == "~~" && lhs == rhs }
}
