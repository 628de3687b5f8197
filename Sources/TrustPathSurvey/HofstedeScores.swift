/// Geert Hofstede's six country scores (pdi power distance, idv individualism, mas masculinity,
/// uai uncertainty avoidance, ltowvs long-term orientation, ivr indulgence; 2015-08-16 release),
/// attached to respondents by their country: the paper's H7 (uncertainty avoidance) and H8
/// (individualism) moderate trust paths at the country level.
public struct HofstedeScores: Sendable {
    public static let dimensions = ["pdi", "idv", "mas", "uai", "ltowvs", "ivr"]

    /// Scores by lower-cased key: Hofstede's code, ISO 3166 alpha-2 and alpha-3, and country name.
    private let rowsByKey: [String: [Double]]

    /// Reads `scores` (Hofstede's `;`-separated file, `#NULL!` for scores that do not exist) and
    /// `isoMap` (`ctr,country,iso2,iso3,note`).
    public init(scores: String, isoMap: String) throws(SurveyError) {
        let table = try SurveyReader.read(scores, options: CSVReadOptions(missingCodes: ["#NULL!"], declaredLevels: ["ctr": .text, "country": .text]))
        let codes = try HofstedeScores.labels(table, "ctr"), names = try HofstedeScores.labels(table, "country")
        var columns: [[Double]] = []
        for dimension in HofstedeScores.dimensions {
            guard let numbers = try table.column(named: dimension).numbers else { throw .columnNotNumeric(column: dimension, file: scores) }
            columns.append(numbers)
        }
        let map = try CSVFile.records(at: isoMap, delimiter: UInt8(ascii: ","))
        var isoByCode: [String: [String]] = [:]
        for record in map.dropFirst() where record.fields.count >= 4 {
            isoByCode[record.fields[0]] = [record.fields[2], record.fields[3]].filter { !$0.isEmpty }
        }
        var rows: [String: [Double]] = [:]
        for row in 0..<table.rowCount {
            let values = columns.map { $0[row] }
            for key in [codes[row], names[row]] + (isoByCode[codes[row]] ?? []) where !key.isEmpty {
                rows[key.lowercased()] = values
            }
        }
        rowsByKey = rows
    }

    private static func labels(_ data: SurveyData, _ name: String) throws(SurveyError) -> [String] {
        guard case .coded(let codes, let levels) = try data.column(named: name).values else { return [] }
        return codes.map { $0 < 0 ? "" : levels[Int($0)] }
    }

    /// The six scores of a country given by code or name (NaN where Hofstede has none), or nil.
    public func scores(for country: String) -> [Double]? {
        rowsByKey[country.trimmingSpaces.lowercased()]
    }

    /// `data` with a column per dimension, matched on `column`; a missing country gives missing scores,
    /// an unknown one is an error naming it and the lines where it occurs (never dropped silently).
    public func joined(to data: SurveyData, by column: String) throws(SurveyError) -> SurveyData {
        let countries = try data.column(named: column)
        let labels: [String?]
        switch countries.values {
        case .coded(let codes, let levels): labels = codes.map { $0 < 0 ? nil : levels[Int($0)] }
        case .numeric: throw .columnNotText(column: column)
        }
        let unknownRows = labels.indices.filter { labels[$0].map { scores(for: $0) == nil } ?? false }
        guard unknownRows.isEmpty else {
            throw .unknownCountries(column: column, values: Array(Set(unknownRows.compactMap { labels[$0] })).sorted(),
                                    lines: unknownRows.map { data.rowLines[$0] })
        }
        for dimension in HofstedeScores.dimensions where data.columnNames.contains(dimension) {
            throw .duplicateHeaderName(file: data.source, name: dimension, firstColumn: (data.columnNames.firstIndex(of: dimension) ?? 0) + 1,
                                       secondColumn: data.columns.count + 1)
        }
        let added = HofstedeScores.dimensions.enumerated().map { d, name in
            SurveyColumn(name: name, level: .numeric, values: .numeric(labels.map { label in label.flatMap { scores(for: $0)?[d] } ?? .nan }))
        }
        return SurveyData(source: data.source, columns: data.columns + added, rowLines: data.rowLines)
    }
}
