import Foundation
import TrustPathLinalg
import TrustPathModelSpec
import TrustPathSurvey

/// Ordinal items across groups, as lavaan's `estimator = "WLSMV"` with `group =` (delta
/// parameterization; Muthén, du Toit & Spisic 1997; Millsap & Yun-Tein 2004):
/// - each group's thresholds, polychoric correlations and Γ_g (``PolychoricMoments``), or with observed
///   predictors its thresholds, slopes and residual correlations given them (``ConditionalMoments``,
///   lavaan's conditional.x; the covariates' moments fixed per group); every group must use the same
///   categories of an item;
/// - DWLS over the groups (``OrdinalGroupsDiscrepancy``): thresholds free in each group, or held
///   equal (`group.equal = "thresholds"`), which frees the scale factors Δ (`~*~`) and the latent
///   means of groups 2, 3, ...; items' intercepts are 0 and their residual variances follow from
///   Δ: θ_jj = 1/Δ_j² - (ΛΨΛᵀ)_jj;
/// - robust covariance E⁻¹(Σ_g f_g J_gᵀW_gΓ_gW_gJ_g)E⁻¹/(N - G) with E = Σ_g f_g J_gᵀW_gJ_g,
///   f_g = (n_g - 1)/(N - G) (lavaan's N - 1 of one group, found to match its standard errors to 1e-4);
/// - X² = Σ_g (n_g - 1)F_g and the scaled-shifted test from U = V - VJE⁻¹JᵀV, V = ⊕ f_gW_g, and
///   Γ = ⊕ Γ_g/f_g (lavaan's `lav_test_satorra_bentler` over the groups);
/// - the baseline: every correlation 0 in every group.
public struct WLSMVGroupsFit: Sendable {
    /// The structural model (items' residual variances 1 while estimating, intercepts 0).
    public let model: MultiGroupModel
    /// Each group's statistics: polychoric, or given the observed covariates (conditional.x).
    let moments: [any OrdinalStatistics]
    public let thresholdsEqual: Bool
    /// Every group's rows in lavaan's order: the user's rows, thresholds, variances, scale factors, intercepts and means.
    public let estimates: [ParameterEstimate]
    public let measures: FitMeasures
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    /// Free parameters, thresholds and scale factors included (lavaan's npar).
    public let freeCount: Int
    public let iterations: Int
    /// For difference tests: the Jacobians J_g at the estimates, E⁻¹ (unit information f-weighted), the DWLS weights and Γ_g.
    let jacobians: [Matrix]
    let informationInverse: Matrix
    let weights: [[Double]]
    let groupShares: [Double]

