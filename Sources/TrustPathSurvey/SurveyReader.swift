import Foundation

/// Reads a survey CSV file into ``SurveyData``.
///
/// Reading streams: every cell goes straight into its column's storage (8 bytes a number,
/// 4 bytes a coded label), so a file needs far less memory than its text held as strings.
/// Measurement levels are declared or inferred: a column whose values are all numbers (or mapped
/// Likert labels) is numeric; a column that is mostly numbers with a stray word is an error that
/// names the cell, never silently turned into labels; other columns are categorical when they
/// have few distinct values, free text otherwise.
public enum SurveyReader {
    /// Reads a table already split into cells (a workbook's sheet, a tidied platform export): the
    /// first row is the header. The rows are staged as a CSV file and typed like any other, so the
    /// table and its CSV export read the same; `source` names the data in messages.
    public static func read(rows: [[String]], source: String, options: CSVReadOptions = CSVReadOptions()) throws(SurveyError) -> SurveyData {
        let width = rows.map(\.count).max() ?? 0
        let text = rows.map { row in (0..<width).map { k in k < row.count ? quoted(row[k]) : "" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("trustpath-table-\(UUID().uuidString).csv").path
        do { try text.write(toFile: temporary, atomically: true, encoding: .utf8) } catch {
            throw .unreadableFile(file: source, reason: "cannot stage it as text: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        var csvOptions = options
        csvOptions.delimiter = UInt8(ascii: ",")
        return try read(temporary, options: csvOptions, source: source)
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// Reads `path` with `options`; `source` names the data in messages and in ``SurveyData/source``
    /// when the CSV text was converted from another file (a workbook).
    public static func read(_ path: String, options: CSVReadOptions = CSVReadOptions(), source: String? = nil) throws(SurveyError) -> SurveyData {
        var builder = SurveyBuilder(file: source ?? path, options: options)
        try CSVFile.stream(at: path, delimiter: options.delimiter, name: source, into: &builder)
        return try builder.finish()
    }
}

/// The sink that fills the columns while the tokenizer streams.
struct SurveyBuilder: CSVRecordSink {
    let file: String
    let options: CSVReadOptions
    private let missingCodeBytes: Set<[UInt8]>
    private let missingCodeNumbers: Set<Double>
    private var decimalComma = false
    private var header: [String] = []
    private var headerFields: [[UInt8]] = []
    private var columns: [ColumnBuilder] = []
    private var rowLines: [Int] = []

    init(file: String, options: CSVReadOptions) {
        self.file = file
        self.options = options
        missingCodeBytes = Set((["NA"] + options.missingCodes).map { Array($0.utf8) })
        missingCodeNumbers = Set(options.missingCodes.compactMap { Double($0.trimmingSpaces) })
    }

    /// A `;`-delimited file is a European export, where `3,5` is three and a half.
    mutating func begin(delimiter: UInt8) { decimalComma = delimiter == UInt8(ascii: ";") }

    func columnName(at index: Int) -> String { index < header.count ? header[index] : "field \(index + 1)" }

    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, index: Int, quoted: Bool, line: Int) throws(SurveyError) {
        if columns.isEmpty {
            headerFields.append(Array(bytes))
            return
        }
        guard index < columns.count else { return }  // reported as a ragged row at the record's end
        let trimmed = bytes.trimmingSpaces
        // Numbers first: they are most cells, and need no allocation.
        if let number = NumberParser.parse(trimmed, decimalComma: decimalComma) {
            if !missingCodeNumbers.isEmpty && missingCodeNumbers.contains(number) {
                columns[index].appendMissing()
            } else {
                columns[index].append(number)
            }
        } else if trimmed.isEmpty || missingCodeBytes.contains(Array(trimmed)) {
            columns[index].appendMissing()
        } else {
            guard let text = String(validating: trimmed, as: UTF8.self) else {
                throw SurveyError.invalidUTF8(file: file, line: line, column: header[index])
            }
            if let mapped = options.likertMapping?.value(for: text) {
                columns[index].append(likert: mapped)
            } else {
                columns[index].append(text: text, line: line)
            }
        }
    }

    mutating func endRecord(fieldCount: Int, startLine: Int) throws(SurveyError) {
        if columns.isEmpty {
            try readHeader(line: startLine)
            return
        }
        guard fieldCount == columns.count else {
            throw SurveyError.raggedRow(file: file, line: startLine, expected: columns.count, found: fieldCount)
        }
        rowLines.append(startLine)
    }

    private mutating func readHeader(line: Int) throws(SurveyError) {
        var names: [String] = []
        var seen: [String: Int] = [:]
        for (index, bytes) in headerFields.enumerated() {
            guard let raw = String(validating: bytes, as: UTF8.self) else {
                throw SurveyError.invalidUTF8(file: file, line: line, column: "field \(index + 1)")
            }
            let name = raw.trimmingSpaces
            guard !name.isEmpty else { throw SurveyError.emptyHeaderName(file: file, column: index + 1) }
            if let first = seen[name] {
                throw SurveyError.duplicateHeaderName(file: file, name: name, firstColumn: first + 1, secondColumn: index + 1)
            }
            seen[name] = index
            names.append(name)
        }
        for declared in options.declaredLevels.keys.sorted() where seen[declared] == nil {
            throw SurveyError.unknownColumn(name: declared, file: file, suggestion: NameSuggestion.closest(to: declared, among: names))
        }
        header = names
        columns = names.map { _ in ColumnBuilder() }
        headerFields = []
    }

    func finish() throws(SurveyError) -> SurveyData {
        guard !columns.isEmpty else { throw SurveyError.emptyFile(file: file) }
        guard !rowLines.isEmpty else { throw SurveyError.noDataRows(file: file) }
        var finished: [SurveyColumn] = []
        for (index, column) in columns.enumerated() {
            finished.append(try column.finish(
                name: header[index], declared: options.declaredLevels[header[index]], file: file, options: options))
        }
        return SurveyData(source: file, columns: finished, rowLines: rowLines)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing spaces and tabs (a view, no copy).
    var trimmingSpaces: UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        while start < end && (self[start] == 32 || self[start] == 9) { start += 1 }
        while end > start && (self[end - 1] == 32 || self[end - 1] == 9) { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmingSpaces: String {
        String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
