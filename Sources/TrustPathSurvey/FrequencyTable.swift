/// Counts of each level of a categorical column, as R's `table(x, useNA = "ifany")`.
public struct FrequencyTable: Sendable, Equatable {
    /// One level's count; `percent` is of all rows, `validPercent` of the non-missing rows.
    public struct Row: Sendable, Equatable {
        public let value: String
        public let count: Int
        public let percent: Double
        public let validPercent: Double
    }

    public let variable: String
    /// Levels sorted as R sorts a factor's levels: numerically when all are numbers, else by code point.
    public let rows: [Row]
    public let missing: Int
    public let total: Int

    public init(variable: String, codes: [Int32], levels: [String]) {
        self.variable = variable
        var counts = Array(repeating: 0, count: levels.count)
        var missing = 0
        for code in codes {
            if code < 0 { missing += 1 } else { counts[Int(code)] += 1 }
        }
        let total = codes.count
        let valid = total - missing
        let order = FrequencyTable.sortedLevelIndices(levels)
        rows = order.map { i in
            Row(value: levels[i], count: counts[i],
                percent: 100 * Double(counts[i]) / Double(total),
                validPercent: valid > 0 ? 100 * Double(counts[i]) / Double(valid) : .nan)
        }
        self.missing = missing
        self.total = total
    }

    static func sortedLevelIndices(_ levels: [String]) -> [Int] {
        let numbers = levels.map { Double($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return levels.indices.sorted { (numbers[$0] ?? 0) < (numbers[$1] ?? 0) }
        }
        return levels.indices.sorted { levels[$0].unicodeScalars.lexicographicallyPrecedes(levels[$1].unicodeScalars) }
    }
}