    /// `estimator`, `robust` and `scaledShifted` as ``WLSMVFit``'s: ULSMV and ULS weigh every statistic
    /// by 1, DWLS and ULS report the standard errors E⁻¹/(N - G) and the unscaled test.
    public init(model text: String, data: SurveyData, groupColumn: String, options: ModelOptions = ModelOptions(),
                equal: Set<MultiGroupModel.EqualityClass> = [], partial: [String] = [],
                estimator: LeastSquaresFit.Estimator = .wlsmv, robust: Bool = true, scaledShifted: Bool = true) throws {
        let thresholdPartial = partial.filter { $0.contains("|") }
        let structural = try MultiGroupModel(model: text, data: data, groupColumn: groupColumn, options: options, equal: equal,
                                             partial: partial.filter { !$0.contains("|") }, adjust: Self.estimationTable)
        guard structural.definitions.isEmpty else {
            throw SEMError.refused(SEMRefusal(combination: "':=' rows with ordered items across groups",
                                              reason: "defined parameters across groups are computed for ML fits", source: .notYet))
        }
        let variables = structural.groups[0].table.variables
        let covariates = variables.exogenousObserved
        let inRegressions = variables.observed.filter { !variables.indicators.contains($0) && !covariates.contains($0) }
        guard inRegressions.isEmpty else {
            throw SEMError.unsupported("an ordinal variable in a regression or covariance outside a measurement model ("
                + inRegressions.joined(separator: ", ") + ") across groups; with WLSMV, measure it by a latent variable")
        }
        let itemNames = variables.observed.filter { !covariates.contains($0) }, p = itemNames.count
        let moments: [any OrdinalStatistics] =
            covariates.isEmpty
            ? try structural.cases.map { try PolychoricMoments($0) }
            : try structural.cases.map { try ConditionalMoments($0, items: itemNames, covariates: covariates) }
        try Self.requireSameCategories(moments, labels: structural.labels)
        let model = structural.with(moments: zip(moments, structural.cases).map { m, cases in
            ConditionalWLSMVFit.jointMoments(m, cases: cases, variables: variables.observed)
        })
        let thresholdsEqual = equal.contains(.thresholds)
        let problem = try OrdinalGroupsDiscrepancy(model: model, moments: moments, thresholdsEqual: thresholdsEqual,
                                               freedThresholds: try Self.thresholdPositions(thresholdPartial, moments: moments[0]),
                                               unitWeights: estimator.isUnweighted)
        let layout = problem.layout
        let statisticsCount = layout.groupCount * (moments[0].correlationOffset + moments[0].pairs.count)
        let df = statisticsCount - layout.count
        guard df >= 0 else { throw SEMError.negativeDegreesOfFreedom(parameters: layout.count, moments: statisticsCount) }
        let solution = try MLEstimator.minimize(problem, start: Self.start(model: model, moments: moments, layout: layout), curvature: nil)
        guard let (evaluations, _) = problem.evaluate(solution.theta) else {
            throw SEMError.notConverged(iterations: solution.iterations, gradient: .nan, tried: "Gauss-Newton then BFGS on the DWLS discrepancy")
        }

        // Robust covariance over φ and the scaled-shifted test.
        let n = Double(model.count), groupCount = Double(moments.count)
        // The groups' shares in the information, the sandwich and the test: (n_g - 1)/(N - G), but n_g/N
        // given covariates (conditional.x), as lavaan's standard errors have them (both matched to 1e-6;
        // the discrepancy keeps (n_g - 1)/(N - G) either way, as lavaan's estimates do).
        let shares = moments.map { covariates.isEmpty ? Double($0.count - 1) / (n - groupCount) : Double($0.count) / n }
        let information = problem.weightedInformation(evaluations, groupWeights: shares)
        let informationInverse: Matrix
        do { informationInverse = try information.inverseSPD() } catch { throw SEMError.notIdentified(parameters: problem.weakParameters(information)) }
        var meat = Matrix(rows: layout.count, columns: layout.count)
        for (g, e) in evaluations.enumerated() {
            let weighted = Self.scaledRows(e.jacobian, problem.weights[g], by: shares[g])
            meat = meat + weighted.transposed * moments[g].gamma * Self.scaledRows(e.jacobian, problem.weights[g], by: 1)
        }
        let covariance = (1 / (n - groupCount)) * (robust ? informationInverse * meat * informationInverse : informationInverse)
        var chisq = 0.0
        for (g, e) in evaluations.enumerated() {
            chisq += Double(moments[g].count - 1) * zip(e.residual, problem.weights[g]).reduce(0.0) { $0 + $1.1 * $1.0 * $1.0 }
        }
        let ug = Self.projectedGamma(jacobians: evaluations.map(\.jacobian), weights: problem.weights, gammas: moments.map(\.gamma),
                                     shares: shares, informationInverse: informationInverse)
        let (a, b) = WLSMVFit.scaledShifted(trace: (0..<ug.rows).reduce(0.0) { $0 + ug[$1, $1] }, traceOfSquare: RobustML.traceOfProduct(ug, ug),
                                             df: Double(df))

        // Baseline: all correlations 0 in every group, thresholds saturated.
        var baselineChisq = 0.0, baselineTrace = 0.0, baselineTraceOfSquare = 0.0, baselineDF = 0.0
        for (g, m) in moments.enumerated() {
            let t = m.correlationOffset, w = problem.weights[g]
            for (x, pair) in m.pairs.enumerated() {
                let r = m.correlation[pair.i, pair.j]
                baselineChisq += Double(m.count - 1) * w[t + x] * r * r
                baselineTrace += w[t + x] * m.gamma[t + x, t + x]
                for (y, _) in m.pairs.enumerated() { baselineTraceOfSquare += w[t + x] * m.gamma[t + x, t + y] * w[t + y] * m.gamma[t + y, t + x] }
            }
            baselineDF += Double(m.pairs.count)
        }
        let (ab, bb) = WLSMVFit.scaledShifted(trace: baselineTrace, traceOfSquare: baselineTraceOfSquare, df: baselineDF)

        // Each group's reported rows, with the items' residual variances implied by Δ.
        var estimates: [ParameterEstimate] = [], srmr = 0.0
        for (g, group) in model.groups.enumerated() {
            let e = evaluations[g]
            let residualVariance = Dictionary(uniqueKeysWithValues: moments[g].itemNames.enumerated().map { j, name in
                (name, 1 / (e.scales[j] * e.scales[j]) - (e.conditional[j, j] - 1))
            })
            let reportTable = group.table.fixing(where: Self.isItemVariance(group.table), value: { residualVariance[$0.lhs] ?? .nan })
            let reportModel = try SEMModel(table: reportTable, moments: group.moments)
            let local = model.local(solution.theta, group: g)
            let reportEvaluation: ModelEvaluation
            do { reportEvaluation = try ModelEvaluation(model: reportModel, theta: local) } catch {
                throw SEMError.unsupported("an inadmissible WLSMV solution in group \(g + 1) (the implied covariance matrix of the latent responses is not positive definite)")
            }
            let cases = structural.cases[g]
            let covariateMeans = Dictionary(uniqueKeysWithValues: covariates.map { name in
                let j = cases.variables.firstIndex(of: name) ?? 0
                return (name, (0..<cases.count).reduce(0.0) { $0 + cases.values[$1 * cases.variables.count + j] } / Double(cases.count))
            })
            estimates += Self.groupRows(g, model: model, reportModel: reportModel, evaluation: reportEvaluation, local: local, scales: e.scales,
                                        moments: moments[g], layout: layout, phi: solution.theta, covariance: covariance,
                                        covariateMeans: covariateMeans)
            // SRMR on the correlations of the latent responses (given the covariates), weighted by the group
            // shares, over lavaan's count p(p-1)/2 + p + q.
            let m = moments[g]
            let squares = m.pairs.reduce(0.0) { sum, pair in
                let r = m.correlation[pair.i, pair.j] - e.scales[pair.i] * e.scales[pair.j] * e.conditional[pair.i, pair.j]
                return sum + r * r
            }
            srmr += shares[g] * (squares / Double(m.pairs.count + p + covariates.count)).squareRoot()
        }
        self.model = model
        self.moments = moments
        self.thresholdsEqual = thresholdsEqual
        self.estimates = estimates
        chiSquare = chisq
        degreesOfFreedom = df
        freeCount = layout.count
        iterations = solution.iterations
        jacobians = evaluations.map(\.jacobian)
        self.informationInverse = informationInverse
        weights = problem.weights
        groupShares = shares
        let all = WLSMVMeasures(chisq: chisq, scaled: (a, b), df: Double(df), baseline: (baselineChisq, baselineDF, ab, bb), n: n,
                                npar: Double(layout.count), groups: moments.count, srmr: srmr).measures
        measures = WLSMVFit.reported(all, estimator: estimator, scaledShifted: scaledShifted)
    }

