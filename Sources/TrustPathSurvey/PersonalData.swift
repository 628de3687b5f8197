import Foundation

/// Columns that hold personal data (GDPR Art. 4(1): anything identifying a person), which must never
/// reach a report, a CSV or a log: the columns an instrument declares `personal`, plus any column whose
/// name says it holds names, contact details or network addresses, or whose text looks like e-mail
/// addresses or phone numbers, declared or not.
public enum PersonalData {
    /// A personal column and why it counts as one.
    public struct Finding: Sendable, Equatable {
        public let column: String
        public let reason: String
    }

    static let namePatterns = ["email", "e-mail", "mail", "phone", "telephone", "tel", "mobile", "cell", "ip", "ipaddress",
                               "name", "firstname", "lastname", "surname", "fullname", "address", "street", "wechat", "weixin", "qq",
                               "姓名", "名字", "电话", "手机", "邮箱", "地址", "微信"]

    /// The personal columns of `data`; `exempt` columns (the items, a declared respondent id) are only
    /// checked against the declaration.
    public static func findings(in data: SurveyData, declared: [String], exempt: Set<String> = []) -> [Finding] {
        var found: [Finding] = []
        for column in data.columns {
            if declared.contains(column.name) { found.append(Finding(column: column.name, reason: "declared personal")); continue }
            if exempt.contains(column.name) { continue }
            if let word = nameWord(column.name) { found.append(Finding(column: column.name, reason: "its name contains '\(word)'")); continue }
            if let kind = contentKind(column) { found.append(Finding(column: column.name, reason: "its values look like \(kind)")) }
        }
        return found
    }

    /// The data without the columns named.
    public static func removing(_ findings: [Finding], from data: SurveyData) -> SurveyData {
        let names = Set(findings.map(\.column))
        return SurveyData(source: data.source, columns: data.columns.filter { !names.contains($0.name) }, rowLines: data.rowLines)
    }

    /// The pattern a column name contains as a word (split at non-letters and case changes).
    static func nameWord(_ name: String) -> String? {
        let lowered = name.lowercased()
        let words = Set(name.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1 $2", options: .regularExpression)
            .lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init))
        let joined = lowered.filter(\.isLetter)
        return namePatterns.first { pattern in
            pattern.unicodeScalars.contains { $0.value > 0x2E7F } ? lowered.contains(pattern) : (words.contains(pattern) || joined == pattern)
        }
    }

    static let emailPattern = try? NSRegularExpression(pattern: "^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$")
    static let phonePattern = try? NSRegularExpression(pattern: "^\\+?[0-9][0-9 ()./-]{6,}[0-9]$")
    static let ipPattern = try? NSRegularExpression(pattern: "^([0-9]{1,3}\\.){3}[0-9]{1,3}$")

    /// "e-mail addresses", "phone numbers" or "IP addresses" when most non-missing values look so.
    static func contentKind(_ column: SurveyColumn) -> String? {
        switch column.values {
        case .coded(_, let levels):
            let values = levels.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { return nil }
            func share(_ regex: NSRegularExpression?) -> Double {
                guard let regex else { return 0 }
                let hits = values.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }.count
                return Double(hits) / Double(values.count)
            }
            if share(emailPattern) >= 0.5 { return "e-mail addresses" }
            if share(ipPattern) >= 0.5 { return "IP addresses" }
            if share(phonePattern) >= 0.5 && values.allSatisfy({ $0.filter(\.isNumber).count >= 7 }) { return "phone numbers" }
            return nil
        case .numeric(let numbers):
            let present = numbers.filter { !$0.isNaN }
            guard !present.isEmpty else { return nil }
            let phoneLike = present.allSatisfy { $0 == $0.rounded() && $0 >= 1e9 && $0 < 1e15 }
            return phoneLike && Set(present).count == present.count ? "phone numbers" : nil
        }
    }
}
