import Foundation
import Testing
@testable import TrustPathCLI

@Suite struct MeasureCommand {
    static let likert = BundledData.repository.appendingPathComponent("Surveys/reference/trust-likert-400.csv").path
    static let instrument = BundledData.repository.appendingPathComponent("Surveys/reference/trust-instrument.yaml").path
    static let holzinger = BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford-1939.csv").path

    /// Writes `text` to a temporary file and returns its path.
    static func file(_ text: String, _ name: String) throws -> String {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func writesTheChecklistWithTheIssuesHeaderAndRecodesReverseItems() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["measure", "--data", Self.likert, "--instrument", Self.instrument, "--cmb", "--bootstrap", "200", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["cmb.csv", "htmt-intervals.csv", "htmt.csv", "htmt2.csv", "items.csv", "measure.md", "reliability.csv", "validity.csv"])
        let reliability = try String(contentsOfFile: out + "/reliability.csv", encoding: .utf8)
        #expect(reliability.hasPrefix("construct,n_items,alpha,alpha.std,omega,cr,ave"))
        #expect(try String(contentsOfFile: out + "/htmt.csv", encoding: .utf8).hasPrefix("construct,HA,ID,RR,SC,PT,PI\n"))
        let report = try String(contentsOfFile: out + "/measure.md", encoding: .utf8)
        #expect(report.contains("reverse-coded items recoded as min + max - x before any statistic: RR4, PI4"))
        let items = try readTable(out + "/items.csv")
        #expect(items.first { $0["item"] == "PI4" }?["reverse.coded"] == "yes")
        // Recoded PI4 loads positively on its construct.
        #expect((Double(items.first { $0["item"] == "PI4" }?["loading.std"] ?? "") ?? 0) > 0.5)
    }

