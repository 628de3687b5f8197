import TrustPathLinalg
import TrustPathModelSpec

/// The model matrices behind a parameter table, in the LISREL "all-y" form lavaan uses:
/// η = α + Bη + ζ, y = ν + Λη + ε, with Ψ = Cov(ζ) and Θ = Cov(ε), so that
/// Σ(θ) = Λ (I-B)⁻¹ Ψ (I-B)⁻ᵀ Λᵀ + Θ and μ(θ) = ν + Λ (I-B)⁻¹ α
/// (Jöreskog & Sörbom; lavaan's `representation = "LISREL"`). Observed variables that take part in
/// regressions get a "dummy" latent twin (loading 1, residual variance 0), as in lavaan.
struct LISRELModel: Sendable {
    /// Where a parameter row lives.
    enum Slot: Sendable, Equatable {
        case lambda(Int, Int), beta(Int, Int), psi(Int, Int), theta(Int, Int), nu(Int), alpha(Int)
    }

    let observed: [String]
    /// Latent variables, then dummy twins of observed variables in regressions.
    let eta: [String]
    /// For each parameter row of the table (same order as `table.parameterRows`), its slot.
    let slots: [Slot]
    /// Fixed structure: the dummy loadings.
    let dummyLoadings: [(Int, Int)]
    let hasMeans: Bool

    var p: Int { observed.count }
    var m: Int { eta.count }

    init(table: ParameterTable) throws(SEMError) {
        let variables = table.variables
        observed = variables.observed
        let latentSet = Set(variables.latent)
        let indicators = Set(variables.indicators)
        let rows = table.parameterRows
        let inRegressions = rows.filter { $0.op == "~" }.flatMap { [$0.lhs, $0.rhs] }
        var dummies: [String] = []
        for name in observed where inRegressions.contains(name) && !indicators.contains(name) && !latentSet.contains(name) {
            dummies.append(name)
        }
        eta = variables.latent + dummies
        hasMeans = table.options.meanStructure
        let etaIndex = Dictionary(uniqueKeysWithValues: eta.enumerated().map { ($1, $0) })
        let obsIndex = Dictionary(uniqueKeysWithValues: observed.enumerated().map { ($1, $0) })
        dummyLoadings = dummies.compactMap { name in
            guard let i = obsIndex[name], let j = etaIndex[name] else { return nil }
            return (i, j)
        }
        var slots: [Slot] = []
        for row in rows {
            switch row.op {
            case "=~":
                guard let j = etaIndex[row.lhs] else { throw SEMError.unsupported("a loading on '\(row.lhs)'") }
                if let i = etaIndex[row.rhs], latentSet.contains(row.rhs) {
                    slots.append(.beta(i, j))  // higher-order factor: η_rhs = λ η_lhs + ζ
                } else if let i = obsIndex[row.rhs] {
                    slots.append(.lambda(i, j))
                } else {
                    throw SEMError.unsupported("the indicator '\(row.rhs)'")
                }
            case "~":
                guard let j = etaIndex[row.rhs] else { throw SEMError.unsupported("the regression \(row.lhs) ~ \(row.rhs)") }
                if let i = etaIndex[row.lhs] {
                    slots.append(.beta(i, j))
                } else if let i = obsIndex[row.lhs] {
                    slots.append(.lambda(i, j))  // an indicator on a covariate (MIMIC with DIF): a loading on its twin, as lavaan
                } else {
                    throw SEMError.unsupported("the regression \(row.lhs) ~ \(row.rhs)")
                }
            case "~~":
                if let i = etaIndex[row.lhs], let j = etaIndex[row.rhs] {
                    slots.append(.psi(max(i, j), min(i, j)))
                } else if let i = obsIndex[row.lhs], let j = obsIndex[row.rhs], etaIndex[row.lhs] == nil, etaIndex[row.rhs] == nil {
                    slots.append(.theta(max(i, j), min(i, j)))
                } else {
                    throw SEMError.unsupported("the covariance \(row.lhs) ~~ \(row.rhs) between a variable in a regression and an indicator")
                }
            case "~1":
                if let i = etaIndex[row.lhs] {
                    slots.append(.alpha(i))
                } else if let i = obsIndex[row.lhs] {
                    slots.append(.nu(i))
                } else {
                    throw SEMError.unsupported("the intercept of '\(row.lhs)'")
                }
            default:
                throw SEMError.unsupported("the operator '\(row.op)'")
            }
        }
        self.slots = slots
    }

    /// The matrices at `values`, one value per parameter row.
    func matrices(_ values: [Double]) -> ModelMatrices {
        var lambda = Matrix(rows: p, columns: m), beta = Matrix(rows: m, columns: m)
        var psi = Matrix(rows: m, columns: m), theta = Matrix(rows: p, columns: p)
        var nu = [Double](repeating: 0, count: p), alpha = [Double](repeating: 0, count: m)
        for (i, j) in dummyLoadings { lambda[i, j] = 1 }
        for (slot, value) in zip(slots, values) {
            switch slot {
            case .lambda(let i, let j): lambda[i, j] = value
            case .beta(let i, let j): beta[i, j] = value
            case .psi(let i, let j): psi[i, j] = value; psi[j, i] = value
            case .theta(let i, let j): theta[i, j] = value; theta[j, i] = value
            case .nu(let i): nu[i] = value
            case .alpha(let i): alpha[i] = value
            }
        }
        return ModelMatrices(lambda: lambda, beta: beta, psi: psi, theta: theta, nu: nu, alpha: alpha)
    }
}

/// Λ, B, Ψ, Θ, ν, α at one parameter vector, and what follows from them.
struct ModelMatrices: Sendable {
    let lambda: Matrix, beta: Matrix, psi: Matrix, theta: Matrix
    let nu: [Double], alpha: [Double]

    /// (I - B)⁻¹; throws when I - B is singular (a non-recursive model with unit feedback).
    func inverseIMinusB() throws(GSLError) -> Matrix {
        let m = beta.rows
        guard beta.elements.contains(where: { $0 != 0 }) else { return .identity(m) }
        return try (Matrix.identity(m) - beta).inverse()
    }
}
