import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Multi-group CFA of Holzinger & Swineford by school against lavaan (tools/make-multigroup-fixtures.R).
@Suite struct MultiGroupTests {
    static func fixture(_ name: String) throws -> (estimates: [[String: String]], fit: [String: Double]) {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/multigroup/\(name)").path
        let fit = try LavaanReference.table(folder + "/fit.csv").reduce(into: [String: Double]()) { $0[$1["measure"] ?? ""] = Double($1["value"] ?? "") }
        return (try LavaanReference.table(folder + "/estimates.csv"), fit)
    }

    static func fitted(equal: Set<MultiGroupModel.EqualityClass>, partial: [String] = []) throws -> MultiGroupFit {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/multigroup/model.lav").path, encoding: .utf8)
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        return try MultiGroupFit(MultiGroupModel(model: model, data: data, groupColumn: "school", equal: equal, partial: partial))
    }

    static let invariance: [String: (equal: Set<MultiGroupModel.EqualityClass>, partial: [String])] = [
        "configural": ([], []), "metric": ([.loadings], []), "scalar": ([.loadings, .intercepts], []),
        "strict": ([.loadings, .intercepts, .residuals], []), "metric-partial": ([.loadings], ["visual =~ x2"]),
    ]

    /// A structural model (regressions between latent variables) in two markets: the campaign
    /// study's variants, configural and metric.
    @Test(arguments: ["two-market-configural", "two-market-metric"])
    func structuralModelInTwoMarketsMatchesLavaan(name: String) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/multigroup/two-market.lav").path, encoding: .utf8)
        let data = try SurveyReader.read(LavaanReference.repository.appendingPathComponent("Surveys/campaign-ab/responses.csv").path)
        let fit = try MultiGroupFit(MultiGroupModel(model: model, data: data, groupColumn: "variant", equal: name.hasSuffix("metric") ? [.loadings] : []))
        let reference = try Self.fixture(name)
        #expect(fit.model.labels == ["live", "short"])
        #expect(fit.estimates.count == reference.estimates.count)
        for (ours, theirs) in zip(fit.estimates, reference.estimates) {
            let where_ = "\(name): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && "\(ours.group)" == theirs["group"], "\(where_)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(where_) est")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(where_) se")
            #expect(abs(ours.stdAll - (Double(theirs["std.all"] ?? "") ?? .nan)) < 1e-4, "\(where_) std.all")
        }
        let measures = FitMeasures(multiGroup: fit)
        for (key, value) in reference.fit {
            #expect(abs((measures[key] ?? .nan) - value) < 1e-4 * max(1, abs(value)), "\(name): \(key)")
        }
    }

    @Test(arguments: ["configural", "metric", "scalar", "strict", "metric-partial"])
    func matchesLavaan(name: String) throws {
        let (equal, partial) = try #require(Self.invariance[name])
        let reference = try Self.fixture(name)
        let fit = try Self.fitted(equal: equal, partial: partial)
        #expect(fit.model.labels == ["Pasteur", "Grant-White"])
        #expect(fit.estimates.count == reference.estimates.count)
        for (ours, theirs) in zip(fit.estimates, reference.estimates) {
            let where_ = "\(name): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && ours.rhs == (theirs["rhs"] ?? "") && "\(ours.group)" == theirs["group"], "\(where_)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(where_) est")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(where_) se")
            #expect(abs(ours.stdAll - (Double(theirs["std.all"] ?? "") ?? .nan)) < 1e-4, "\(where_) std.all")
        }
        let measures = FitMeasures(multiGroup: fit)
        for (key, value) in reference.fit {
            let ours = try #require(measures[key], "\(name): \(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(name): \(key) \(ours) vs \(value)")
        }
    }
}
