import Foundation
import TrustPathLinalg

/// Which respondents to keep, rule by rule, in the order a CONSORT-style flow reports them
/// (Moher et al. 2001; for careless responding, Meade & Craig 2012):
/// 1. no consent: the consent column does not hold the accepting value (missing counts as no);
/// 2. a failed attention check: any check column not holding its expected answer;
/// 3. straight-lining: the longest run of identical answers over the items in questionnaire order
///    (longstring, Johnson 2005) reaches `longstring`, or every multi-item construct is answered
///    without variance;
/// 4. speeding: a duration under `minimumDuration` seconds or under `speederFraction` of the median
///    duration of the respondents still in;
/// 5. multivariate outliers: Mahalanobis D² of the items with p < `mahalanobisP` on χ²(number of
///    items) (Tabachnick & Fidell 2013), among the respondents still in with every item answered.
/// Each rule sees only the rows the earlier rules kept; every rule a row breaks is still listed.
public struct Screening: Sendable {
    public struct Rules: Sendable, Equatable {
        /// 0 switches the longstring rule off.
        public var longstring: Int = 10
        public var flatConstructs = true
        public var minimumDuration: Double?
        /// 0 switches the relative speeder rule off.
        public var speederFraction: Double = 0.4
        /// 0 switches the outlier rule off.
        public var mahalanobisP: Double = 0.001
        public init() {}
    }

    public enum Reason: String, Sendable, CaseIterable {
        case noConsent = "no consent"
        case attentionCheck = "failed attention check"
        case straightLining = "straight-lining"
        case speeding = "speeding"
        case outlier = "multivariate outlier"
    }

    /// One line of the flow: the rule, how many rows it removed, how many remain.
    public struct Step: Sendable, Equatable {
        public let reason: Reason
        public let rule: String
        public let removed: Int
        public let remaining: Int
    }

    /// A row that breaks at least one rule.
    public struct Flag: Sendable, Equatable {
        public let row: Int
        public let line: Int
        public let id: String?
        /// The rule that removed it.
        public let removedBy: Reason
        /// Every rule it breaks (of those evaluated on it), with details.
        public let reasons: [(Reason, String)]
        public static func == (a: Flag, b: Flag) -> Bool { a.row == b.row && a.removedBy == b.removedBy }
    }

    public let received: Int
    public let steps: [Step]
    public let flags: [Flag]
    /// Row indices kept, in file order.
    public let kept: [Int]
    public let rules: Rules