    @Test func constructsCanComeFromAModelsMeasurementLines() throws {
        let out = temporaryDirectory()
        let model = BundledData.repository.appendingPathComponent("Surveys/reference/holzinger-swineford.lav").path
        let run = runTrustPath(["measure", "--data", Self.holzinger, "--model", model, "--bootstrap", "0", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let rows = try readTable(out + "/reliability.csv")
        #expect(rows.map { $0["construct"] ?? "" } == ["visual", "textual", "speed"])
        #expect(!FileManager.default.fileExists(atPath: out + "/htmt-intervals.csv"))
    }

    @Test func singleItemConstructIsUndefinedNotNaN() throws {
        let model = try Self.file("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5\nspeed =~ x7\n", "m.lav")
        let out = temporaryDirectory()
        let run = runTrustPath(["measure", "--data", Self.holzinger, "--model", model, "--bootstrap", "50", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let report = try String(contentsOfFile: out + "/measure.md", encoding: .utf8)
        #expect(report.contains("speed has a single item: alpha, omega, CR and AVE are undefined"))
        #expect(report.contains("textual has two items: omega needs a one-factor model of at least three items"))
        for name in try FileManager.default.contentsOfDirectory(atPath: out) {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            let words = text.split { !$0.isLetter }.map { $0.lowercased() }
            #expect(!words.contains("nan"), "\(name)")
        }
        let speed = try readTable(out + "/reliability.csv").first { $0["construct"] == "speed" }
        #expect(speed?["alpha"] == "NA" && speed?["cr"] == "NA")
    }

    @Test(arguments: [
        ("title: x\nconstructs:\n  - code: HA\n    items: [HA1, HA2, HA9, ha4x]\n",
         "the instrument names 2 columns the data does not have: 'HA9' (did you mean 'HA1'?), 'ha4x' (did you mean 'HA4'?)"),
        ("constructs:\n  - code: HA\n    items: [HA1, HA2\n", "not valid YAML: line"),
        ("constructs:\n  - code: HA\n    scale: {min: 1, max: 5}\n    items: [HA1, HA2, HA3]\n",
         "item 'HA1' has 99 answers outside its scale 1-5: line 16: 7, line 28: 6"),
        ("constructs:\n  - code: HA\n    items:\n      - {code: HA1, reverse: true}\n",
         "is reverse-coded but has no scale"),
        ("constructs:\n  - code: HA\n    items: [HA1, HA2]\n  - code: HA\n    items: [HA3]\n", "construct code 'HA' is used twice"),
    ])
    func badInstrumentsSayWhatIsWrong(_ yaml: String, _ message: String) throws {
        let instrument = try Self.file(yaml, "instrument.yaml")
        let out = temporaryDirectory()
        let run = runTrustPath(["measure", "--data", Self.likert, "--instrument", instrument, "--out", out])
        #expect(run.status == 1)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func zeroVarianceItemIsNamed() throws {
        let data = try Self.file("a,b,c,d\n" + (1...20).map { "\($0 % 5),\($0 % 3),3,\($0 % 7)" }.joined(separator: "\n") + "\n", "d.csv")
        let model = try Self.file("F =~ a + b + c + d\n", "m.lav")
        let run = runTrustPath(["measure", "--data", data, "--model", model, "--out", temporaryDirectory()])
        #expect(run.status == 1)
        #expect(run.error == "trustpath: error: item 'c' has the same answer in every complete row (zero variance); remove it from the analysis\n")
    }
}

@Suite struct FactorCommand {
    @Test func parallelAnalysisChoosesTheFactorsAndEveryFileIsWritten() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["efa", "--data", MeasureCommand.likert, "--draws", "10", "--jobs", "2", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["efa.md", "kmo.csv", "loadings.csv", "scree.csv", "scree.svg", "structure.csv", "variance.csv"])
        #expect(try String(contentsOfFile: out + "/loadings.csv", encoding: .utf8).hasPrefix("item,F1,F2,F3,F4,F5,F6,h2,u2\n"))
        #expect(run.out.contains("6 factors and 6 components have eigenvalues above the 95th percentile"))
        #expect(try String(contentsOfFile: out + "/scree.svg", encoding: .utf8).hasPrefix("<svg"))
    }

    @Test func aFixedNumberOfFactorsSkipsParallelAnalysis() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["efa", "--data", MeasureCommand.holzinger, "--items", "x1,x2,x3,x4,x5,x6,x7,x8,x9", "--factors", "3",
                                "--rotation", "varimax", "--extraction", "ml", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: out + "/scree.svg"))
        let variance = try readTable(out + "/variance.csv")
        #expect(variance.count == 3)
        #expect(variance[2]["phi.F3"] == "1.0")
    }

    @Test(arguments: [
        (["--rotation", "quartimax"], 2, "--rotation must be varimax, promax, oblimin or none, not 'quartimax'"),
        (["--items", "x1,x2,x3,x4", "--factors", "3"], 1, "3 factors cannot be identified from 4 items; at most 1"),
        (["--items", "x1,x2,x99"], 1, "no column named 'x99'; did you mean 'x9'?"),
    ])
    func badRequestsSayWhatIsWrong(_ extra: [String], _ status: Int32, _ message: String) {
        let run = runTrustPath(["efa", "--data", MeasureCommand.holzinger, "--out", temporaryDirectory()] + extra)
        #expect(run.status == status)
        #expect(run.error.contains(message), "\(run.error)")
    }

    @Test func aSingularCorrelationMatrixNamesTheCollinearItems() throws {
        let rows = (1...40).map { i -> String in
            let a = Double(i % 7), b = Double((i * 3) % 5), c = Double((i * 5) % 11)
            return "\(a),\(b),\(c),\(a + b)"
        }
        let data = try MeasureCommand.file("a,b,c,d\n" + rows.joined(separator: "\n") + "\n", "d.csv")
        let run = runTrustPath(["efa", "--data", data, "--factors", "1", "--out", temporaryDirectory()])
        #expect(run.status == 1)
        #expect(run.error.contains("the correlation matrix of the items is singular"), "\(run.error)")
        #expect(run.error.contains("involving 'a', 'b', 'd')"), "\(run.error)")
    }
}

@Suite struct RegressWithInstrumentScales {
    /// Construct scores from an instrument (reverse-coded items recoded) match lm on R's item means.
    @Test func constructScoresFeedTheFormula() throws {
        let out = temporaryDirectory()
        let run = runTrustPath(["regress", "PI ~ PT + HA", "--data", MeasureCommand.likert, "--scales", MeasureCommand.instrument, "--out", out])
        #expect(run.status == 0, "\(run.error)")
        let ours = try readTable(out + "/coefficients.csv"), reference = try readTable(referenceFixture("regress-scales.csv"))
        #expect(ours.map { $0["term"] ?? "" } == reference.map { $0["term"] ?? "" })
        for (a, b) in zip(ours, reference) {
            for column in ["estimate", "se"] {
                let x = Double(a[column] ?? "") ?? .nan, y = Double(b[column] ?? "") ?? .nan
                #expect(abs(x - y) < 1e-10, "\(a["term"] ?? "") \(column): \(x) vs R \(y)")
            }
        }
    }
}
