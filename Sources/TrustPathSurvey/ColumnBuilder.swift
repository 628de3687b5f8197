/// Collects one column's cells while a file streams, then decides its measurement level.
struct ColumnBuilder {
    /// One number per row; NaN for a missing cell or one holding text.
    private var numbers: [Double] = []
    /// One code per row into `labels` once the column has held text (-1: not text); empty before.
    private var textCodes: [Int32] = []
    private var labels: [String] = []
    private var labelIndex: [String: Int32] = [:]
    private var numberCount = 0
    private var likertCount = 0
    private var textCount = 0
    private var firstText: (line: Int, value: String)?

    mutating func appendMissing() {
        numbers.append(.nan)
        if !textCodes.isEmpty { textCodes.append(-1) }
    }

    mutating func append(_ number: Double) {
        numbers.append(number)
        numberCount += 1
        if !textCodes.isEmpty { textCodes.append(-1) }
    }

    mutating func append(likert value: Double) {
        append(value)
        likertCount += 1
    }

    mutating func append(text: String, line: Int) {
        if textCodes.isEmpty { textCodes = Array(repeating: -1, count: numbers.count) }
        let code: Int32
        if let existing = labelIndex[text] {
            code = existing
        } else {
            code = Int32(labels.count)
            labels.append(text)
            labelIndex[text] = code
        }
        numbers.append(.nan)
        textCodes.append(code)
        textCount += 1
        if firstText == nil { firstText = (line, text) }
    }

    /// The finished column, its level declared or inferred (see ``SurveyReader``).
    func finish(name: String, declared: MeasurementLevel?, file: String, options: CSVReadOptions) throws(SurveyError) -> SurveyColumn {
        switch declared ?? inferredLevel(maximumLevels: options.maximumCategoricalLevels) {
        case .numeric:
            if let firstText {
                if likertCount > 0, let mapping = options.likertMapping {
                    throw SurveyError.unknownLikertLabel(
                        file: file, line: firstText.line, column: name, value: firstText.value, knownLabels: mapping.labels)
                }
                throw SurveyError.unparsableNumber(
                    file: file, line: firstText.line, column: name, value: firstText.value, missingCodes: options.missingCodes)
            }
            return SurveyColumn(name: name, level: .numeric, values: .numeric(numbers))
        case let level:
            let (codes, levels) = coded()
            return SurveyColumn(name: name, level: level, values: .coded(codes: codes, levels: levels))
        }
    }

    /// Numeric when the column holds numbers (or mapped labels) and at most a minority of text,
    /// which `finish` then reports; otherwise categorical or text by the number of distinct values.
    private func inferredLevel(maximumLevels: Int) -> MeasurementLevel {
        if textCount == 0 || likertCount > 0 || numberCount > textCount { return .numeric }
        return distinctValueCount <= maximumLevels ? .categorical : .text
    }

    private var distinctValueCount: Int {
        labels.count + Set(numbers.lazy.filter { !$0.isNaN }).count
    }

    /// Codes per row over the labels in order of first appearance; a number becomes its shortest
    /// decimal spelling ("7", "2.5").
    private func coded() -> (codes: [Int32], levels: [String]) {
        var levels: [String] = []
        var index: [String: Int32] = [:]
        var codes: [Int32] = []
        codes.reserveCapacity(numbers.count)
        for row in numbers.indices {
            let label: String
            if !textCodes.isEmpty, textCodes[row] >= 0 {
                label = labels[Int(textCodes[row])]
            } else if !numbers[row].isNaN {
                label = ColumnBuilder.spelling(of: numbers[row])
            } else {
                codes.append(-1)
                continue
            }
            if let code = index[label] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                levels.append(label)
                index[label] = code
                codes.append(code)
            }
        }
        return (codes, levels)
    }

    static func spelling(of number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
