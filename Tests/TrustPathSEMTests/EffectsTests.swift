import Foundation
import Testing
import TrustPathModelSpec
@testable import TrustPathSEM

@Suite struct Effects {
    /// The trust model writes its indirect and total effects as := rows; the effects computed from B
    /// must equal them (estimate, delta-method SE, std.all), and the direct effect the PI ~ HA row.
    @Test func effectsFromMatricesEqualTheDefinedParameters() throws {
        let reference = try LavaanReference("trust-sem")
        let fit = try reference.fitted(data: "trust-simulated-400.csv")
        let effects = fit.effects, errors = fit.effectStandardErrors()
        func effect(_ kind: StructuralEffect.Kind, _ from: String, _ to: String, through: [String] = []) throws -> (StructuralEffect, Double) {
            let k = try #require(effects.firstIndex { $0.kind == kind && $0.from == from && $0.to == to && $0.through == through })
            return (effects[k], errors[k])
        }
        func row(_ lhs: String, _ op: String, _ rhs: String) throws -> ParameterEstimate {
            try #require(fit.estimates.first { $0.lhs == lhs && $0.op == op && $0.rhs == rhs })
        }
        let pairs: [((StructuralEffect, Double), ParameterEstimate)] = [
            (try effect(.direct, "HA", "PI"), try row("PI", "~", "HA")),
            (try effect(.indirect, "HA", "PI"), try row("ind_HA", ":=", "a1*b")),
            (try effect(.total, "HA", "PI"), try row("total_HA", ":=", "c+a1*b")),
            (try effect(.indirect, "ID", "PI"), try row("ind_ID", ":=", "a2*b")),
            (try effect(.total, "SC", "PI"), try row("ind_SC", ":=", "a4*b")),
        ]
        for ((effect, se), estimate) in pairs {
            #expect(abs(effect.estimate - estimate.estimate) < 1e-12, "\(effect.path)")
            #expect(abs(se - estimate.standardError) < 1e-7, "\(effect.path) se \(se) vs \(estimate.standardError)")
            #expect(abs(effect.stdAll - estimate.stdAll) < 1e-12, "\(effect.path) std.all")
        }
        // ID has no direct path to PI: no direct row, but indirect and total.
        #expect(!effects.contains { $0.kind == .direct && $0.from == "ID" && $0.to == "PI" })
        #expect(fit.hasMediation)
        #expect(!effects.contains { $0.kind == .specific })  // one mediator: the indirect effect is the only path
    }

    /// Two mediators in parallel and in series: the specific paths add up to the total indirect effect.
    @Test func specificPathsAddUpToTheIndirectEffect() throws {
        let data = try LavaanReference.data("holzinger-swineford-1939.csv")
        let table = try ParameterTable(model: "x4 ~ x1\nx7 ~ x1 + x4\nx9 ~ x1 + x4 + x7")
        let fit = try SEMFit(try SEMModel(table: table, moments: try SampleMoments(data: data, variables: table.variables.observed)))
        let specific = fit.effects.filter { $0.kind == .specific && $0.from == "x1" && $0.to == "x9" }
        #expect(specific.map(\.through) == [["x4"], ["x7"], ["x4", "x7"]])
        let indirect = try #require(fit.effects.first { $0.kind == .indirect && $0.from == "x1" && $0.to == "x9" })
        #expect(abs(specific.map(\.estimate).reduce(0, +) - indirect.estimate) < 1e-12)
    }
}
