import TrustPathLinalg
import TrustPathModelSpec

/// A population model for simulation: lavaan model syntax whose numbers are population values,
/// turned into each group's implied means μ and covariance matrix Σ as lavaan's `simulateData()`
/// does it (lavaan 0.6, Rosseel 2012):
/// - latent variables are scaled by their variances (`std.lv = TRUE`), exogenous observed
///   variables are random (`fixed.x = FALSE`);
/// - a value written before `*` (`0.8*x`, or `start(0.8)*x`) is the population value; what is not
///   written is 1 for loadings (0.7 when standardized) and variances, 0 for everything else;
/// - `c(v1, v2, ...)*x` gives one value per group; `y ~ c(0, 0.3)*1` makes group means differ;
/// - Σ = Λ A Ψ Aᵀ Λᵀ + Θ and μ = ν + Λ A α with A = (I - B)⁻¹ (``LISRELModel``).
///
/// Scaling (`simulateData(standardized = TRUE)` and one step further):
/// - ``Scaling/standardized`` is lavaan's: with the residual variances of predicted latent and
///   observed variables set to 0, each predicted latent variable's residual variance becomes
///   1 - Var(η) (one pass, exogenous variances as given) and then each observed (non-exogenous)
///   variable's residual variance 1 - Var(y), so that observed variances are 1 and loadings are
///   standardized. As in lavaan, a latent variable predicted by another predicted one (PI in
///   HA → PT → PI) then has a total variance above 1.
/// - ``Scaling/standardizedLatent`` also makes every latent variance 1 (residual variance
///   1 - R², found in causal order), so that structural coefficients are standardized too:
///   what a paper's standardized path coefficients mean.
public struct PopulationModel: Sendable {
    public enum Scaling: String, Sendable, CaseIterable {
        case raw
        case standardized
        case standardizedLatent = "standardized-latent"
    }

    /// One group's population moments.
    public struct Group: Sendable {
        public let means: [Double]
        public let covariance: Matrix
        /// Every parameter row with its population value (residual variances as scaled).
        public let rows: [(row: ParameterRow, value: Double)]
    }

    /// Observed variables, in lavaan's order (the columns `simulateData` returns).
    public let variables: [String]
    public let groups: [Group]
    public let scaling: Scaling

    public init(model text: String, groupCount: Int = 1, scaling: Scaling = .raw) throws(SimulationError) {
        let statements: [ModelStatement]
        do { statements = try ModelParser.parse(text) } catch { throw .model(.syntax(error)) }
        var groups: [Group] = []
        var variables: [String] = []
        for g in 0..<max(1, groupCount) {
            let table: ParameterTable, exogenous: [String]
            do {
                let own = try ModelStatement.forGroup(g, of: max(1, groupCount), statements)
                table = try ParameterTable(statements: own, options: ModelOptions(standardizedLatents: true, fixedExogenous: false))
                exogenous = try ParameterTable(statements: own, options: ModelOptions(standardizedLatents: true)).variables.exogenousObserved
            } catch { throw .model(error) }
            if let constraint = table.rows.first(where: { $0.op == "==" }) {
                throw .constraint(text: "\(constraint.lhs) == \(constraint.rhs)")
            }
            let lisrel: LISRELModel
            do { lisrel = try LISRELModel(table: table) } catch { throw .unsupported(error.message) }
            let rows = table.parameterRows
            var values = rows.map { row -> Double in
                if let value = row.fixedValue ?? row.start { return value }
                if row.op == "=~" { return scaling == .raw ? 1 : 0.7 }
                return row.isVariance ? 1 : 0
            }
            if scaling != .raw {
                values = try Self.standardize(values, rows: rows, lisrel: lisrel, exogenous: Set(exogenous),
                                              exogenousLatent: Set(table.variables.exogenousLatent),
                                              latentToo: scaling == .standardizedLatent, group: g + 1)
            }
            let moments = try Self.moments(lisrel.matrices(values), group: g + 1)
            variables = lisrel.observed
            groups.append(Group(means: moments.means, covariance: moments.covariance, rows: Array(zip(rows, values))))
        }
        self.variables = variables
        self.groups = groups
        self.scaling = scaling
    }

