import TrustPathLinalg

/// Where each kind of parameter sits in the global vector φ of a multi-group WLSMV model:
/// the structural coordinates (``MultiGroupModel``'s), then the thresholds (one set shared by the
/// groups when they are held equal, except those `group.partial` frees, else one per group), then
/// the items' scale factors Δ of groups 2, 3, ... (free only when the thresholds are equal; 1
/// otherwise), as lavaan's `~*~` rows.
struct OrdinalParameterLayout: Sendable {
    let structuralCount: Int
    /// Thresholds per group (T) and items (p).
    let thresholdCount: Int
    let itemCount: Int
    let groupCount: Int
    let thresholdsEqual: Bool
    /// Global index of threshold k (in item order) of group g, and of item j's scale factor (nil: fixed at 1).
    let thresholdIndex: [[Int]]
    let scaleIndex: [[Int?]]
    let count: Int

    /// `freed`: positions k of thresholds free in every group despite being held equal.
    init(structuralCount: Int, thresholdCount: Int, itemCount: Int, groupCount: Int, thresholdsEqual: Bool, freed: Set<Int> = []) {
        self.structuralCount = structuralCount
        self.thresholdCount = thresholdCount
        self.itemCount = itemCount
        self.groupCount = groupCount
        self.thresholdsEqual = thresholdsEqual
        var next = structuralCount
        var thresholds: [[Int]] = []
        for g in 0..<groupCount {
            thresholds.append((0..<thresholdCount).map { k in
                if g > 0 && thresholdsEqual && !freed.contains(k) { return thresholds[0][k] }
                defer { next += 1 }
                return next
            })
        }
        var scales: [[Int?]] = []
        for g in 0..<groupCount {
            scales.append((0..<itemCount).map { _ in
                guard thresholdsEqual && g > 0 else { return nil }
                defer { next += 1 }
                return next
            })
        }
        thresholdIndex = thresholds
        scaleIndex = scales
        count = next
    }

    func threshold(_ k: Int, group g: Int) -> Int { thresholdIndex[g][k] }

    func scale(_ j: Int, group g: Int) -> Int? { scaleIndex[g][j] }

    /// Whether threshold k is one parameter shared by every group.
    func isShared(_ k: Int) -> Bool { groupCount > 1 && thresholdIndex[0][k] == thresholdIndex[1][k] }
}

/// The DWLS discrepancy of ordinal items over several groups (lavaan's multi-group WLSMV, delta
/// parameterization): F = Σ_g c_g Σ_k w_gk (s_gk - σ_gk(φ))², c_g = (n_g - 1)/(N - G) (lavaan
/// weighs each group's F by n_g and scales it by (n_g - 1)/n_g), w_gk = 1/Γ_g,kk, over each
/// group's statistics (``OrdinalStatistics``). With μ* = ν + Λ(I - B)⁻¹α and Σ* the structural
/// model's implied means and covariances of the latent responses y* and any observed covariates x
/// (items' residual variances 1 while estimating; x's block fixed, at means 0), the implied
/// statistics are the thresholds Δ_j(τ_jk - μ*_j), the slopes Δ_jΠ_jc with Π = Σ*_yxΣ_xx⁻¹ and
/// the correlations Δ_iΔ_jR_ij with R = Σ*_yy - Σ*_yxΣ_xx⁻¹Σ*_xy (lavaan's conditional.x; without
/// covariates R = Σ*_yy), Δ the scale factors (Muthén & Asparouhov 2002). Gauss-Newton steps use ΣcJᵀWJ.
struct OrdinalGroupsDiscrepancy: DiscrepancyProblem {
    let model: MultiGroupModel
    let moments: [any OrdinalStatistics]
    let layout: OrdinalParameterLayout
    let weights: [[Double]]
    let groupWeights: [Double]
    /// Per group: the model positions of the items and the covariates, and Σ_xx⁻¹ of its fixed block.
    let items: [[Int]], covariates: [[Int]]
    let covariateInverses: [Matrix]

    struct GroupEvaluation {
        let model: ModelEvaluation
        let scales: [Double]
        /// R: the latent responses' implied covariances given the covariates (Σ*_yy without them).
        let conditional: Matrix
        let residual: [Double]
        /// ∂σ_g/∂φ: the group's statistics by every global parameter.
        let jacobian: Matrix
    }

