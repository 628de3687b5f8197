import TrustPathLinalg
import TrustPathModelSpec

/// F = Σ_g w_g F_g over the groups of a ``MultiGroupModel``, each group's F_g its own discrepancy
/// problem (ML or FIML with w_g = N_g/N; least squares with w_g = (N_g - 1)/(N - G)), the gradient
/// and unit information assembled from the groups' through the map from global to group coordinates.
struct GroupsDiscrepancy<Part: DiscrepancyProblem>: DiscrepancyProblem {
    let model: MultiGroupModel
    let parts: [Part]
    let weights: [Double]

    func evaluate(_ phi: [Double]) -> ([Part.Evaluation], Double)? {
        var evaluations: [Part.Evaluation] = [], f = 0.0
        for (g, part) in parts.enumerated() {
            guard let (e, value) = part.evaluate(model.local(phi, group: g)) else { return nil }
            f += weights[g] * value
            evaluations.append(e)
        }
        return f.isFinite ? (evaluations, f) : nil
    }

    func gradient(at evaluations: [Part.Evaluation]) -> [Double] {
        var gradient = [Double](repeating: 0, count: model.freeCount)
        for (g, part) in parts.enumerated() {
            for (k, value) in part.gradient(at: evaluations[g]).enumerated() { gradient[model.globalCoordinates[g][k]] += weights[g] * value }
        }
        return gradient
    }

    func information(at evaluations: [Part.Evaluation]) -> Matrix {
        var information = Matrix(rows: model.freeCount, columns: model.freeCount)
        for (g, part) in parts.enumerated() {
            let own = part.information(at: evaluations[g])
            let map = model.globalCoordinates[g]
            for a in map.indices { for b in map.indices { information[map[a], map[b]] += weights[g] * own[a, b] } }
        }
        return information
    }

    /// The observed unit information: the Hessian of F/2 by differences of the gradient.
    func observedInformation(at phi: [Double]) -> Matrix {
        ObservedInformation.matrix(theta: phi) { point in
            evaluate(point).map { gradient(at: $0.0) } ?? [Double](repeating: .nan, count: point.count)
        }
    }

    func weakParameters(_ information: Matrix) -> [String] {
        var names = [String](repeating: "", count: model.freeCount)
        for (g, group) in model.groups.enumerated().reversed() {
            for (k, global) in model.globalCoordinates[g].enumerated() {
                let row = group.firstRow(ofCoordinate: k)
                names[global] = "\(row.lhs) \(row.op) \(row.rhs)".trimmingCharacters(in: .whitespaces) + " (group \(g + 1))"
            }
        }
        return Identification.weakParameters(names: names, information: information)
    }
}

/// Multi-group ML on complete data.
typealias MultiGroupDiscrepancy = GroupsDiscrepancy<SingleGroupDiscrepancy>

extension GroupsDiscrepancy where Part == SingleGroupDiscrepancy {
    init(model: MultiGroupModel) throws(SEMError) {
        var parts: [SingleGroupDiscrepancy] = []
        for group in model.groups {
            do { parts.append(SingleGroupDiscrepancy(model: group, logDeterminantS: try group.moments.covariance.logDeterminantSPD())) } catch {
                try group.moments.checkPositiveDefinite()
                throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
            }
        }
        self.init(model: model, parts: parts, weights: model.weights)
    }
}

extension GroupsDiscrepancy where Part == FIMLDiscrepancy {
    /// Multi-group FIML: each group's casewise likelihood over its missing-data patterns, relative to its EM saturated model.
    init(fullInformation model: MultiGroupModel) throws(SEMError) {
        var parts: [FIMLDiscrepancy] = []
        for (group, patterns) in zip(model.groups, model.patterns) {
            guard let saturated = patterns.discrepancy(means: group.moments.means, covariance: group.moments.covariance) else {
                throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: [])
            }
            parts.append(FIMLDiscrepancy(model: group, patterns: patterns, saturated: saturated))
        }
        self.init(model: model, parts: parts, weights: model.weights)
    }
}

/// A fitted multi-group model: the estimates of every group's rows (group 1's, then group 2's, as
/// lavaan lists them), their covariance matrix I⁻¹/N over the shared free parameters, standardized
/// values within each group, and the fit measures (``FitMeasures/init(multiGroup:)``).
public struct MultiGroupFit: Sendable {
    public let model: MultiGroupModel
    public let solution: MLEstimator.Solution
    /// Covariance matrix of the free parameters: I⁻¹/N (NaN when the information is singular), or
    /// a robust one (``replacingCovariance(_:)``).
    public private(set) var covariance: Matrix
    public let informationProblem: [String]?
    /// Each group's parameter-row values, implied covariance matrix and means.
    public let rowValues: [[Double]]
    public let impliedCovariances: [Matrix]
    public let impliedMeans: [[Double]]
    let evaluations: [ModelEvaluation]
    public private(set) var estimates: [ParameterEstimate] = []

