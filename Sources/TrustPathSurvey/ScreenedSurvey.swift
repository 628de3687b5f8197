/// A survey export taken through the first stage of every study: columns checked against the
/// instrument, personal columns removed, rows screened, reverse-coded items recoded.
public struct ScreenedSurvey: Sendable {
    public let personal: [PersonalData.Finding]
    public let screening: Screening
    /// The kept rows as answered (no recoding), without personal columns.
    public let keptRaw: SurveyData
    /// The kept rows with reverse-coded items recoded: what the analyses use.
    public let kept: SurveyData
    /// Mardia's test on the kept rows' (recoded) items; nil when it cannot be computed.
    public let mardia: MardiaNormality?

    public init(data raw: SurveyData, instrument: Instrument, rules: Screening.Rules) throws(InstrumentError) {
        let scored = try instrument.scored(raw)
        let exempt = Set(instrument.items.map(\.code) + [instrument.respondent.id].compactMap { $0 })
        personal = PersonalData.findings(in: raw, declared: instrument.respondent.personal, exempt: exempt)
        let anonymous = PersonalData.removing(personal, from: raw)
        screening = try Screening(data: anonymous, instrument: instrument, rules: rules)
        keptRaw = screening.keptData(anonymous)
        let kept = screening.keptData(PersonalData.removing(personal, from: scored))
        self.kept = kept
        let codes = instrument.items.map(\.code)
        let columns = codes.compactMap { code in kept.columns.first { $0.name == code }?.numbers }
        let complete = CompleteRows.indices(of: columns, among: Array(0..<kept.rowCount))
        var values: [Double] = []
        for row in complete { for column in columns { values.append(column[row]) } }
        mardia = MardiaNormality(rows: values, p: columns.count)
    }
}