    /// Items' residual variances fixed at 1 and their intercepts at 0, for estimation.
    static func estimationTable(_ table: ParameterTable) -> ParameterTable {
        let observed = Set(table.variables.observed)
        return table.fixing(where: isItemVariance(table), value: { _ in 1 })
            .fixing(where: { $0.op == "~1" && observed.contains($0.lhs) }, value: { _ in 0 })
    }

    /// The items' residual variances (not the fixed covariates').
    static func isItemVariance(_ table: ParameterTable) -> (ParameterRow) -> Bool {
        let items = Set(table.variables.observed).subtracting(table.variables.exogenousObserved)
        return { $0.op == "~~" && $0.lhs == $0.rhs && items.contains($0.lhs) }
    }

    /// The positions (in item order) of the thresholds `group.partial` names as `item | tk`.
    static func thresholdPositions(_ names: [String], moments: any OrdinalStatistics) throws -> Set<Int> {
        var positions = Set<Int>()
        for name in names {
            let parts = name.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let j = moments.itemNames.firstIndex(of: parts[0]), parts[1].hasPrefix("t"),
                  let t = Int(parts[1].dropFirst()), (1...moments.thresholds[j].count).contains(t) else {
                throw MultiGroupError.unknownPartial(name)
            }
            positions.insert(moments.thresholds[..<j].reduce(0) { $0 + $1.count } + t - 1)
        }
        return positions
    }

