import TrustPathLinalg
import TrustPathResampling
import TrustPathSurvey

/// Hayes's PROCESS models as systems of OLS equations (Hayes 2022, *Introduction to Mediation,
/// Moderation, and Conditional Process Analysis*, 3rd ed., appendix A):
/// - 1: Y = b₀ + b₁X + b₂W + b₃XW (moderation);
/// - 4: Mⱼ = aⱼX, Y = c′X + Σ bⱼMⱼ (parallel mediation; indirect effects aⱼbⱼ);
/// - 6: M₁ = a₁X, M₂ = a₂X + d₂₁M₁, Y = c′X + b₁M₁ + b₂M₂ (serial; a₁b₁, a₂b₂, a₁d₂₁b₂);
/// - 7: M = a₁X + a₂W + a₃XW, Y = c′X + bM (first-stage moderated mediation; index a₃b);
/// - 14: M = aX, Y = c′X + b₁M + b₂W + b₃MW (second-stage; index ab₃).
/// Covariates enter every equation. Each equation is fitted by ``OLSFit`` (R's lm).
public struct ProcessModel: Sendable {
    public enum Number: Int, Sendable, CaseIterable { case one = 1, four = 4, six = 6, seven = 7, fourteen = 14 }

    public let number: Number
    public let x: String, y: String, w: String?
    public let mediators: [String]
    public let covariates: [String]
    /// One formula per equation: mediators first, the outcome last.
    public let equations: [RegressionFormula]

    public init(number: Number, x: String, y: String, mediators: [String] = [], w: String? = nil, covariates: [String] = []) throws(RegressionError) {
        switch number {
        case .one:
            guard let w, mediators.isEmpty else { throw .processModel(number: 1, needs: "a moderator (--w) and no mediator (--m)") }
            equations = [RegressionFormula(outcome: y, terms: [[x], [w], [x, w]] + covariates.map { [$0] })]
        case .four:
            guard !mediators.isEmpty, w == nil else { throw .processModel(number: 4, needs: "one or more mediators (--m) and no moderator (--w)") }
            equations = mediators.map { RegressionFormula(outcome: $0, terms: [[x]] + covariates.map { [$0] }) }
                + [RegressionFormula(outcome: y, terms: [[x]] + mediators.map { [$0] } + covariates.map { [$0] })]
        case .six:
            guard mediators.count == 2, w == nil else { throw .processModel(number: 6, needs: "two mediators in causal order (--m M1,M2) and no moderator (--w)") }
            equations = [RegressionFormula(outcome: mediators[0], terms: [[x]] + covariates.map { [$0] }),
                         RegressionFormula(outcome: mediators[1], terms: [[x], [mediators[0]]] + covariates.map { [$0] }),
                         RegressionFormula(outcome: y, terms: [[x], [mediators[0]], [mediators[1]]] + covariates.map { [$0] })]
        case .seven:
            guard let w, mediators.count == 1 else { throw .processModel(number: 7, needs: "one mediator (--m) and a moderator (--w)") }
            equations = [RegressionFormula(outcome: mediators[0], terms: [[x], [w], [x, w]] + covariates.map { [$0] }),
                         RegressionFormula(outcome: y, terms: [[x], [mediators[0]]] + covariates.map { [$0] })]
        case .fourteen:
            guard let w, mediators.count == 1 else { throw .processModel(number: 14, needs: "one mediator (--m) and a moderator (--w)") }
            equations = [RegressionFormula(outcome: mediators[0], terms: [[x]] + covariates.map { [$0] }),
                         RegressionFormula(outcome: y, terms: [[x], [mediators[0]], [w], [mediators[0], w]] + covariates.map { [$0] })]
        }
        self.number = number
        self.x = x
        self.y = y
        self.w = w
        self.mediators = mediators
        self.covariates = covariates
    }

    /// Every variable of the model, for listwise deletion across all equations (as PROCESS does).
    public var variables: [String] {
        var names: [String] = []
        for name in equations.flatMap(\.variables) where !names.contains(name) { names.append(name) }
        return names
    }

