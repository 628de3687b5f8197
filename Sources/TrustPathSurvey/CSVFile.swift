import Foundation

/// Streams a delimited text file through ``CSVTokenizer`` in fixed-size chunks: the file is never
/// held in memory whole. Strips a UTF-8 byte-order mark and detects the delimiter.
enum CSVFile {
    static let chunkSize = 1 << 20

    /// Streams the records of `path` into `sink`. With `delimiter` nil, the delimiter is detected
    /// from the first line. Messages name the file `name` (default: `path`), as when the text was
    /// converted from a workbook.
    static func stream(at path: String, delimiter: UInt8?, name: String? = nil, into sink: inout some CSVRecordSink) throws(SurveyError) {
        let handle = try open(path)
        defer { try? handle.close() }
        var chunk = try read(handle, path)
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
        guard !chunk.isEmpty else { throw SurveyError.emptyFile(file: name ?? path) }
        let chosen = delimiter ?? detectDelimiter(in: chunk)
        sink.begin(delimiter: chosen)
        var tokenizer = CSVTokenizer(delimiter: chosen, file: name ?? path)
        while !chunk.isEmpty {
            let outcome: Result<Void, SurveyError> = chunk.withUnsafeBytes { raw in
                do throws(SurveyError) {
                    return .success(try tokenizer.consume(raw.bindMemory(to: UInt8.self), into: &sink))
                } catch { return .failure(error) }
            }
            try outcome.get()
            chunk = try read(handle, path)
        }
        try tokenizer.finish(into: &sink)
    }

    /// The records of a small file as strings, each with the line it starts on.
    static func records(at path: String, delimiter: UInt8?) throws(SurveyError) -> [(line: Int, fields: [String])] {
        var collector = RecordCollector(file: path)
        try stream(at: path, delimiter: delimiter, into: &collector)
        return collector.records
    }

    /// The most frequent of `,`, `;` and tab outside quotes on the first line; `,` on a tie or none.
    static func detectDelimiter(in chunk: Data) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts = [0, 0, 0]
        var inQuotes = false
        for byte in chunk {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if !inQuotes && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) { break }
            if !inQuotes, let i = candidates.firstIndex(of: byte) { counts[i] += 1 }
        }
        var best = 0
        for i in 1..<candidates.count where counts[i] > counts[best] { best = i }
        return candidates[best]
    }

    private static func open(_ path: String) throws(SurveyError) -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SurveyError.fileNotFound(file: path)
        }
        guard !isDirectory.boolValue else { throw SurveyError.unreadableFile(file: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SurveyError.unreadableFile(file: path, reason: "permission denied")
        }
        return handle
    }

    private static func read(_ handle: FileHandle, _ path: String) throws(SurveyError) -> Data {
        do {
            return try handle.read(upToCount: chunkSize) ?? Data()
        } catch {
            throw SurveyError.unreadableFile(file: path, reason: error.localizedDescription)
        }
    }
}

/// Collects every record as strings; for small files such as a Likert mapping.
private struct RecordCollector: CSVRecordSink {
    let file: String
    var records: [(line: Int, fields: [String])] = []
    private var current: [[UInt8]] = []

    init(file: String) { self.file = file }

    mutating func begin(delimiter: UInt8) {}

    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, index: Int, quoted: Bool, line: Int) throws(SurveyError) {
        current.append(Array(bytes))
    }

    mutating func endRecord(fieldCount: Int, startLine: Int) throws(SurveyError) {
        var fields: [String] = []
        for (index, bytes) in current.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw SurveyError.invalidUTF8(file: file, line: startLine, column: columnName(at: index))
            }
            fields.append(text)
        }
        records.append((startLine, fields))
        current = []
    }

    func columnName(at index: Int) -> String { "field \(index + 1)" }
}
