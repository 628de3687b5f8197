import Foundation
import Testing
import TrustPathLinalg
import TrustPathPLS
import TrustPathSurvey

/// PLS path modelling against seminr 2.3.1 (tools/make-pls-fixtures.R; conventions in Fixtures/CONVENTIONS.md): weights, loadings,
/// paths, R², reliability, HTMT, f², VIFs, effects and iteration counts to 1e-6; bootstrap standard
/// errors and PLSpredict errors within Monte Carlo error.
@Suite struct PLSAgainstSeminr {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Case {
        let folder: String
        let estimate: PLSEstimate
        let quality: PLSQuality
        let consistent: ConsistentPLS?
        let data: StandardizedData
        var reported: PLSEstimate { consistent?.estimate ?? estimate }
    }

    static func load(_ name: String) throws -> Case {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/\(name)").path
        let model = try PLSModel(syntax: try String(contentsOfFile: folder + "/model.lav", encoding: .utf8))
        let file = name.hasPrefix("mobi") ? base.appendingPathComponent("Fixtures/mobi.csv").path
            : repository.appendingPathComponent("Surveys/reference/trust-simulated-400.csv").path
        let data = try StandardizedData(data: try SurveyReader.read(file), indicators: model.indicators)
        let weighting: PLSEstimate.Weighting = name.hasSuffix("factorial") ? .factorial : name.hasSuffix("centroid") ? .centroid : .path
        let estimate = try PLSEstimate(model: model, data: data, weighting: weighting)
        let consistent = name.hasSuffix("plsc")
        return Case(folder: folder, estimate: estimate, quality: PLSQuality(estimate: estimate, consistent: consistent, data: data),
                    consistent: consistent ? try ConsistentPLS(estimate, correlation: data.correlation, names: data.names) : nil, data: data)
    }

