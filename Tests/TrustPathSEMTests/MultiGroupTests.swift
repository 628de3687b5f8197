import Foundation
import Testing
import TrustPathModelSpec
import TrustPathSEM
import TrustPathSurvey

/// Multi-group CFA of Holzinger & Swineford by school against lavaan (tools/make-multigroup-fixtures.R).
@Suite struct MultiGroupTests {
    /// Fixtures/<folder>/<name>: lavaan's estimates and fit measures.
    static func fixture(_ name: String, folder: String = "multigroup") throws -> (estimates: [[String: String]], fit: [String: Double]) {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/\(folder)/\(name)").path
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

/// Multi-group MLR of Holzinger & Swineford by school against lavaan (tools/make-robust-groups-fixtures.R).
@Suite struct MultiGroupRobustTests {
    static func fixture(_ name: String) throws -> (estimates: [[String: String]], fit: [String: Double]) {
        try MultiGroupTests.fixture(name, folder: "multigroup-mlr")
    }

    @Test(arguments: ["configural", "metric", "scalar", "strict"])
    func sandwichErrorsAndScaledTestMatchLavaan(name: String) throws {
        let (equal, partial) = try #require(MultiGroupTests.invariance[name])
        let ml = try MultiGroupTests.fitted(equal: equal, partial: partial)
        let robust = try RobustML(multiGroup: ml)
        let fit = robust.applied(to: ml)
        let reference = try Self.fixture(name)
        #expect(fit.estimates.count == reference.estimates.count)
        for (ours, theirs) in zip(fit.estimates, reference.estimates) {
            let where_ = "\(name): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && "\(ours.group)" == theirs["group"], "\(where_)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(where_) est")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(where_) se")
        }
        let measures = robust.measures(FitMeasures(multiGroup: fit), groups: fit.model.groups.count)
        for (key, value) in reference.fit {
            let ours = try #require(measures[key], "\(name): \(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(name): \(key) \(ours) vs \(value)")
        }
    }
}

extension MultiGroupRobustTests {
    /// MLM (Satorra-Bentler) across groups against lavaan's estimator = "MLM" with group =.
    @Test(arguments: ["configural", "metric", "scalar", "strict"])
    func satorraBentlerMatchesLavaan(level: String) throws {
        let (equal, partial) = try #require(MultiGroupTests.invariance[level])
        let ml = try MultiGroupTests.fitted(equal: equal, partial: partial)
        let robust = try RobustML(satorraBentlerMultiGroup: ml)
        let fit = robust.applied(to: ml)
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/multigroup-mlm/\(level)").path
        let estimates = try LavaanReference.table(folder + "/estimates.csv")
        for (ours, theirs) in zip(fit.estimates, estimates) {
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(level): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") se")
        }
        let measures = robust.measures(FitMeasures(multiGroup: fit), groups: 2)
        for row in try LavaanReference.table(folder + "/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(measures[key], "\(level): \(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(level): \(key) \(ours) vs \(value)")
        }
    }

