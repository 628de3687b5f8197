import CReadStat
import Foundation
import TrustPathSurvey

/// SPSS (.sav, .zsav) and Stata (.dta) files read through ReadStat (Evan Miller's C library, the
/// engine of R's haven and Python's pyreadstat) into ``SurveyData``:
/// - numeric variables become numeric columns, with their value labels kept beside the codes and
///   both system-missing and user-defined missing values read as missing;
/// - string variables become categorical columns (free text when they have more distinct values
///   than `options.maximumCategoricalLevels`), an empty string being missing;
/// - variable labels are kept as the columns' labels (the item wording).
public enum StatisticalFile {
    public enum Format: String, Sendable {
        case spss, stata
    }

    public static func read(_ path: String, format: Format, options: CSVReadOptions = CSVReadOptions()) throws(SurveyError) -> SurveyData {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(file: path) }
        let context = ReadStatContext()
        guard let parser = readstat_parser_init() else { throw .unreadableFile(file: path, reason: "out of memory") }
        defer { readstat_parser_free(parser) }
        readstat_set_metadata_handler(parser) { metadata, context in
            let c = Unmanaged<ReadStatContext>.fromOpaque(context!).takeUnretainedValue()
            c.rowCount = Int(readstat_get_row_count(metadata))
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_variable_handler(parser) { index, variable, labelSet, context in
            let c = Unmanaged<ReadStatContext>.fromOpaque(context!).takeUnretainedValue()
            c.names.append(readstat_variable_get_name(variable).map { String(cString: $0) } ?? "V\(index + 1)")
            let label = readstat_variable_get_label(variable).map { String(cString: $0) } ?? ""
            c.labels.append(label.isEmpty ? nil : label)
            c.labelSets.append(labelSet.map { String(cString: $0) })
            let isString = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
            c.isString.append(isString)
            c.numbers.append(isString ? [] : [Double](repeating: .nan, count: max(c.rowCount, 0)))
            c.strings.append(isString ? [String](repeating: "", count: max(c.rowCount, 0)) : [])
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_value_handler(parser) { row, variable, value, context in
            let c = Unmanaged<ReadStatContext>.fromOpaque(context!).takeUnretainedValue()
            let j = Int(readstat_variable_get_index(variable)), r = Int(row)
            c.grow(to: r + 1)
            if readstat_value_is_missing(value, variable) != 0 { return Int32(READSTAT_HANDLER_OK) }
            if readstat_value_type(value) == READSTAT_TYPE_STRING {
                c.strings[j][r] = readstat_string_value(value).map { String(cString: $0) } ?? ""
            } else {
                c.numbers[j][r] = readstat_double_value(value)
            }
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_value_label_handler(parser) { setName, value, label, context in
            let c = Unmanaged<ReadStatContext>.fromOpaque(context!).takeUnretainedValue()
            guard let setName, let label, readstat_value_type(value) != READSTAT_TYPE_STRING else { return Int32(READSTAT_HANDLER_OK) }
            c.valueLabels[String(cString: setName), default: [:]][readstat_double_value(value)] = String(cString: label)
            return Int32(READSTAT_HANDLER_OK)
        }
        readstat_set_error_handler(parser) { message, context in
            let c = Unmanaged<ReadStatContext>.fromOpaque(context!).takeUnretainedValue()
            if let message { c.messages.append(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let status = withExtendedLifetime(context) {
            let pointer = Unmanaged.passUnretained(context).toOpaque()
            switch format {
            case .spss: return readstat_parse_sav(parser, path, pointer)
            case .stata: return readstat_parse_dta(parser, path, pointer)
            }
        }
        guard status == READSTAT_OK else {
            let reason = String(cString: readstat_error_message(status))
            let detail = context.messages.last.map { " (\($0))" } ?? ""
            throw .unreadableFile(file: path, reason: "not a readable \(format == .spss ? "SPSS" : "Stata") file: \(reason)\(detail); "
                + "it may be truncated or written with features ReadStat does not support")
        }
        return try context.surveyData(file: path, options: options)
    }
}

/// What ReadStat's callbacks collect, row by row.
final class ReadStatContext {
    var rowCount = 0
    var names: [String] = []
    var labels: [String?] = []
    var labelSets: [String?] = []
    var isString: [Bool] = []
    var numbers: [[Double]] = []
    var strings: [[String]] = []
    var valueLabels: [String: [Double: String]] = [:]
    var messages: [String] = []
    private var rowsSeen = 0

    /// Makes room for `rows` rows when the file did not announce its row count.
    func grow(to rows: Int) {
        guard rows > rowsSeen else { return }
        rowsSeen = rows
        for j in names.indices {
            if isString[j] { while strings[j].count < rows { strings[j].append("") } } else { while numbers[j].count < rows { numbers[j].append(.nan) } }
        }
    }

    func surveyData(file: String, options: CSVReadOptions) throws(SurveyError) -> SurveyData {
        let rows = max(rowsSeen, rowCount < 0 ? 0 : rowCount)
        guard rows > 0 else { throw .noDataRows(file: file) }
        var columns: [SurveyColumn] = []
        var seen: [String: Int] = [:]
        for j in names.indices {
            if let first = seen[names[j]] { throw .duplicateHeaderName(file: file, name: names[j], firstColumn: first + 1, secondColumn: j + 1) }
            seen[names[j]] = j
            let labels = labelSets[j].flatMap { valueLabels[$0] } ?? [:]
            if !isString[j] {
                var values = numbers[j]
                while values.count < rows { values.append(.nan) }
                columns.append(SurveyColumn(name: names[j], level: .numeric, values: .numeric(values), label: self.labels[j], valueLabels: labels))
                continue
            }
            var levels: [String] = [], index: [String: Int32] = [:]
            var codes = [Int32](repeating: -1, count: rows)
            for (r, text) in strings[j].enumerated() where !text.isEmpty {
                if let k = index[text] { codes[r] = k } else {
                    index[text] = Int32(levels.count)
                    codes[r] = Int32(levels.count)
                    levels.append(text)
                }
            }
            let level: MeasurementLevel = options.declaredLevels[names[j]] ?? (levels.count <= options.maximumCategoricalLevels ? .categorical : .text)
            columns.append(SurveyColumn(name: names[j], level: level, values: .coded(codes: codes, levels: levels), label: self.labels[j]))
        }
        return SurveyData(source: file, columns: columns, rowLines: (0..<rows).map { $0 + 2 })
    }
}