    /// `unitWeights`: every statistic weighted 1 (ULS, ULSMV) instead of 1/Γ_kk (DWLS, WLSMV).
    init(
        model: MultiGroupModel, moments: [any OrdinalStatistics], thresholdsEqual: Bool, freedThresholds: Set<Int> = [],
        unitWeights: Bool = false
    ) throws(SEMError) {
        self.model = model
        self.moments = moments
        layout = OrdinalParameterLayout(structuralCount: model.freeCount, thresholdCount: moments[0].thresholdCount,
                                        itemCount: moments[0].itemNames.count, groupCount: moments.count, thresholdsEqual: thresholdsEqual,
                                        freed: freedThresholds)
        weights = moments.map { $0.gammaDiagonal.map { unitWeights ? 1 : 1 / $0 } }
        let total = Double(moments.reduce(0) { $0 + $1.count } - moments.count)
        groupWeights = moments.map { Double($0.count - 1) / total }
        let observed = model.groups.map(\.moments.variables)
        items = zip(observed, moments).map { variables, m in m.itemNames.compactMap { variables.firstIndex(of: $0) } }
        covariates = zip(observed, moments).map { variables, m in m.covariateNames.compactMap { variables.firstIndex(of: $0) } }
        var inverses: [Matrix] = []
        for (g, group) in model.groups.enumerated() {
            guard !covariates[g].isEmpty else {
                inverses.append(Matrix(rows: 0, columns: 0))
                continue
            }
            do { inverses.append(try group.moments.covariance.submatrix(covariates[g]).inverseSPD()) } catch {
                throw SEMError.sampleCovarianceNotPositiveDefinite(constant: [], collinear: moments[g].covariateNames)
            }
        }
        covariateInverses = inverses
    }

    func evaluate(_ phi: [Double]) -> ([GroupEvaluation], Double)? {
        var evaluations: [GroupEvaluation] = [], f = 0.0
        for (g, group) in model.groups.enumerated() {
            guard let e = try? ModelEvaluation(model: group, theta: model.local(phi, group: g)) else { return nil }
            let m = moments[g], p = layout.itemCount, q = covariates[g].count, y = items[g], x = covariates[g]
            let inverse = covariateInverses[g], sigma = e.sigma
            let scales = (0..<p).map { layout.scale($0, group: g).map { phi[$0] } ?? 1 }
            // Π = Σ_yxΣ_xx⁻¹ and R = Σ_yy - ΠΣ_xy.
            var slopes = Matrix(rows: p, columns: q)
            for k in 0..<p { for c in 0..<q { for d in 0..<q { slopes[k, c] += sigma[y[k], x[d]] * inverse[d, c] } } }
            var conditional = Matrix(rows: p, columns: p)
            for i in 0..<p {
                for j in 0..<p {
                    conditional[i, j] = sigma[y[i], y[j]] - (0..<q).reduce(0.0) { $0 + slopes[i, $1] * sigma[x[$1], y[j]] }
                }
            }
            let derivatives = ParameterDerivatives(model: group, evaluation: e)
            // ∂Σ over the entries (item, covariate), then (item, item) of the correlations.
            let entries = (0..<p).flatMap { k in x.map { (i: y[k], j: $0) } } + m.pairs.map { (i: y[$0.i], j: y[$0.j]) }
            let dSigma = derivatives.jacobian(over: entries, p: group.p)
            let global = model.globalCoordinates[g]
            let slopeRow = m.slopeOffset, correlationRow = m.correlationOffset
            var jacobian = Matrix(rows: correlationRow + m.pairs.count, columns: layout.count)
            var residual: [Double] = []
            residual.reserveCapacity(jacobian.rows)
            var row = 0
            for (j, thresholds) in m.thresholds.enumerated() {
                for tau in thresholds {
                    let index = layout.threshold(row, group: g), structural = phi[index]
                    residual.append(tau - scales[j] * (structural - e.mu[y[j]]))
                    jacobian[row, index] = scales[j]
                    if let s = layout.scale(j, group: g) { jacobian[row, s] = structural - e.mu[y[j]] }
                    for (a, derivative) in derivatives.parameters.enumerated() where !derivative.mu.isEmpty {
                        jacobian[row, global[a]] -= scales[j] * derivative.mu[y[j]]
                    }
                    row += 1
                }
            }
            // ∂Π_kc = Σ_d ∂Σ_(k,d) M_dc.
            let slopeDerivative = { (k: Int, c: Int, a: Int) in (0..<q).reduce(0.0) { $0 + dSigma[k * q + $1, a] * inverse[$1, c] } }
            for c in 0..<q {
                for k in 0..<p {
                    let r = slopeRow + c * p + k
                    residual.append(m.slopes[k, c] - scales[k] * slopes[k, c])
                    for a in global.indices { jacobian[r, global[a]] += scales[k] * slopeDerivative(k, c, a) }
                    if let s = layout.scale(k, group: g) { jacobian[r, s] += slopes[k, c] }
                }
            }
            for (index, pair) in m.pairs.enumerated() {
                let (i, j) = pair, r = correlationRow + index
                residual.append(m.correlation[i, j] - scales[i] * scales[j] * conditional[i, j])
                for a in global.indices {
                    var value = dSigma[p * q + index, a]
                    for c in 0..<q {
                        value -= slopeDerivative(i, c, a) * sigma[x[c], y[j]] + slopeDerivative(j, c, a) * sigma[x[c], y[i]]
                    }
                    jacobian[r, global[a]] += scales[i] * scales[j] * value
                }
                if let s = layout.scale(i, group: g) { jacobian[r, s] += scales[j] * conditional[i, j] }
                if let s = layout.scale(j, group: g) { jacobian[r, s] += scales[i] * conditional[i, j] }
            }
            f += groupWeights[g] * zip(residual, weights[g]).reduce(0.0) { $0 + $1.1 * $1.0 * $1.0 }
            evaluations.append(
                GroupEvaluation(model: e, scales: scales, conditional: conditional, residual: residual, jacobian: jacobian))
        }
        return f.isFinite ? (evaluations, f) : nil
    }

