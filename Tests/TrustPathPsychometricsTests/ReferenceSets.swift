import Foundation
import Testing
@testable import TrustPathPsychometrics
import TrustPathSurvey

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The three data sets of tools/make-measure-fixtures.R, read as TrustPath reads them.
enum ReferenceSet: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case hs, trust, likert

    var testDescription: String { rawValue }

    var blocks: [ConstructBlock] {
        switch self {
        case .hs:
            return [ConstructBlock(code: "visual", items: ["x1", "x2", "x3"]), ConstructBlock(code: "textual", items: ["x4", "x5", "x6"]),
                    ConstructBlock(code: "speed", items: ["x7", "x8", "x9"])]
        case .trust, .likert:
            return ["HA", "ID", "RR", "SC", "PT", "PI"].map { code in ConstructBlock(code: code, items: (1...4).map { "\(code)\($0)" }) }
        }
    }

    func data() throws -> SurveyData {
        switch self {
        case .hs: return try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path)
        case .trust: return try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/trust-simulated-400.csv").path)
        case .likert:
            let raw = try SurveyReader.read(repository.appendingPathComponent("Surveys/reference/trust-likert-400.csv").path)
            return try Instrument.read(path: repository.appendingPathComponent("Surveys/reference/trust-instrument.yaml").path).scored(raw)
        }
    }

    func items() throws -> ItemMatrix { try ItemMatrix(data: try data(), items: blocks.flatMap(\.items)) }

    /// A fixture table of this set, as rows of column name to text.
    func table(_ name: String) throws -> [[String: String]] {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(rawValue)/\(name).csv") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// The numbers of `column` in a fixture table, NaN for NA.
    func column(_ name: String, _ column: String) throws -> [Double] {
        try table(name).map { Double($0[column] ?? "") ?? .nan }
    }
}

/// Every position where `ours` and `reference` differ by more than `tolerance` (relative above 1).
func mismatches(_ label: String, _ ours: [Double], _ reference: [Double], tolerance: Double) -> [String] {
    guard ours.count == reference.count else { return ["\(label): \(ours.count) values vs \(reference.count) in R"] }
    return zip(ours, reference).enumerated().compactMap { k, pair in
        let (a, b) = pair
        if a.isNaN && b.isNaN { return nil }
        return abs(a - b) <= tolerance * max(1, abs(b)) ? nil : "\(label)[\(k)]: \(a) vs R \(b)"
    }
}
