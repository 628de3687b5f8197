import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TrustPathSurvey
import ZIPFoundation

/// Excel .xlsx workbooks (Office Open XML, ECMA-376), the default download of Wenjuanxing and many
/// panels: the archive is opened with ZIPFoundation and its XML parts read with Foundation's
/// streaming XMLParser (no external tool). The first sheet, or the one named, becomes a table
/// whose first row is the header: shared and inline strings, numbers as written (shortest
/// round-trip form), booleans as 0/1, dates (a number in a date format) as ISO 8601 text, empty
/// cells as missing. The table then goes through the CSV reader's typing, so a workbook and its
/// CSV export read the same.
public enum Workbook {
    public static func read(_ path: String, sheet: String? = nil, options: CSVReadOptions = CSVReadOptions()) throws(SurveyError) -> SurveyData {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(file: path) }
        let rows = try table(path, sheet: sheet)
        guard let header = rows.first, !header.isEmpty else { throw .emptyFile(file: path) }
        return try SurveyReader.read(rows: rows, source: path, options: options)
    }

    /// The cells of the chosen sheet as text, row by row (rows and columns placed by their references).
    static func table(_ path: String, sheet: String?) throws(SurveyError) -> [[String]] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw .unreadableFile(file: path, reason: "not an .xlsx workbook (not a readable ZIP archive)")
        }
        func part(_ name: String) throws(SurveyError) -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw .unreadableFile(file: path, reason: "the workbook part \(name) is damaged")
            }
            // A part cut off or corrupted mid-document would otherwise yield the rows before the damage.
            // Foundation's parse() returns true on Linux even then; parserError tells.
            let check = XMLParser(data: data)
            guard check.parse(), check.parserError == nil else {
                throw .unreadableFile(
                    file: path,
                    reason: "the workbook part \(name) is damaged (its XML breaks off at line \(check.lineNumber))")
            }
            return data
        }
        guard let workbookXML = try part("xl/workbook.xml") else { throw .unreadableFile(file: path, reason: "not an .xlsx workbook (no xl/workbook.xml)") }
        let workbook = WorkbookParts.parse(workbookXML)
        guard !workbook.sheets.isEmpty else { throw .unreadableFile(file: path, reason: "the workbook has no sheets") }
        let chosen: (name: String, relationship: String)
        if let sheet {
            guard let found = workbook.sheets.first(where: { $0.name == sheet }) else {
                throw .unreadableFile(file: path, reason: "the workbook has no sheet '\(sheet)'; its sheets are " + workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            chosen = found
        } else {
            chosen = workbook.sheets[0]
        }
        let relationships = try part("xl/_rels/workbook.xml.rels").map(WorkbookParts.relationships) ?? [:]
        var target = relationships[chosen.relationship] ?? "worksheets/sheet1.xml"
        if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
        let shared = try part("xl/sharedStrings.xml").map(WorkbookParts.sharedStrings) ?? []
        let dateStyles = try part("xl/styles.xml").map(WorkbookParts.dateStyles) ?? []
        guard let sheetXML = try part(target) else { throw .unreadableFile(file: path, reason: "the sheet '\(chosen.name)' is missing from the workbook") }
        return SheetParser.cells(sheetXML, shared: shared, dateStyles: dateStyles, date1904: workbook.date1904)
    }

}

/// Small parsers of the workbook's XML parts.
enum WorkbookParts {
    /// Sheet names with their relationship ids, and whether dates count from 1904.
    static func parse(_ data: Data) -> (sheets: [(name: String, relationship: String)], date1904: Bool) {
        let collector = ElementCollector(names: ["sheet", "workbookPr"])
        collector.run(data)
        let sheets = collector.elements.filter { $0.name == "sheet" }.compactMap { e -> (String, String)? in
            guard let name = e.attributes["name"], let id = e.attributes["r:id"] ?? e.attributes.first(where: { $0.key.hasSuffix(":id") })?.value else { return nil }
            return (name, id)
        }
        let date1904 = collector.elements.contains { $0.name == "workbookPr" && ["1", "true"].contains($0.attributes["date1904"] ?? "") }
        return (sheets, date1904)
    }

    static func relationships(_ data: Data) -> [String: String] {
        let collector = ElementCollector(names: ["Relationship"])
        collector.run(data)
        return Dictionary(collector.elements.compactMap { e in e.attributes["Id"].flatMap { id in e.attributes["Target"].map { (id, $0) } } },
                          uniquingKeysWith: { a, _ in a })
    }

    /// The shared strings, rich-text runs joined (phonetic runs left out).
    static func sharedStrings(_ data: Data) -> [String] {
        let parser = SharedStringParser()
        parser.run(data)
        return parser.strings
    }