    /// Fits `model` by maximum likelihood, from `start` (a bootstrap draw starts from the
    /// estimates) or lavaan-like start values; standard errors from lavaan's default information
    /// (`information` nil: expected on complete rows, observed, the Hessian of F/2, with FIML) or the
    /// one named: with FIML the expected one is Σ_g f_g of each group's over its missing-data patterns
    /// (``FIMLFit/expectedInformation(model:evaluation:patterns:)``), mapped onto the shared parameters.
    public init(
        _ model: MultiGroupModel, start given: [Double]? = nil, information: SEMFit.Information? = nil
    ) throws(SEMError) {
        guard model.degreesOfFreedom >= 0 else {
            throw SEMError.negativeDegreesOfFreedom(parameters: model.freeCount, moments: model.degreesOfFreedom + model.freeCount)
        }
        let start = given ?? Self.startValues(model)
        let solution: MLEstimator.Solution, evaluations: [ModelEvaluation]
        let covariance: Matrix, informationProblem: [String]?
        if model.patterns.isEmpty {
            let problem = try MultiGroupDiscrepancy(model: model)
            solution = try MLEstimator.minimize(problem, start: start, curvature: nil)
            guard let (found, _) = problem.evaluate(solution.theta) else {
                throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Fisher scoring")
            }
            evaluations = found
            let unitInformation =
                information == .observed
                ? problem.observedInformation(at: solution.theta) : problem.information(at: found)
            (covariance, informationProblem) = Self.covariance(unitInformation, model: model) {
                problem.weakParameters($0)
            }
        } else {
            // FIML: standard errors from the observed information, as lavaan's missing = "ml".
            let problem = try GroupsDiscrepancy(fullInformation: model)
            solution = try MLEstimator.minimize(problem, start: start, curvature: nil)
            guard let (found, _) = problem.evaluate(solution.theta) else {
                throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Fisher scoring then BFGS")
            }
            evaluations = found
            var unitInformation = problem.observedInformation(at: solution.theta)
            if information == .expected {
                unitInformation = Matrix(rows: model.freeCount, columns: model.freeCount)
                for (g, group) in model.groups.enumerated() {
                    guard let own = FIMLFit.expectedInformation(model: group, evaluation: found[g], patterns: model.patterns[g])
                    else { throw SEMError.notIdentified(parameters: problem.weakParameters(unitInformation)) }
                    let map = model.globalCoordinates[g]
                    for a in map.indices {
                        for b in map.indices { unitInformation[map[a], map[b]] += model.weights[g] * own[a, b] }
                    }
                }
            }
            (covariance, informationProblem) = Self.covariance(unitInformation, model: model) { problem.weakParameters($0) }
        }
        self.init(
            model: model, solution: solution, evaluations: evaluations, covariance: covariance,
            informationProblem: informationProblem)
    }

    /// A fit found by another discrepancy (least squares across groups): its solution, each group's
    /// model evaluation at it, and the covariance of the free parameters.
    init(
        model: MultiGroupModel, solution: MLEstimator.Solution, evaluations: [ModelEvaluation], covariance: Matrix,
        informationProblem: [String]?
    ) {
        self.model = model
        self.solution = solution
        self.evaluations = evaluations
        self.covariance = covariance
        self.informationProblem = informationProblem
        rowValues = model.groups.indices.map { model.groups[$0].rowValues(model.local(solution.theta, group: $0)) }
        impliedCovariances = evaluations.map(\.sigma)
        impliedMeans = evaluations.map(\.mu)
        estimates = computeEstimates()
    }

    /// lavaan-like start values of every group, each shared coordinate from the first group that has it.
    static func startValues(_ model: MultiGroupModel) -> [Double] {
        var start = [Double](repeating: 0, count: model.freeCount), seen = Set<Int>()
        for (g, group) in model.groups.enumerated() {
            for (k, value) in StartValues.vector(for: group).enumerated()
            where seen.insert(model.globalCoordinates[g][k]).inserted {
                start[model.globalCoordinates[g][k]] = value
            }
        }
        return start
    }

    /// Every group's rows with their standard errors from ``covariance`` and standardized values.
    private func computeEstimates() -> [ParameterEstimate] {
        var estimates: [ParameterEstimate] = []
        let q = model.freeCount
        for (g, group) in model.groups.enumerated() {
            let standardized = Standardization(model: group, rowValues: rowValues[g], evaluation: evaluations[g])
            for (r, row) in group.rows.enumerated() {
                var weights = [Double](repeating: 0, count: q)
                for (k, w) in group.rowWeights(r).enumerated() { weights[model.globalCoordinates[g][k]] += w }
                let se = row.isFree ? max(0, dot(weights, covariance * weights)).squareRoot() : 0
                estimates.append(ParameterEstimate(lhs: row.lhs, op: row.op, rhs: row.rhs, group: g + 1, label: row.label,
                                                   estimate: rowValues[g][r], standardError: se, isFree: row.isFree,
                                                   stdLV: standardized.latent[r], stdAll: standardized.all[r]))
            }
        }
        guard !model.definitions.isEmpty else { return estimates }
        let byGroup = { (column: (ParameterEstimate) -> Double) in model.groups.indices.map { g in estimates.filter { $0.group == g + 1 }.map(column) } }
        let values = definedValues(rowValues), latent = definedValues(byGroup(\.stdLV)), all = definedValues(byGroup(\.stdAll))
        let gradients = definedGradients()
        for (k, row) in model.definitions.enumerated() {
            let se = k < gradients.count ? max(0, dot(gradients[k], covariance * gradients[k])).squareRoot() : .nan
            estimates.append(ParameterEstimate(lhs: row.lhs, op: ":=", rhs: row.rhs, group: 0, label: row.label, estimate: values[k],
                                               standardError: se, isFree: true, stdLV: latent[k], stdAll: all[k]))
        }
        return estimates
    }

