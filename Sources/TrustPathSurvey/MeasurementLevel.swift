/// How a survey column is measured, which decides what may be computed from it.
public enum MeasurementLevel: String, Sendable, Equatable, CaseIterable {
    /// Numbers (Likert items coded or mapped to numbers, ages, scores): moments and correlations.
    case numeric
    /// A small set of labels (country, variant, gender): frequency tables and groups.
    case categorical
    /// Free text (open answers, e-mail, names): counted, never printed, since it may be personal data.
    case text
}
