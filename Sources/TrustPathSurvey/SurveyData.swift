/// A survey as read from a file: named columns of equal length, one row per respondent.
public struct SurveyData: Sendable, Equatable {
    /// Where the data came from, as the user named it (used in messages).
    public let source: String
    public let columns: [SurveyColumn]
    /// The physical line in `source` where each row starts (rows may span lines inside quotes).
    public let rowLines: [Int]

    public init(source: String, columns: [SurveyColumn], rowLines: [Int]) {
        self.source = source
        self.columns = columns
        self.rowLines = rowLines
    }

    public var rowCount: Int { rowLines.count }
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`; throws with the closest existing name as a suggestion.
    public func column(named name: String) throws(SurveyError) -> SurveyColumn {
        if let column = columns.first(where: { $0.name == name }) { return column }
        throw SurveyError.unknownColumn(name: name, file: source, suggestion: closestName(to: name, among: columnNames))
    }

    /// The data restricted to `names`, in that order.
    public func selecting(_ names: [String]) throws(SurveyError) -> SurveyData {
        var selected: [SurveyColumn] = []
        for name in names { selected.append(try column(named: name)) }
        return SurveyData(source: source, columns: selected, rowLines: rowLines)
    }
}

/// The candidate nearest to `name` by case-insensitive Levenshtein distance, if it is close
/// enough to be a plausible typo (distance at most a third of the name's length, and at least 1 allowed).
func closestName(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(candidate.lowercased()))
        if d < (best?.distance ?? .max) { best = (candidate, d) }
    }
    guard let best, best.distance <= max(1, target.count / 3) else { return nil }
    return best.name
}

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