    /// lavaan's two-stage standardization (see the type's documentation), with the latent
    /// variances made exactly 1 when `latentToo`.
    private static func standardize(_ values: [Double], rows: [ParameterRow], lisrel: LISRELModel, exogenous: Set<String>,
                                    exogenousLatent: Set<String>, latentToo: Bool, group: Int) throws(SimulationError) -> [Double] {
        var values = values
        let latent = Set(lisrel.eta.prefix { !lisrel.observed.contains($0) })
        let predicted = latent.subtracting(exogenousLatent)
        let latentRows = rows.indices.filter { rows[$0].isVariance && predicted.contains(rows[$0].lhs) }
        let observedRows = rows.indices.filter { rows[$0].isVariance && !latent.contains(rows[$0].lhs) && !exogenous.contains(rows[$0].lhs) }
        for r in latentRows + observedRows { values[r] = 0 }
        let etaIndex = Dictionary(uniqueKeysWithValues: lisrel.eta.enumerated().map { ($1, $0) })
        // One pass is lavaan's rule; further passes settle a chain of predicted latent variables at 1.
        for _ in 0..<(latentToo ? lisrel.m + 1 : 1) {
            let implied = try latentCovariance(lisrel.matrices(values), group: group)
            for r in latentRows {
                guard let j = etaIndex[rows[r].lhs] else { continue }
                values[r] = latentToo ? values[r] + 1 - implied[j, j] : 1 - implied[j, j]
            }
        }
        let sigma = try moments(lisrel.matrices(values), group: group).covariance
        for r in observedRows {
            guard let i = lisrel.observed.firstIndex(of: rows[r].lhs) else { continue }
            values[r] = 1 - sigma[i, i]
        }
        for r in latentRows + observedRows where values[r] < 0 {
            throw .varianceAboveOne(variable: rows[r].lhs, explained: 1 - values[r], group: group)
        }
        return values
    }

    private static func latentCovariance(_ matrices: ModelMatrices, group: Int) throws(SimulationError) -> Matrix {
        let a: Matrix
        do { a = try matrices.inverseIMinusB() } catch { throw .notRecursive(group: group) }
        return a * matrices.psi * a.transposed
    }

    private static func moments(_ matrices: ModelMatrices, group: Int) throws(SimulationError) -> (means: [Double], covariance: Matrix) {
        let a: Matrix
        do { a = try matrices.inverseIMinusB() } catch { throw .notRecursive(group: group) }
        let product = matrices.lambda * (a * matrices.psi * a.transposed) * matrices.lambda.transposed + matrices.theta
        let means = zip(matrices.nu, matrices.lambda * (a * matrices.alpha)).map(+)
        return (means, 0.5 * (product + product.transposed))
    }
}

/// Why a population model cannot be simulated from.
public enum SimulationError: Error, Equatable, Sendable {
    case model(ModelSpecError)
    case constraint(text: String)
    case notRecursive(group: Int)
    case varianceAboveOne(variable: String, explained: Double, group: Int)
    case notPositiveSemidefinite(group: Int, smallestEigenvalue: Double)
    case unsupported(String)
    case invalidOption(String)

    public func message(file: String) -> String {
        let groupText = { (group: Int) in group > 1 ? " in group \(group)" : "" }
        switch self {
        case .model(let error): return error.message(file: file)
        case .constraint(let text):
            return "\(file): the constraint '\(text)' has no meaning in a population model; write the population values instead"
        case .notRecursive(let group):
            return "\(file): the regressions form a loop with unit feedback\(groupText(group)) (I - B is singular); no population covariance exists"
        case .varianceAboveOne(let variable, let explained, let group):
            return "\(file): with standardized values, the model explains \(Self.fixed(explained)) of the variance of '\(variable)'\(groupText(group)), "
                + "more than 1; make its loadings or paths smaller"
        case .notPositiveSemidefinite(let group, let smallest):
            return "\(file): the implied population covariance matrix\(groupText(group)) is not positive semidefinite "
                + "(smallest eigenvalue \(Self.fixed(smallest))); check negative variances or covariances larger than the variances"
        case .unsupported(let reason): return "\(file): \(reason)"
        case .invalidOption(let reason): return reason
        }
    }

    private static func fixed(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