    /// Every group must use the same categories of each item (its thresholds are compared, or held equal).
    static func requireSameCategories(_ moments: [any OrdinalStatistics], labels: [String]) throws(SEMError) {
        for (j, name) in moments[0].itemNames.enumerated() {
            let all = Set(moments.flatMap { $0.categories[j] })
            for (g, m) in moments.enumerated() {
                let absent = all.subtracting(m.categories[j]).sorted()
                if !absent.isEmpty { throw SEMError.categoryAbsentInGroup(item: name, group: labels[g], categories: absent) }
            }
        }
    }

    /// Start values: each group's structural start values, the thresholds of group 1 (or each
    /// group's own), scale factors 1.
    static func start(model: MultiGroupModel, moments: [any OrdinalStatistics], layout: OrdinalParameterLayout) -> [Double] {
        var start = [Double](repeating: 1, count: layout.count), seen = Set<Int>()
        for (g, group) in model.groups.enumerated() {
            for (k, value) in StartValues.vector(for: group).enumerated() where seen.insert(model.globalCoordinates[g][k]).inserted {
                start[model.globalCoordinates[g][k]] = value
            }
            for (k, tau) in moments[g].thresholds.flatMap({ $0 }).enumerated() where seen.insert(layout.threshold(k, group: g)).inserted {
                start[layout.threshold(k, group: g)] = tau
            }
        }
        return start
    }

    /// diag(f·w)J: the Jacobian's rows weighted.
    static func scaledRows(_ jacobian: Matrix, _ w: [Double], by f: Double) -> Matrix {
        var weighted = jacobian
        for x in 0..<weighted.rows { for a in 0..<weighted.columns { weighted[x, a] *= f * w[x] } }
        return weighted
    }

    /// UΓ over the stacked statistics of all groups: U = V - VJE⁻¹JᵀV with V = ⊕ f_gW_g, Γ = ⊕ Γ_g/f_g.
    static func projectedGamma(jacobians: [Matrix], weights: [[Double]], gammas: [Matrix], shares: [Double], informationInverse: Matrix) -> Matrix {
        let sizes = jacobians.map(\.rows), total = sizes.reduce(0, +), q = informationInverse.rows
        var vj = Matrix(rows: total, columns: q), v = [Double](repeating: 0, count: total)
        var gamma = Matrix(rows: total, columns: total)
        var offset = 0
        for (g, jacobian) in jacobians.enumerated() {
            for x in 0..<sizes[g] {
                v[offset + x] = shares[g] * weights[g][x]
                for a in 0..<q { vj[offset + x, a] = v[offset + x] * jacobian[x, a] }
                for y in 0..<sizes[g] { gamma[offset + x, offset + y] = gammas[g][x, y] / shares[g] }
            }
            offset += sizes[g]
        }
        var u = vj * informationInverse * vj.transposed
        for x in 0..<total { for y in 0..<total { u[x, y] = (x == y ? v[x] : 0) - u[x, y] } }
        return u * gamma
    }

