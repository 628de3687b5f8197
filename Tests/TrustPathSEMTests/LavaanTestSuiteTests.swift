import Foundation
import Testing
import TrustPathSEM
import TrustPathSurvey

/// The fits of lavaan's own former test suite (inst/tests: testfitov1-3, testfitlv1/1x/2/2x),
/// refitted by lavaan 0.6-14 on the data they simulate (tools/make-lavaan-tests-fixtures.R):
/// one-variable models, regressions with fixed or free predictors, factor models with covariates
/// and direct effects, each complete, with 10% missing values (listwise and FIML) and with binary
/// items (WLSMV). Every case either matches lavaan (every row; estimates to 1e-6, standard errors
/// and the core fit measures to 1e-4, relative) or is refused with the reason listed in
/// ``LavaanTestSuite/notYet``.
@Suite struct LavaanTestSuite {
    struct Case: Sendable, CustomStringConvertible {
        let name, model, data, estimator, missing, fixedX, ordered: String
        var description: String { name }

        var options: SEMOptions {
            SEMOptions(
                estimator: SEMOptions.Estimator(rawValue: estimator.lowercased()),
                missing: missing == "ml" ? .fiml : SEMOptions.MissingData(rawValue: missing) ?? .listwise,
                ordered: ordered.isEmpty ? .none : .variables(ordered.split(separator: " ").map(String.init)),
                fixedExogenous: fixedX == "default" ? nil : fixedX == "TRUE")
        }
    }

    static let folder = LavaanReference.repository
        .appendingPathComponent("Tests/TrustPathSEMTests/Fixtures/lavaan-tests").path

    static let cases: [Case] = {
        guard let rows = try? LavaanReference.table(folder + "/cases.csv") else { return [] }
        return rows.map {
            Case(
                name: $0["case"] ?? "", model: ($0["model"] ?? "").replacingOccurrences(of: "; ", with: "\n"),
                data: $0["data"] ?? "", estimator: $0["estimator"] ?? "", missing: $0["missing"] ?? "",
                fixedX: $0["fixed.x"] ?? "", ordered: $0["ordered"] ?? "")
        }
    }()

    /// The cases lavaan runs and TrustPath refuses, with the start of the refusal.
    static let notYet: [String: String] = [
        "ov3-binary-y1": "continuous items beside ordered ones with observed predictors is not available yet",
        "lv2-binary-chain": "an ordinal variable predicting others while predicted itself (y4)",
        "lv1x-binary-pairwise":
            "missing = pairwise with observed predictors or continuous variables is not available yet",
        "lv2x-binary-pairwise":
            "missing = pairwise with observed predictors or continuous variables is not available yet",
    ]

    /// Standard errors compared more loosely: lv2-fiml's solution is nearly unidentified
    /// (f2 =~ y5 = 8.3 with SE 41), so the observed information, a numerical Hessian in lavaan and
    /// here, is ill-conditioned: lavaan's own SEs move by 0.06% between its nlminb solution and the
    /// polished one, and TrustPath's lie within 0.3% of them.
    static let standardErrorTolerance: [String: Double] = ["lv2-fiml": 1e-2]

    @Test func everyCaseIsRead() { #expect(Self.cases.count == 41) }

    @Test(arguments: cases)
    func matchesLavaanOrIsRefusedAsListed(_ test: Case) throws {
        let data = try SurveyReader.read(Self.folder + "/" + test.data)
        let result: SEMResult
        do {
            result = try SEM.fit(model: test.model, data: data, options: test.options)
        } catch {
            let expected = try #require(Self.notYet[test.name], "\(test.name): \(error.message)")
            #expect(error.message.hasPrefix(expected), "\(test.name): \(error.message)")
            return
        }
        #expect(Self.notYet[test.name] == nil, "\(test.name) now runs: take it off the not-yet list")
        let reference = try LavaanReference.table(Self.folder + "/\(test.name)/estimates.csv")
        var problems: [String] = []
        let ours = Dictionary(
            result.estimates.map { ("\($0.lhs) \($0.op) \($0.rhs)", $0) }, uniquingKeysWith: { a, _ in a })
        for row in reference {
            let key = "\(row["lhs"] ?? "") \(row["op"] ?? "") \(row["rhs"] ?? "")"
            guard let mine = ours[key] else {
                problems.append("\(key): missing")
                continue
            }
            let est = Double(row["est"] ?? "") ?? .nan
            let se = Double(row["se"] ?? "") ?? .nan
            if !(abs(mine.estimate - est) <= 1e-6 * max(1, abs(est))) {
                problems.append("\(key) est \(mine.estimate) vs \(est)")
            }
            let tolerance = Self.standardErrorTolerance[test.name] ?? 1e-4
            if !(abs(mine.standardError - se) <= tolerance * max(1, abs(se))) {
                problems.append("\(key) se \(mine.standardError) vs \(se)")
            }
        }
        if reference.count != result.estimates.count {
            problems.append("\(result.estimates.count) rows against lavaan's \(reference.count)")
        }
        let fit = try LavaanReference.table(Self.folder + "/\(test.name)/fit.csv")
        let core = ["chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "logl", "chisq.scaled", "cfi.scaled"]
        for row in fit where core.contains(row["measure"] ?? "") {
            let name = row["measure"] ?? ""
            guard let want = Double(row["value"] ?? "") else { continue }
            guard let value = result.measures[name] else {
                problems.append("\(name): missing")
                continue
            }
            if !(abs(value - want) <= 1e-4 * max(1, abs(want))) { problems.append("\(name) \(value) vs \(want)") }
        }
        #expect(problems.isEmpty, "\(test.name):\n\(problems.joined(separator: "\n"))")
    }
}