    /// The effects the model is about, as functions of the equations' coefficients
    /// (`coefficients[e][t]`: equation e, term t with the intercept at 0), at moderator value `w`.
    public func effects(_ c: [[Double]], at w: Double? = nil) -> [(name: String, value: Double)] {
        switch number {
        case .one:
            return [("conditional effect of \(x)", c[0][1] + c[0][3] * (w ?? 0))]
        case .four:
            let k = mediators.count, outcome = c[k]
            var result = mediators.enumerated().map { j, m in ("indirect via \(m)", c[j][1] * outcome[2 + j]) }
            if k > 1 { result.append(("total indirect", result.reduce(0) { $0 + $1.1 })) }
            result.append(("direct", outcome[1]))
            return result.map { (name: $0.0, value: $0.1) }
        case .six:
            let a1 = c[0][1], a2 = c[1][1], d21 = c[1][2], b1 = c[2][2], b2 = c[2][3]
            let paths = [("indirect via \(mediators[0])", a1 * b1), ("indirect via \(mediators[1])", a2 * b2),
                         ("indirect via \(mediators[0]) then \(mediators[1])", a1 * d21 * b2)]
            return (paths + [("total indirect", a1 * b1 + a2 * b2 + a1 * d21 * b2), ("direct", c[2][1])]).map { (name: $0.0, value: $0.1) }
        case .seven:
            let b = c[1][2]
            if let w { return [("conditional indirect", (c[0][1] + c[0][3] * w) * b)] }
            return [("index of moderated mediation", c[0][3] * b), ("direct", c[1][1])]
        case .fourteen:
            let a = c[0][1]
            if let w { return [("conditional indirect", a * (c[1][2] + c[1][4] * w))] }
            return [("index of moderated mediation", a * c[1][4]), ("direct", c[1][1])]
        }
    }

    /// Whether the model has a moderator whose values condition the effects.
    public var isModerated: Bool { w != nil }
}

/// The complete rows of a PROCESS model's variables: what the equations and the bootstrap use.
public struct ProcessData: Sendable {
    public let model: ProcessModel
    public let names: [String]
    /// Column-major values on the complete rows.
    let columns: [[Double]]
    public var count: Int { columns.first?.count ?? 0 }

    public init(model: ProcessModel, data: SurveyData) throws(RegressionError) {
        let complete = try RegressionError.completeRows(data, model.variables)
        self.model = model
        names = model.variables
        columns = complete.columns.indices.map(complete.values)
    }

    /// The moderator's values on the complete rows.
    public func values(of name: String) -> [Double] { names.firstIndex(of: name).map { columns[$0] } ?? [] }

    /// OLS fits of every equation on the rows `rows` (repeats allowed).
    public func fits(rows: [Int]? = nil) throws(RegressionError) -> [OLSFit] {
        let selected = rows ?? Array(0..<count)
        var fits: [OLSFit] = []
        for formula in model.equations {
            let outcome = columns[names.firstIndex(of: formula.outcome) ?? 0]
            var elements: [Double] = []
            elements.reserveCapacity(selected.count * (formula.terms.count + 1))
            for row in selected {
                elements.append(1)
                for term in formula.terms {
                    elements.append(term.reduce(1.0) { product, name in product * columns[names.firstIndex(of: name) ?? 0][row] })
                }
            }
            let design = DesignMatrix(formula: formula, x: Matrix(rows: selected.count, columns: formula.terms.count + 1, elements: elements),
                                      y: selected.map { outcome[$0] })
            fits.append(try OLSFit(design))
        }
        return fits
    }
}

/// Percentile bootstrap of a PROCESS model's effects (PROCESS's default, 5,000 draws): each draw
/// resamples the complete rows (``Bootstrap``, identical for any number of jobs), refits every
/// equation and recomputes the effects.
public struct ProcessBootstrap: Sendable {
    /// For each effect (in `model.effects` order, per moderator value when conditional), its draws.
    public let draws: [[Double]]
    public let failed: Int

    public init(data: ProcessData, moderatorValues: [Double?], draws count: Int, seed: UInt64, jobs: Int) {
        @Sendable func effects(_ rows: [Int]?) -> [Double]? {
            guard let fits = try? data.fits(rows: rows) else { return nil }
            let coefficients = fits.map(\.coefficients)
            return moderatorValues.flatMap { w in data.model.effects(coefficients, at: w).map(\.value) }
        }
        let width = effects(nil)?.count ?? 0
        let bootstrap = Bootstrap.resample(draws: count, seed: seed, jobs: jobs, scheme: .rows(data.count), width: width) {
            rows in effects(rows[0])
        }
        draws = bootstrap.values
        failed = bootstrap.failedDraws.count
    }
}
