/// One column of a survey: its name, measurement level and values with their missing cells.
public struct SurveyColumn: Sendable, Equatable {
    /// The values, by measurement level.
    public enum Values: Sendable, Equatable {
        /// One number per row; a missing cell is NaN (a NaN is never read as data).
        case numeric([Double])
        /// One code per row into `levels`, -1 for a missing cell; levels in order of first appearance.
        case coded(codes: [Int32], levels: [String])
    }

    public let name: String
    public let level: MeasurementLevel
    public let values: Values
    /// The variable label (an SPSS or Stata file's question wording), if the file has one.
    public let label: String?
    /// Value labels of a numeric column (5 → "Strongly agree"): reports show them, analyses use the codes.
    public let valueLabels: [Double: String]

    public init(name: String, level: MeasurementLevel, values: Values, label: String? = nil, valueLabels: [Double: String] = [:]) {
        self.name = name
        self.level = level
        self.values = values
        self.label = label
        self.valueLabels = valueLabels
    }

    public var count: Int {
        switch values {
        case .numeric(let numbers): return numbers.count
        case .coded(let codes, _): return codes.count
        }
    }

    /// Whether the cell in `row` is missing.
    public func isMissing(_ row: Int) -> Bool {
        switch values {
        case .numeric(let numbers): return numbers[row].isNaN
        case .coded(let codes, _): return codes[row] < 0
        }
    }

    /// The number of missing cells.
    public var missingCount: Int {
        switch values {
        case .numeric(let numbers): return numbers.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        case .coded(let codes, _): return codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }

    /// The numbers of a numeric column, NaN where missing; nil for other levels.
    public var numbers: [Double]? {
        if case .numeric(let numbers) = values { return numbers }
        return nil
    }
}
