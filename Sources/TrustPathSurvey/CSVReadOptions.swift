/// How to read a survey CSV file. The defaults read most exports as they come.
public struct CSVReadOptions: Sendable, Equatable {
    /// The field delimiter; nil detects `,`, `;` or tab from the header row.
    public var delimiter: UInt8?
    /// Codes that mean "missing" besides an empty field and `NA`, e.g. `-99`, `#NULL!`.
    /// A numeric code also matches the same number written differently (`-99.0`).
    public var missingCodes: [String]
    /// Text labels of Likert answers mapped to numbers ("Strongly agree" = 7).
    public var likertMapping: LikertMapping?
    /// Measurement levels the user declares; other columns are inferred.
    public var declaredLevels: [String: MeasurementLevel]
    /// A non-numeric column with at most this many distinct values is categorical, else free text.
    public var maximumCategoricalLevels: Int

    public init(
        delimiter: UInt8? = nil,
        missingCodes: [String] = [],
        likertMapping: LikertMapping? = nil,
        declaredLevels: [String: MeasurementLevel] = [:],
        maximumCategoricalLevels: Int = 20
    ) {
        self.delimiter = delimiter
        self.missingCodes = missingCodes
        self.likertMapping = likertMapping
        self.declaredLevels = declaredLevels
        self.maximumCategoricalLevels = maximumCategoricalLevels
    }

    /// Declares `names` to be of `level`; a name declared twice with different levels is an error.
    public mutating func declare(_ names: [String], as level: MeasurementLevel) throws(SurveyError) {
        for name in names {
            if let existing = declaredLevels[name], existing != level {
                throw SurveyError.conflictingDeclaration(column: name, first: existing, second: level)
            }
            declaredLevels[name] = level
        }
    }
}