    /// The MLR invariance sequence's Satorra-Bentler (2001) scaled differences equal lavTestLRT's.
    @Test func scaledDifferenceTestsMatchLavTestLRT() throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/multigroup/model.lav").path, encoding: .utf8)
        let sequence = try InvarianceSequence(model: model, data: LavaanReference.data("holzinger-swineford-1939.csv"), groupColumn: "school",
                                              estimator: .mlr)
        let reference = try LavaanReference.table(base.appendingPathComponent("Fixtures/multigroup-mlr/lrt.csv").path)
        #expect(sequence.steps.map(\.level.rawValue) == reference.map { $0["level"] ?? "" })
        for (index, (step, row)) in zip(sequence.steps, reference).enumerated() {
            #expect(abs((step.measures["chisq"] ?? .nan) - (Double(row["chisq"] ?? "") ?? .nan)) < 1e-4)
            guard let difference = step.difference else { #expect(row["chisq.diff"] == "NA"); continue }
            let chisq = Double(row["chisq.diff"] ?? "") ?? .nan
            #expect(abs(difference.chisq - chisq) < 1e-4 * max(1, chisq), "\(step.level) Δχ²")
            #expect(difference.df == Double(row["df.diff"] ?? ""))
            #expect(abs(difference.pValue - (Double(row["pvalue"] ?? "") ?? .nan)) < 1e-5, "\(step.level) p")
            // ΔCFI and ΔRMSEA are differences of lavaan's robust CFI and RMSEA.
            let previous = try Self.fixture(reference[max(0, index - 1)]["level"] ?? "").fit
            let current = try Self.fixture(row["level"] ?? "").fit
            #expect(abs(difference.cfi - ((current["cfi.robust"] ?? .nan) - (previous["cfi.robust"] ?? .nan))) < 1e-6, "\(step.level) ΔCFI")
            #expect(abs(difference.rmsea - ((current["rmsea.robust"] ?? .nan) - (previous["rmsea.robust"] ?? .nan))) < 1e-6, "\(step.level) ΔRMSEA")
        }
    }
}

/// Multi-group FIML of Holzinger & Swineford by school with 10% MCAR (tools/make-multigroup-fiml-fixtures.R).
@Suite struct MultiGroupFIMLTests {
    /// `mlr-` levels: robust FIML (estimator = "MLR"), the FIML-corrected robust indices included.
    @Test(arguments: ["configural", "metric", "scalar", "mlr-configural", "mlr-metric", "mlr-scalar"])
    func matchesLavaan(level: String) throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/multigroup-fiml").path
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/multigroup/model.lav").path, encoding: .utf8)
        let plain = level.replacingOccurrences(of: "mlr-", with: "")
        let equal: Set<MultiGroupModel.EqualityClass> = plain == "configural" ? [] : plain == "metric" ? [.loadings] : [.loadings, .intercepts]
        var fit = try MultiGroupFit(MultiGroupModel(model: model, data: SurveyReader.read(folder + "/data.csv"), groupColumn: "school",
                                                    equal: equal, fullInformation: true))
        var measures = FitMeasures(multiGroup: fit)
        if level.hasPrefix("mlr-") {
            let robust = try RobustML(multiGroup: fit)
            fit = robust.applied(to: fit)
            measures = robust.measures(measures, groups: 2)
        }
        let estimates = try LavaanReference.table(folder + "/\(level)/estimates.csv")
        #expect(fit.estimates.count == estimates.count)
        for (ours, theirs) in zip(fit.estimates, estimates) {
            let where_ = "\(level): \(theirs["lhs"] ?? "") \(theirs["op"] ?? "") \(theirs["rhs"] ?? "") group \(theirs["group"] ?? "")"
            #expect(ours.lhs == theirs["lhs"] && ours.op == theirs["op"] && "\(ours.group)" == theirs["group"], "\(where_)")
            #expect(abs(ours.estimate - (Double(theirs["est"] ?? "") ?? .nan)) < 1e-4, "\(where_) est")
            #expect(abs(ours.standardError - (Double(theirs["se"] ?? "") ?? .nan)) < 1e-4, "\(where_) se")
            #expect(abs(ours.stdAll - (Double(theirs["std.all"] ?? "") ?? .nan)) < 1e-4, "\(where_) std.all")
        }
        for row in try LavaanReference.table(folder + "/\(level)/fit.csv") {
            let key = row["measure"] ?? "", value = Double(row["value"] ?? "") ?? .nan
            let ours = try #require(measures[key], "\(level): \(key) missing")
            #expect(abs(ours - value) < 1e-4 * max(1, abs(value)), "\(level): \(key) \(ours) vs \(value)")
        }
    }
}

extension MultiGroupFIMLTests {
    /// The robust FIML invariance sequence's scaled differences equal lavTestLRT's.
    @Test func robustFIMLDifferencesMatchLavTestLRT() throws {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let folder = base.appendingPathComponent("Fixtures/multigroup-fiml").path
        let model = try String(contentsOfFile: base.appendingPathComponent("Fixtures/multigroup/model.lav").path, encoding: .utf8)
        let sequence = try InvarianceSequence(model: model, data: SurveyReader.read(folder + "/data.csv"), groupColumn: "school",
                                              levels: [.configural, .metric, .scalar], estimator: .mlr, fullInformation: true)
        for (step, row) in zip(sequence.steps, try LavaanReference.table(folder + "/mlr-lrt.csv")) {
            guard let difference = step.difference else { continue }
            let chisq = Double(row["chisq.diff"] ?? "") ?? .nan
            #expect(abs(difference.chisq - chisq) < 1e-4 * max(1, chisq), "\(step.level) Δχ² \(difference.chisq) vs \(chisq)")
        }
    }
}
