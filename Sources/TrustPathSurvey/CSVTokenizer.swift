/// A byte-level RFC 4180 tokenizer fed in chunks, so files of any size stream through a fixed
/// buffer. Handles quoted fields with embedded delimiters, doubled quotes and line breaks; CRLF,
/// LF and lone CR line ends. A quote inside an unquoted field is kept literally (as Python's csv
/// module does); any character but a delimiter or line end after a closing quote is an error.
struct CSVTokenizer {

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let delimiter: UInt8
    let file: String
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fieldQuoted = false
    private var fieldIndex = 0
    private var line = 1
    private var recordStartLine = 1
    private var quoteOpenedLine = 1
    private var previousWasCR = false
    private var recordHasContent = false

    init(delimiter: UInt8, file: String) {
        self.delimiter = delimiter
        self.file = file
        field.reserveCapacity(256)
    }

    /// Feeds the next chunk of the file.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into sink: inout some CSVRecordSink) throws(SurveyError) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var index = 0
        let count = chunk.count
        while index < count {
            let byte = chunk[index]
            index += 1
            if previousWasCR {
                previousWasCR = false
                if byte == lf { continue }  // the LF of a CRLF pair already ended the line
            }
            switch state {
            case .fieldStart:
                if byte == quote {
                    state = .quoted; fieldQuoted = true; quoteOpenedLine = line; recordHasContent = true
                } else if byte == delimiter {
                    recordHasContent = true
                    try endField(&sink)
                } else if byte == cr || byte == lf {
                    try endRecord(isCR: byte == cr, &sink)
                } else {
                    field.append(byte); state = .unquoted; recordHasContent = true
                    index = appendUnquotedRun(chunk, from: index)
                }
            case .unquoted:
                if byte == delimiter {
                    try endField(&sink)
                } else if byte == cr || byte == lf {
                    try endRecord(isCR: byte == cr, &sink)
                } else {
                    field.append(byte)
                    index = appendUnquotedRun(chunk, from: index)
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    if byte == lf || byte == cr {
                        if byte == lf && field.last == cr { } else { line += 1 }
                    }
                    field.append(byte)
                }
            case .quoteInQuoted:
                if byte == quote {
                    field.append(quote); state = .quoted
                } else if byte == delimiter {
                    try endField(&sink)
                } else if byte == cr || byte == lf {
                    try endRecord(isCR: byte == cr, &sink)
                } else {
                    throw SurveyError.characterAfterClosingQuote(
                        file: file, line: line,
                        column: sink.columnName(at: fieldIndex),
                        character: String(decoding: [byte], as: UTF8.self))
                }
            }
        }
    }

    /// Appends the rest of an unquoted field up to (not including) the next delimiter or line end,
    /// in one copy; returns the index of that terminator (or the chunk's end).
    @inline(__always)
    private mutating func appendUnquotedRun(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var end = start
        while end < chunk.count {
            let b = chunk[end]
            if b == delimiter || b == cr || b == lf { break }
            end += 1
        }
        if end > start { field.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[start..<end])) }
        return end
    }

    /// Ends the input: a last record without a line end is still a record.
    mutating func finish(into sink: inout some CSVRecordSink) throws(SurveyError) {
        if state == .quoted { throw SurveyError.unterminatedQuote(file: file, line: quoteOpenedLine) }
        if recordHasContent || !field.isEmpty {
            try endField(&sink)
            try sink.endRecord(fieldCount: fieldIndex, startLine: recordStartLine)
        }
    }

    private mutating func endField(_ sink: inout some CSVRecordSink) throws(SurveyError) {
        let index = fieldIndex, quoted = fieldQuoted, line = recordStartLine
        try field.withUnsafeBufferPointer { bytes throws(SurveyError) in try sink.field(bytes, index: index, quoted: quoted, line: line) }
        field.removeAll(keepingCapacity: true)
        fieldQuoted = false
        fieldIndex += 1
        state = .fieldStart
    }

    private mutating func endRecord(isCR: Bool, _ sink: inout some CSVRecordSink) throws(SurveyError) {
        // A line with nothing on it is skipped, as R's read.csv does (blank.lines.skip).
        if recordHasContent {
            try endField(&sink)
            try sink.endRecord(fieldCount: fieldIndex, startLine: recordStartLine)
        }
        fieldIndex = 0
        recordHasContent = false
        state = .fieldStart
        previousWasCR = isCR
        line += 1
        recordStartLine = line
    }
}

/// Receives what ``CSVTokenizer`` finds.
protocol CSVRecordSink {
    /// Called once, before the first field, with the delimiter in use.
    mutating func begin(delimiter: UInt8)
    /// One field's bytes (valid only during the call), its index in the record, whether it was
    /// quoted, and the line its record starts on.
    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, index: Int, quoted: Bool, line: Int) throws(SurveyError)
    /// The end of a record: its field count and the physical line where it started.
    mutating func endRecord(fieldCount: Int, startLine: Int) throws(SurveyError)
    /// The name of the column at `index`, for messages.
    func columnName(at index: Int) -> String
}