    static func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }

    static func close(_ a: Double, _ b: String?, _ tolerance: Double = 1e-6) -> Bool {
        guard let b = b.flatMap(Double.init) else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: ["mobi-path", "mobi-factorial", "mobi-centroid", "mobi-formative", "mobi-plsc", "trust-path"])
    func estimatesMatchSeminr(name: String) throws {
        let c = try Self.load(name)
        let model = c.estimate.model, names = model.constructs.map(\.name)
        let index = { (name: String) in names.firstIndex(of: name) ?? -1 }
        for (file, values) in [("weights.csv", c.estimate.weights), ("loadings.csv", c.reported.loadings)] {
            for row in try Self.rows(c.folder + "/" + file) {
                let j = index(row["construct"] ?? ""), i = model.constructs[j].indicators.firstIndex(of: row["indicator"] ?? "") ?? -1
                #expect(Self.close(values[j][i], row["value"]), "\(name) \(file) \(row)")
            }
        }
        for row in try Self.rows(c.folder + "/paths.csv") {
            #expect(Self.close(c.reported.pathCoefficients[index(row["from"] ?? ""), index(row["to"] ?? "")], row["value"]), "\(name) path \(row)")
        }
        for row in try Self.rows(c.folder + "/rsquared.csv") {
            let j = index(row["construct"] ?? "")
            #expect(Self.close(c.reported.rSquared[j], row["r2"]) && Self.close(c.reported.adjustedRSquared[j], row["adj_r2"]), "\(name) \(row)")
        }
        for row in try Self.rows(c.folder + "/reliability.csv") {
            let j = index(row["construct"] ?? "")
            #expect(Self.close(c.quality.alpha[j], row["alpha"]), "\(name) alpha \(row)")
            #expect(Self.close(c.quality.rhoC[j], row["rhoC"]), "\(name) rhoC \(row)")
            #expect(Self.close(c.quality.averageVarianceExtracted[j], row["AVE"]), "\(name) AVE \(row)")
            #expect(Self.close(c.quality.rhoA[j], row["rhoA"]), "\(name) rhoA \(row)")
        }
        for row in try Self.rows(c.folder + "/htmt.csv") {
            #expect(Self.close(c.quality.htmt[index(row["row"] ?? ""), index(row["col"] ?? "")], row["value"]), "\(name) htmt \(row)")
        }
        for row in try Self.rows(c.folder + "/fsquared.csv") {
            #expect(Self.close(c.quality.fSquared[index(row["from"] ?? ""), index(row["to"] ?? "")], row["value"]), "\(name) f2 \(row)")
        }
        for row in try Self.rows(c.folder + "/vif-inner.csv") where row["value"] != "NA" {
            #expect(Self.close(c.quality.innerVIF[index(row["from"] ?? ""), index(row["to"] ?? "")], row["value"]), "\(name) vif \(row)")
        }
        for row in try Self.rows(c.folder + "/vif-items.csv") {
            let j = index(row["construct"] ?? ""), i = model.constructs[j].indicators.firstIndex(of: row["indicator"] ?? "") ?? -1
            #expect(Self.close(c.quality.outerVIF[j][i], row["value"]), "\(name) item vif \(row)")
        }
        let effects = PLSEffects(c.reported)
        for row in try Self.rows(c.folder + "/effects.csv") {
            let from = index(row["from"] ?? ""), to = index(row["to"] ?? "")
            #expect(Self.close(effects.total[from, to], row["total"]) && Self.close(effects.indirect[from, to], row["indirect"]), "\(name) effect \(row)")
        }
        #expect(String(c.estimate.iterations) == (try Self.rows(c.folder + "/iterations.csv")).first?["iterations"], "\(name) iterations")
    }

    /// Bootstrap standard errors against seminr's own bootstrap_model (5,000 draws, seed 123): different random numbers, so
    /// within Monte Carlo error (500 draws here: the two SDs differ by about 4% at one standard error).
    @Test(arguments: ["mobi-path", "trust-path"])
    func bootstrapStandardErrorsAgreeWithSeminr(name: String) throws {
        let c = try Self.load(name)
        let names = c.estimate.model.constructs.map(\.name)
        let boot = PLSBootstrap(estimate: c.estimate, data: c.data, draws: 500, seed: 7, jobs: 2)
        #expect(boot.failed == 0)
        for row in try Self.rows(c.folder + "/bootstrap-paths.csv") {
            let label = "\(row["from"] ?? "") -> \(row["to"] ?? "")"
            let statistic = try #require(boot.paths.first { $0.name == label })
            let reference = Double(row["sd"] ?? "") ?? .nan
            #expect(abs(statistic.standardError - reference) < 0.15 * reference, "\(name) \(label): se \(statistic.standardError) vs seminr \(reference)")
            #expect(Self.close(statistic.original, row["original"]))
            _ = names
        }
    }

    /// PLSpredict's out-of-sample errors and Q²predict against seminr's (other random folds: errors
    /// within 5%, Q²predict within 0.04).
    @Test(arguments: ["mobi-path", "trust-path"])
    func predictionErrorsAgreeWithSeminr(name: String) throws {
        let c = try Self.load(name)
        let prediction = try PLSPrediction(model: c.estimate.model, data: c.data, weighting: .path, folds: 10, repetitions: 3, seed: 3, jobs: 2)
        for row in try Self.rows(c.folder + "/predict.csv") {
            let ours = try #require(prediction.indicators.first { $0.name == row["indicator"] })
            let rmse = Double(row["pls_rmse"] ?? "") ?? .nan, mae = Double(row["pls_mae"] ?? "") ?? .nan
            #expect(abs(ours.plsRMSE - rmse) < 0.05 * rmse, "\(name) \(ours.name) RMSE \(ours.plsRMSE) vs \(rmse)")
            #expect(abs(ours.plsMAE - mae) < 0.05 * mae, "\(name) \(ours.name) MAE \(ours.plsMAE) vs \(mae)")
            // Q²predict against the training mean, computed by the fixture script from seminr's errors.
            let q2 = Double(row["q2predict_train_mean"] ?? "") ?? .nan
            #expect(abs(ours.q2predict - q2) < 0.04, "\(name) \(ours.name) Q²predict \(ours.q2predict) vs \(q2)")
        }
    }
}