    /// The cell-format indices (cellXfs order) whose number format shows a date or time: the
    /// built-in formats 14-22 and 45-47, and custom formats with day, month or year codes.
    static func dateStyles(_ data: Data) -> Set<Int> {
        let collector = ElementCollector(names: ["numFmt", "cellXfs", "xf"])
        collector.run(data)
        var custom: [Int: String] = [:]
        for e in collector.elements where e.name == "numFmt" {
            if let id = e.attributes["numFmtId"].flatMap(Int.init), let code = e.attributes["formatCode"] { custom[id] = code }
        }
        func isDate(_ id: Int) -> Bool {
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            guard let code = custom[id] else { return false }
            let bare = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
                .replacingOccurrences(of: "\\[[^\\]]*\\]", with: "", options: .regularExpression).lowercased()
            return bare.contains("y") || bare.contains("d") || (bare.contains("m") && !bare.contains("0"))
        }
        var styles = Set<Int>(), index = 0, inCellXfs = false
        for e in collector.elements {
            if e.name == "cellXfs" { inCellXfs = true; continue }
            if e.name == "xf" && inCellXfs {
                if let id = e.attributes["numFmtId"].flatMap(Int.init), isDate(id) { styles.insert(index) }
                index += 1
            }
        }
        return styles
    }
}

/// Collects the attributes of the named elements, in document order.
final class ElementCollector: NSObject, XMLParserDelegate {
    let names: Set<String>
    var elements: [(name: String, attributes: [String: String])] = []

    init(names: Set<String>) { self.names = names }

    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()  // well-formed: checked when the part was read
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        if names.contains(local) { elements.append((local, attributes)) }
    }
}

/// sharedStrings.xml: each <si> item's text, from its <t> or its runs' <t> (not <rPh>, phonetic hints).
final class SharedStringParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = "", inText = false, inPhonetic = false

    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()  // well-formed: checked when the part was read
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// A worksheet's cells as text, placed by their references (A1, B7, ...).
final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    let date1904: Bool
    var rows: [Int: [Int: String]] = [:]
    private var reference: (row: Int, column: Int)?
    private var type = "", style = 0, value = "", inValue = false, nextRow = 1, nextColumn = 0

    init(shared: [String], dateStyles: Set<Int>, date1904: Bool) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    static func cells(_ data: Data, shared: [String], dateStyles: Set<Int>, date1904: Bool) -> [[String]] {
        let sheet = SheetParser(shared: shared, dateStyles: dateStyles, date1904: date1904)
        let parser = XMLParser(data: data)
        parser.delegate = sheet
        _ = parser.parse()  // well-formed: checked when the part was read
        guard let last = sheet.rows.keys.max() else { return [] }
        let first = sheet.rows.keys.min() ?? 1
        return (first...last).map { r in
            let cells = sheet.rows[r] ?? [:]
            guard let width = cells.keys.max() else { return [] }
            return (0...width).map { cells[$0] ?? "" }
        }
    }

    /// "B7" → (7, 1).
    static func parse(reference: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for character in reference {
            if let ascii = character.asciiValue, character.isLetter { column = column * 26 + Int(ascii - 64) } else { digits.append(character) }
        }
        guard let row = Int(digits), column > 0 else { return nil }
        return (row, column - 1)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
            nextRow = attributes["r"].flatMap(Int.init) ?? nextRow
            nextColumn = 0
        case "c":
            reference = attributes["r"].flatMap(Self.parse(reference:)) ?? (nextRow, nextColumn)
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            guard let reference else { return }
            let text: String
            switch type {
            case "s": text = Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": text = value == "1" ? "1" : "0"
            case "e": text = ""
            case "n": text = dateStyles.contains(style) ? Self.isoDate(value, date1904: date1904) : value
            default: text = value
            }
            if !text.isEmpty { rows[reference.row, default: [:]][reference.column] = text }
            nextColumn = reference.column + 1
            self.reference = nil
        case "row": nextRow += 1
        default: break
        }
    }

    /// A serial date as ISO 8601: days since 1899-12-30 (1904-01-01 in 1904 workbooks), a
    /// fractional part as the time of day, to the nearest second.
    static func isoDate(_ serial: String, date1904: Bool) -> String {
        guard let days = Double(serial) else { return serial }
        let epoch = date1904 ? -2_082_844_800.0 : -2_209_161_600.0  // 1904-01-01 and 1899-12-30 UTC
        // Serials carry binary fractions of a day (14:30 is 0.6041666...): round to the second.
        let date = Date(timeIntervalSince1970: epoch + (days * 86_400).rounded())
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        guard days != days.rounded(.down) else { return day }
        return day + String(format: "T%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
