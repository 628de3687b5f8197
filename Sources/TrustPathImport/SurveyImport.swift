import Foundation
import TrustPathSurvey

/// Reads a survey file of any supported kind, chosen by its extension (or `format`): CSV/TSV text
/// (``SurveyReader``; platform exports recognised by ``PlatformExport``), SPSS .sav/.zsav and Stata .dta (``StatisticalFile``), Excel .xlsx (``Workbook``).
public enum SurveyImport {
    public enum Format: String, Sendable, CaseIterable {
        case csv, spss, stata, xlsx
        /// A CSV export of a survey platform (``PlatformExport``).
        case qualtrics, wenjuanxing, googleForms = "google-forms"

        /// The format a file name implies; CSV for anything not recognised.
        public init(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "sav", "zsav": self = .spss
            case "dta": self = .stata
            case "xlsx": self = .xlsx
            default: self = .csv
            }
        }
    }

    /// `sheet` names a workbook's sheet (default: the first).
    public static func read(_ path: String, options: CSVReadOptions = CSVReadOptions(), format: Format? = nil, sheet: String? = nil) throws(SurveyError) -> SurveyData {
        switch format ?? Format(path: path) {
        case .xlsx: return try Workbook.read(path, sheet: sheet, options: options)
        case .csv: return try PlatformExport.read(path, options: options)
        case .qualtrics: return try PlatformExport.read(path, options: options, platform: .qualtrics)
        case .wenjuanxing: return try PlatformExport.read(path, options: options, platform: .wenjuanxing)
        case .googleForms: return try PlatformExport.read(path, options: options, platform: .googleForms)
        case .spss: return try StatisticalFile.read(path, format: .spss, options: options)
        case .stata: return try StatisticalFile.read(path, format: .stata, options: options)
        }
    }
}
