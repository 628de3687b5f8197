import CReadStat
import Foundation
import TrustPathSurvey

/// Writes ``SurveyData`` as an SPSS .sav file through ReadStat's writer: numeric columns as
/// numeric variables (missing as system-missing) with their value labels, coded columns as string
/// variables, variable labels kept. Reading the file back gives the same data.
public enum StatisticalFileWriter {
    public static func sav(_ data: SurveyData) throws(SurveyError) -> Data {
        guard let writer = readstat_writer_init() else { throw .unreadableFile(file: data.source, reason: "out of memory") }
        defer { readstat_writer_free(writer) }
        let sink = ByteSink()
        readstat_set_data_writer(writer) { bytes, length, context in
            guard let bytes, let context else { return -1 }
            Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue().data.append(bytes.assumingMemoryBound(to: UInt8.self), count: length)
            return length
        }
        var variables: [UnsafeMutablePointer<readstat_variable_t>?] = []
        for (k, column) in data.columns.enumerated() {
            switch column.values {
            case .numeric:
                let variable = readstat_add_variable(writer, column.name, READSTAT_TYPE_DOUBLE, 0)
                if !column.valueLabels.isEmpty, let set = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "labels\(k)") {
                    for (value, label) in column.valueLabels.sorted(by: { $0.key < $1.key }) { readstat_label_double_value(set, value, label) }
                    readstat_variable_set_label_set(variable, set)
                }
                if let label = column.label { readstat_variable_set_label(variable, label) }
                variables.append(variable)
            case .coded(_, let levels):
                let width = max(1, levels.map { $0.utf8.count }.max() ?? 1)
                let variable = readstat_add_variable(writer, column.name, READSTAT_TYPE_STRING, width)
                if let label = column.label { readstat_variable_set_label(variable, label) }
                variables.append(variable)
            }
        }
        let status: readstat_error_t = withExtendedLifetime(sink) {
            var status = readstat_begin_writing_sav(writer, Unmanaged.passUnretained(sink).toOpaque(), data.rowCount)
            for r in 0..<data.rowCount where status == READSTAT_OK {
                status = readstat_begin_row(writer)
                for (column, variable) in zip(data.columns, variables) where status == READSTAT_OK {
                    switch column.values {
                    case .numeric(let numbers):
                        status = numbers[r].isNaN ? readstat_insert_missing_value(writer, variable) : readstat_insert_double_value(writer, variable, numbers[r])
                    case .coded(let codes, let levels):
                        status = codes[r] < 0 ? readstat_insert_string_value(writer, variable, "") : readstat_insert_string_value(writer, variable, levels[Int(codes[r])])
                    }
                }
                if status == READSTAT_OK { status = readstat_end_row(writer) }
            }
            if status == READSTAT_OK { status = readstat_end_writing(writer) }
            return status
        }
        guard status == READSTAT_OK else {
            throw .unreadableFile(file: data.source, reason: "cannot be written as SPSS: \(String(cString: readstat_error_message(status)))")
        }
        return sink.data
    }
}

/// The bytes ReadStat's writer produces.
final class ByteSink {
    var data = Data()
}