    public init(data: SurveyData, instrument: Instrument, rules: Rules = Rules()) throws(InstrumentError) {
        self.rules = rules
        received = data.rowCount
        let respondent = instrument.respondent
        func column(_ name: String) throws(InstrumentError) -> SurveyColumn {
            guard let column = data.columns.first(where: { $0.name == name }) else {
                throw .itemsNotInData(file: data.source, items: [Instrument.MissingItem((name, NameSuggestion.closest(to: name, among: data.columnNames)))])
            }
            return column
        }
        var details = [[(Reason, String)]](repeating: [], count: data.rowCount)
        var removedBy = [Reason?](repeating: nil, count: data.rowCount)
        var remaining = Array(0..<data.rowCount)
        var steps: [Step] = []
        func apply(_ reason: Reason, rule: String, _ broken: [Int: String]) {
            for (row, detail) in broken { details[row].append((reason, detail)) }
            let before = remaining.count
            remaining = remaining.filter { broken[$0] == nil }
            for (row, _) in broken where removedBy[row] == nil { removedBy[row] = reason }
            steps.append(Step(reason: reason, rule: rule, removed: before - remaining.count, remaining: remaining.count))
        }

        if let name = respondent.consentColumn, let accept = respondent.consentAccepts {
            let consent = try column(name)
            var broken: [Int: String] = [:]
            for row in remaining where !consent.holds(accept, row: row) {
                broken[row] = "\(name) = '\(consent.text(row: row))'"
            }
            apply(.noConsent, rule: "\(name) is not '\(accept)'", broken)
        }
        if !respondent.attentionChecks.isEmpty {
            var broken: [Int: String] = [:]
            for check in respondent.attentionChecks {
                let answers = try column(check.column)
                for row in remaining where !answers.holds(check.expected, row: row) {
                    broken[row, default: ""] += (broken[row] == nil ? "" : "; ") + "\(check.column) = '\(answers.text(row: row))' (expected \(check.expected))"
                }
            }
            apply(.attentionCheck, rule: respondent.attentionChecks.map { "\($0.column) is not \($0.expected)" }.joined(separator: ", "), broken)
        }
        let itemColumns = try instrument.items.map { (item: Instrument.Item) throws(InstrumentError) -> [Double] in
            guard let numbers = try column(item.code).numbers else { throw .itemNotNumeric(file: data.source, item: item.code) }
            return numbers
        }
        let blocks = instrument.constructs.filter { $0.items.count > 1 }.map { construct in
            construct.itemCodes.compactMap { code in instrument.items.firstIndex { $0.code == code } }
        }
        if rules.longstring > 0 || (rules.flatConstructs && !blocks.isEmpty) {
            var broken: [Int: String] = [:]
            for row in remaining {
                let answers = itemColumns.map { $0[row] }
                let run = Self.longestRun(answers)
                let flat = rules.flatConstructs && !blocks.isEmpty && blocks.allSatisfy { block in
                    let values = block.map { answers[$0] }
                    return !values.contains { $0.isNaN } && Set(values).count == 1
                }
                if rules.longstring > 0 && run >= rules.longstring { broken[row] = "longstring \(run)" }
                else if flat { broken[row] = "every construct answered without variance" }
            }
            var rule: [String] = []
            if rules.longstring > 0 { rule.append("longstring >= \(rules.longstring)") }
            if rules.flatConstructs { rule.append("no variance within every construct") }
            apply(.straightLining, rule: rule.joined(separator: " or "), broken)
        }
        if let name = respondent.duration, let durations = try column(name).numbers {
            let present = remaining.map { durations[$0] }.filter { !$0.isNaN }.sorted()
            let median = present.isEmpty ? .nan : (present.count % 2 == 1 ? present[present.count / 2]
                                                   : (present[present.count / 2 - 1] + present[present.count / 2]) / 2)
            let relative = rules.speederFraction > 0 ? rules.speederFraction * median : -Double.infinity
            let limit = max(rules.minimumDuration ?? -Double.infinity, relative)
            var broken: [Int: String] = [:]
            for row in remaining where durations[row] < limit { broken[row] = "\(name) = \(Self.number(durations[row])) s (limit \(Self.number(limit)) s)" }
            var rule: [String] = []
            if let minimum = rules.minimumDuration { rule.append("\(name) < \(Self.number(minimum)) s") }
            if rules.speederFraction > 0 { rule.append("\(name) < \(Self.number(rules.speederFraction)) x median (\(Self.number(median)) s)") }
            if !rule.isEmpty { apply(.speeding, rule: rule.joined(separator: " or "), broken) }
        }
        if rules.mahalanobisP > 0 {
            let complete = CompleteRows.indices(of: itemColumns, among: remaining)
            var broken: [Int: String] = [:]
            if let distances = Self.mahalanobis(itemColumns, rows: complete) {
                let p = Double(itemColumns.count)
                for (row, d2) in zip(complete, distances) {
                    let pValue = ChiSquared.survival(d2, degreesOfFreedom: p)
                    if pValue < rules.mahalanobisP { broken[row] = "D² = \(String(format: "%.2f", d2)), p = \(String(format: "%.2g", pValue))" }
                }
            }
            apply(.outlier, rule: "Mahalanobis D² with p < \(Self.number(rules.mahalanobisP))", broken)
        }
        self.steps = steps
        kept = remaining
        let idColumn = respondent.id.flatMap { name in data.columns.first { $0.name == name } }
        flags = (0..<data.rowCount).compactMap { row in
            guard let reason = removedBy[row] else { return nil }
            return Flag(row: row, line: data.rowLines[row], id: idColumn?.text(row: row), removedBy: reason, reasons: details[row])
        }
    }

    /// The survey restricted to the kept rows.
    public func keptData(_ data: SurveyData) -> SurveyData { data.selectingRows(kept) }

    /// The longest run of equal consecutive answers (missing answers break a run).
    static func longestRun(_ answers: [Double]) -> Int {
        var best = 0, current = 0
        var previous = Double.nan
        for answer in answers {
            if !answer.isNaN && answer == previous { current += 1 } else { current = answer.isNaN ? 0 : 1 }
            previous = answer
            best = max(best, current)
        }
        return best
    }

    /// D² of each row from the centroid of `rows`, covariance with divisor n - 1.
    static func mahalanobis(_ columns: [[Double]], rows: [Int]) -> [Double]? {
        let p = columns.count, n = rows.count
        guard n > p else { return nil }
        let means = columns.map { column in rows.reduce(0.0) { $0 + column[$1] } / Double(n) }
        var centred = Matrix(rows: n, columns: p)
        for (i, row) in rows.enumerated() { for j in 0..<p { centred[i, j] = columns[j][row] - means[j] } }
        let covariance = (1 / Double(n - 1)) * (centred.transposed * centred)
        guard let inverse = try? covariance.inverseSPD() else { return nil }
        return (0..<n).map { i in
            let x = centred.row(i)
            let y = inverse * x
            return zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.3g", value)
    }
}

extension SurveyData {
    /// The survey restricted to `rows` (indices, in the given order).
    public func selectingRows(_ rows: [Int]) -> SurveyData {
        let columns = self.columns.map { column -> SurveyColumn in
            switch column.values {
            case .numeric(let numbers): return SurveyColumn(name: column.name, level: column.level, values: .numeric(rows.map { numbers[$0] }))
            case .coded(let codes, let levels): return SurveyColumn(name: column.name, level: column.level, values: .coded(codes: rows.map { codes[$0] }, levels: levels))
            }
        }
        return SurveyData(source: source, columns: columns, rowLines: rows.map { rowLines[$0] })
    }
}