    func gradient(at evaluations: [GroupEvaluation]) -> [Double] {
        var gradient = [Double](repeating: 0, count: layout.count)
        for (g, e) in evaluations.enumerated() {
            let weighted = zip(weights[g], e.residual).map { -2 * groupWeights[g] * $0 * $1 }
            for (a, value) in (e.jacobian.transposed * weighted).enumerated() { gradient[a] += value }
        }
        return gradient
    }

    /// Σ_g c_g J_gᵀW_gJ_g.
    func information(at evaluations: [GroupEvaluation]) -> Matrix {
        weightedInformation(evaluations, groupWeights: groupWeights)
    }

    /// Σ_g f_g J_gᵀW_gJ_g for the given group weights f_g.
    func weightedInformation(_ evaluations: [GroupEvaluation], groupWeights f: [Double]) -> Matrix {
        var information = Matrix(rows: layout.count, columns: layout.count)
        for (g, e) in evaluations.enumerated() {
            var weighted = e.jacobian
            for x in 0..<weighted.rows { for a in 0..<weighted.columns { weighted[x, a] *= f[g] * weights[g][x] } }
            information = information + e.jacobian.transposed * weighted
        }
        return information
    }

    /// Each global parameter's name, as the first group holding it names it.
    var parameterNames: [String] {
        var names = [String](repeating: "", count: layout.count)
        for (g, group) in model.groups.enumerated().reversed() {
            for (k, global) in model.globalCoordinates[g].enumerated() {
                let row = group.firstRow(ofCoordinate: k)
                names[global] = "\(row.lhs) \(row.op) \(row.rhs)".trimmingCharacters(in: .whitespaces) + " (group \(g + 1))"
            }
            var k = 0
            let items = moments[g].itemNames
            for (j, thresholds) in moments[g].thresholds.enumerated() {
                for t in thresholds.indices {
                    names[layout.threshold(k, group: g)] = "\(items[j]) | t\(t + 1)" + (layout.isShared(k) ? "" : " (group \(g + 1))")
                    k += 1
                }
                if let s = layout.scale(j, group: g) { names[s] = "\(items[j]) ~*~ \(items[j]) (group \(g + 1))" }
            }
        }
        return names
    }

    func weakParameters(_ information: Matrix) -> [String] {
        Identification.weakParameters(names: parameterNames, information: information)
    }
}