    /// Group g's rows in lavaan's order, with standard errors from the covariance over φ; the covariates'
    /// intercepts are their sample means (fixed.x; 0 while estimating).
    static func groupRows(_ g: Int, model: MultiGroupModel, reportModel: SEMModel, evaluation: ModelEvaluation, local: [Double], scales: [Double],
                          moments: any OrdinalStatistics, layout: OrdinalParameterLayout, phi: [Double], covariance: Matrix,
                          covariateMeans: [String: Double]) -> [ParameterEstimate] {
        let standardized = Standardization(model: reportModel, rowValues: reportModel.rowValues(local), evaluation: evaluation)
        let values = reportModel.rowValues(local)
        func standardError(_ weights: [Double]) -> Double { max(0, dot(weights, covariance * weights)).squareRoot() }
        var rows: [ParameterEstimate] = []
        for (r, row) in reportModel.rows.enumerated() {
            var weights = [Double](repeating: 0, count: layout.count)
            for (k, w) in reportModel.rowWeights(r).enumerated() { weights[model.globalCoordinates[g][k]] += w }
            if row.op == "~1", let mean = covariateMeans[row.lhs], let j = reportModel.moments.variables.firstIndex(of: row.lhs) {
                let standardizedMean = mean / evaluation.sigma[j, j].squareRoot()
                rows.append(ParameterEstimate(lhs: row.lhs, op: row.op, rhs: row.rhs, group: g + 1, label: row.label, estimate: mean,
                                              standardError: 0, isFree: false, stdLV: mean, stdAll: standardizedMean))
                continue
            }
            rows.append(ParameterEstimate(lhs: row.lhs, op: row.op, rhs: row.rhs, group: g + 1, label: row.label, estimate: values[r],
                                          standardError: row.isFree ? standardError(weights) : 0, isFree: row.isFree,
                                          stdLV: standardized.latent[r], stdAll: standardized.all[r]))
        }
        var thresholds: [ParameterEstimate] = [], scaleRows: [ParameterEstimate] = []
        var k = 0
        for (j, name) in moments.itemNames.enumerated() {
            // A threshold standardized by the latent response's total standard deviation (1/Δ_j without
            // covariates); a scale factor's standardized value is 1, as lavaan's.
            let position = reportModel.moments.variables.firstIndex(of: name) ?? j
            let sd = evaluation.sigma[position, position].squareRoot()
            for t in moments.thresholds[j].indices {
                let index = layout.threshold(k, group: g)
                var weights = [Double](repeating: 0, count: layout.count)
                weights[index] = 1
                thresholds.append(ParameterEstimate(lhs: name, op: "|", rhs: "t\(t + 1)", group: g + 1, label: "", estimate: phi[index],
                                                    standardError: standardError(weights), isFree: true,
                                                    stdLV: phi[index] / sd, stdAll: phi[index] / sd))
                k += 1
            }
            let scale = layout.scale(j, group: g)
            var weights = [Double](repeating: 0, count: layout.count)
            if let scale { weights[scale] = 1 }
            scaleRows.append(ParameterEstimate(lhs: name, op: "~*~", rhs: name, group: g + 1, label: "", estimate: scales[j],
                                               standardError: scale == nil ? 0 : standardError(weights), isFree: scale != nil,
                                               stdLV: 1, stdAll: 1))
        }
        let userCount = reportModel.rows.prefix { $0.isUser }.count
        let firstMean = rows.dropFirst(userCount).firstIndex { $0.op == "~1" } ?? rows.count
        return Array(rows[..<userCount]) + thresholds + Array(rows[userCount..<firstMean]) + scaleRows + Array(rows[firstMean...])
    }
}