    /// The `:=` values with each label standing for its row's value in `values` (one array per
    /// group, the groups' row order); a label's first row counts, and a definition may use earlier ones.
    func definedValues(_ values: [[Double]]) -> [Double] {
        var byLabel: [String: Double] = [:]
        for (g, group) in model.groups.enumerated() {
            for (r, row) in group.rows.enumerated() where !row.label.isEmpty && byLabel[row.label] == nil { byLabel[row.label] = values[g][r] }
        }
        return model.definitions.map { row in
            let value = row.expression?.evaluate(byLabel) ?? .nan
            byLabel[row.lhs] = value
            return value
        }
    }

    /// ∂(defined parameter)/∂φ over the shared free parameters, by central differences with step
    /// 10⁻⁶·max(1, |φ|) (the delta method, lavaan's default for `:=`).
    func definedGradients() -> [[Double]] {
        let phi = solution.theta
        let valuesAt = { (point: [Double]) in
            self.definedValues(self.model.groups.indices.map { g in self.model.groups[g].rowValues(self.model.local(point, group: g)) })
        }
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: phi.count), count: model.definitions.count)
        for a in phi.indices {
            let h = 1e-6 * max(1, abs(phi[a]))
            var plus = phi, minus = phi
            plus[a] += h
            minus[a] -= h
            let up = valuesAt(plus), down = valuesAt(minus)
            for k in gradients.indices { gradients[k][a] = (up[k] - down[k]) / (2 * h) }
        }
        return gradients
    }

    /// The same fit with another covariance matrix of the free parameters (a robust one): its
    /// estimates carry the new standard errors.
    public func replacingCovariance(_ covariance: Matrix) -> MultiGroupFit {
        var copy = self
        copy.covariance = covariance
        copy.estimates = copy.computeEstimates()
        return copy
    }

    /// I⁻¹/N, or NaN with the parameters an unidentified model cannot separate.
    private static func covariance(_ information: Matrix, model: MultiGroupModel, weak: (Matrix) -> [String]) -> (Matrix, [String]?) {
        let q = model.freeCount
        if Identification.isIdentified(information: information), let inverse = try? information.inverseSPD() {
            return ((1 / Double(model.count)) * inverse, nil)
        }
        return (Matrix(rows: q, columns: q, repeating: .nan), weak(information))
    }

    /// Total rows analysed.
    public var count: Int { model.count }

    /// The difference of one parameter between groups a and b (1-based), value_a - value_b, with
    /// its standard error √(dᵀVd) over the shared parameters (d = the rows' weights in a minus b)
    /// and a normal-theory Wald test and 95% interval; nil when the row is not in both groups.
    public func difference(lhs: String, op: String, rhs: String, groups a: Int, _ b: Int) -> (estimate: Double, inference: Inference)? {
        guard let ra = model.groups[a - 1].rows.firstIndex(where: { $0.lhs == lhs && $0.op == op && $0.rhs == rhs }),
              let rb = model.groups[b - 1].rows.firstIndex(where: { $0.lhs == lhs && $0.op == op && $0.rhs == rhs }) else { return nil }
        var d = [Double](repeating: 0, count: model.freeCount)
        for (k, w) in model.groups[a - 1].rowWeights(ra).enumerated() { d[model.globalCoordinates[a - 1][k]] += w }
        for (k, w) in model.groups[b - 1].rowWeights(rb).enumerated() { d[model.globalCoordinates[b - 1][k]] -= w }
        let estimate = rowValues[a - 1][ra] - rowValues[b - 1][rb]
        let se = max(0, dot(d, covariance * d)).squareRoot()
        let z = se > 0 ? estimate / se : .nan
        return (estimate, Inference(standardError: se, zValue: z, pValue: z.isNaN ? .nan : Normal.twoSidedPValue(z: z),
                                    lower: estimate - Normal.quantile(0.975) * se, upper: estimate + Normal.quantile(0.975) * se))
    }

    /// The model-implied variance of a latent variable in group g (1-based), for standardizing a mean difference.
    public func latentVariance(_ name: String, group g: Int) -> Double? {
        guard let j = model.groups[g - 1].lisrel.eta.firstIndex(of: name) else { return nil }
        return evaluations[g - 1].latentCovariance[j, j]
    }
}
