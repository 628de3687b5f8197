import Foundation

/// CSV exports of survey platforms, recognised from their header and tidied before reading:
/// - Qualtrics: three header rows (names, question text, `{"ImportId":...}`): the second and third
///   are removed and the question text becomes each column's label;
/// - Wenjuanxing (问卷星): `序号`, `提交答卷时间`, `所用时间` and questions headed `1、您的性别` or
///   `3(子问题)`: questions become Q1, Q3_1, Q3_2, ... labelled with their text, and the time used
///   (`125秒`) becomes seconds, so that it feeds the speeder check; `(空)` (a skipped question) is missing;
///   a download by option text ("按选项文本") has its Chinese agreement answers coded, on the
///   7-point scale when any answer is a 7-point label (比较同意, 有点不同意, ...), else on the 5-point
///   one (``chineseAgreement(for:)``), unless `--likert-map` gives a mapping;
/// - Google Forms: a first column `Timestamp` (or its translations) and one column per question
///   text: questions become Q1, Q2, ... labelled with their text.
/// Anything else is an ordinary CSV file. Line numbers in messages count the tidied file's lines.
public enum PlatformExport {
    public enum Platform: String, Sendable, CaseIterable {
        case csv, qualtrics, wenjuanxing, googleForms = "google-forms"
    }

    static let googleTimestamps: Set<String> = ["Timestamp", "时间戳记", "時間戳記", "Marca temporal", "Horodateur", "Zeitstempel", "Carimbo de data/hora"]

    /// The platform whose export `path` looks like, from its first 64 KiB.
    public static func detect(_ path: String) -> Platform {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .csv }
        defer { try? handle.close() }
        let prefix = String(decoding: (try? handle.read(upToCount: 1 << 16)) ?? Data(), as: UTF8.self)
        if prefix.contains("{\"ImportId\":") || prefix.contains("{\"\"ImportId\"\":") { return .qualtrics }
        let firstLine = prefix.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if firstLine.contains("序号") && (firstLine.contains("提交答卷时间") || firstLine.contains("所用时间")) { return .wenjuanxing }
        let firstField = firstLine.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} ")) } ?? ""
        if googleTimestamps.contains(firstField) { return .googleForms }
        return .csv
    }

    /// Reads `path` as an export of `platform` (detected when nil).
    public static func read(_ path: String, options: CSVReadOptions = CSVReadOptions(), platform: Platform? = nil) throws(SurveyError) -> SurveyData {
        let chosen = platform ?? detect(path)
        guard chosen != .csv else { return try SurveyReader.read(path, options: options) }
        let records = try CSVFile.records(at: path, delimiter: options.delimiter).map(\.fields)
        guard let header = records.first else { throw .emptyFile(file: path) }
        var names = header, labels = [String?](repeating: nil, count: header.count)
        var rows = Array(records.dropFirst())
        switch chosen {
        case .qualtrics:
            guard rows.count >= 2 else { throw .noDataRows(file: path) }
            labels = rows[0].map { $0.isEmpty ? nil : $0 } + [String?](repeating: nil, count: max(0, header.count - rows[0].count))
            rows.removeFirst(2)
        case .wenjuanxing:
            (names, labels) = wenjuanxingNames(header)
            if let k = header.firstIndex(of: "所用时间") {
                for r in rows.indices where k < rows[r].count {
                    let value = rows[r][k].trimmingCharacters(in: .whitespaces)
                    rows[r][k] = value.hasSuffix("秒") ? String(value.dropLast()) : value
                }
            }
        case .googleForms:
            for k in header.indices.dropFirst() {
                names[k] = "Q\(k)"
                labels[k] = header[k]
            }
        case .csv:
            break
        }
        var csvOptions = options
        if chosen == .wenjuanxing {
            csvOptions.missingCodes.append("(空)")  // Wenjuanxing's mark for a skipped question
            if csvOptions.likertMapping == nil { csvOptions.likertMapping = Self.chineseAgreement(for: rows) }
        }
        let data = try SurveyReader.read(rows: [names] + rows, source: path, options: csvOptions)
        let labelled = data.columns.enumerated().map { k, column in
            SurveyColumn(name: column.name, level: column.level, values: column.values, label: k < labels.count ? labels[k] : nil, valueLabels: column.valueLabels)
        }
        return SurveyData(source: path, columns: labelled, rowLines: data.rowLines)
    }

    /// Wenjuanxing's headers as names and labels: `1、您的性别` → Q1 (您的性别); the sub-items of a
    /// matrix question, `3(子问题)`, → Q3_1, Q3_2, ...; other columns keep their names.
    static func wenjuanxingNames(_ header: [String]) -> ([String], [String?]) {
        var names: [String] = [], labels: [String?] = [], subItems: [Int: Int] = [:]
        for field in header {
            let digits = field.prefix { $0.isASCII && $0.isNumber }
            let rest = field.dropFirst(digits.count)
            if let number = Int(digits), let marker = rest.first, ["、", ".", "．"].contains(marker) {
                names.append("Q\(number)")
                labels.append(String(rest.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if let number = Int(digits), let marker = rest.first, marker == "(" || marker == "（" {
                subItems[number, default: 0] += 1
                names.append("Q\(number)_\(subItems[number] ?? 1)")
                labels.append(String(rest.dropFirst().dropLast(rest.hasSuffix(")") || rest.hasSuffix("）") ? 1 : 0)))
            } else {
                names.append(field)
                labels.append(nil)
            }
        }
        return (names, labels)
    }

    /// The 7-point agreement labels that the 5-point scale lacks.
    static let sevenPointOnly: Set<String> = ["比较同意", "比较不同意", "有点同意", "有点不同意", "稍微同意", "稍微不同意"]

    /// Codes for Chinese agreement (and five-point satisfaction) answers, when `rows` hold any:
    /// 非常不同意 1 … 非常同意 7 on the 7-point scale (比较/有点/稍微 marking 3 and 5, 一般/中立/不确定
    /// the midpoint 4), or 非常不同意 1 … 非常同意 5; 非常不满意 1 … 非常满意 5.
    public static func chineseAgreement(for rows: [[String]]) -> LikertMapping? {
        let answers = Set(rows.joined().map { $0.trimmingCharacters(in: .whitespaces) })
        let agreement: Set<String> = ["非常不同意", "不同意", "同意", "非常同意"]
        let satisfaction: Set<String> = ["非常不满意", "不满意", "满意", "非常满意"]
        guard !answers.isDisjoint(with: agreement.union(sevenPointOnly)) || !answers.isDisjoint(with: satisfaction) else { return nil }
        var pairs: [(label: String, value: Double)] = [("非常不满意", 1), ("不满意", 2), ("满意", 4), ("非常满意", 5)]
        if !answers.isDisjoint(with: sevenPointOnly) {
            pairs += [("非常不同意", 1), ("不同意", 2), ("比较不同意", 3), ("有点不同意", 3), ("稍微不同意", 3), ("一般", 4), ("中立", 4), ("不确定", 4),
                      ("比较同意", 5), ("有点同意", 5), ("稍微同意", 5), ("同意", 6), ("非常同意", 7)]
        } else {
            pairs += [("非常不同意", 1), ("不同意", 2), ("一般", 3), ("中立", 3), ("不确定", 3), ("同意", 4), ("非常同意", 5)]
        }
        return LikertMapping(pairs)
    }
}
