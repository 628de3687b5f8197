import ArgumentParser
import Foundation
import TrustPathImport
import TrustPathSurvey

/// How to read the survey file: shared by every verb that reads data.
struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Extra codes meaning missing besides empty and NA, comma-separated (e.g. -99,#NULL!).",
                               valueName: "codes"))
    var missingCodes: String?

    @Option(help: ArgumentHelp("Columns to treat as categorical, comma-separated.", valueName: "names"))
    var categorical: String?

    @Option(help: ArgumentHelp("Columns to treat as free text (never printed), comma-separated.", valueName: "names"))
    var text: String?

    @Option(help: ArgumentHelp("A CSV of 'label,value' rows mapping Likert answer labels to numbers.", valueName: "file"))
    var likertMap: String?

    @Option(help: ArgumentHelp("The field delimiter: comma, semicolon or tab (default: detected).", valueName: "name"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The file's kind: csv, spss, stata, xlsx, qualtrics, wenjuanxing or google-forms (default: from the extension, and for CSV from the header).",
                               valueName: "kind"))
    var format: String?

    @Option(help: ArgumentHelp("The sheet of an .xlsx workbook to read (default: the first).", valueName: "name"))
    var sheet: String?

    @Option(help: ArgumentHelp("Attach Hofstede's country scores (columns pdi, idv, mas, uai, ltowvs, ivr) by this column "
                               + "of country codes (ISO 3166 alpha-2/3 or Hofstede's) or names.", valueName: "column"))
    var hofstedeBy: String?

    @Option(help: ArgumentHelp("Folder holding hofstede-6d.csv and hofstede-iso3166.csv.", valueName: "dir"))
    var hofstedeDir: String = "Surveys/reference"

    func validate() throws {
        if let delimiter, DataOptions.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be comma, semicolon or tab, not '\(delimiter)'")
        }
        if let format, SurveyImport.Format(rawValue: format) == nil {
            throw ValidationError("--format must be one of " + SurveyImport.Format.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(format)'")
        }
    }

    /// Reads `path` (CSV, SPSS .sav/.zsav or Stata .dta, by its extension) with these options;
    /// `extra` columns (a group column) are read as categories.
    func read(_ path: String, categorical extra: [String] = []) throws -> SurveyData {
        var options = CSVReadOptions(missingCodes: DataOptions.list(missingCodes))
        options.delimiter = delimiter.flatMap(DataOptions.delimiterByte)
        try options.declare(DataOptions.list(categorical), as: .categorical)
        let undeclared = extra.filter { options.declaredLevels[$0] == nil }
        if !undeclared.isEmpty { try options.declare(undeclared, as: .categorical) }
        try options.declare(DataOptions.list(text), as: .text)
        if let likertMap { options.likertMapping = try LikertMapping.read(from: likertMap) }
        if let hofstedeBy, options.declaredLevels[hofstedeBy] == nil { try options.declare([hofstedeBy], as: .categorical) }
        let data = try SurveyImport.read(path, options: options, format: format.flatMap(SurveyImport.Format.init), sheet: sheet)
        guard let hofstedeBy else { return data }
        let scores = try HofstedeScores(scores: hofstedeDir + "/hofstede-6d.csv", isoMap: hofstedeDir + "/hofstede-iso3166.csv")
        return try scores.joined(to: data, by: hofstedeBy)
    }

    /// A comma-separated list, trimmed, without empty entries.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func delimiterByte(_ name: String) -> UInt8? {
        switch name.lowercased() {
        case "comma", ",": return UInt8(ascii: ",")
        case "semicolon", ";": return UInt8(ascii: ";")
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        default: return nil
        }
    }

    /// Reports/<stem of path>-<suffix>.
    static func defaultOutputDirectory(for path: String, suffix: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return "Reports/\(stem)-\(suffix)"
    }
}
