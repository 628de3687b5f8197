import Foundation
import TrustPathLinalg

/// One parameter not free in the model, with the score test of freeing it (Sörbom 1989):
/// MI = N s² / V and EPC = s / V, where s = ∂ℓ/∂θ_k is the unit score of the log-likelihood at
/// the estimates and V = I_kk - I_k,θ I_θθ⁻¹ I_θ,k the conditional expected information
/// (lavaan's `modindices()`, expected information; rows with V < ε^(1/3) are left out as lavaan does).
/// With fixed exogenous covariates, the moments among the covariates carry no information (they are
/// known, not estimated), as in lavaan's `lav_mvnorm_information_expected(x.idx = ...)`.
public struct ModificationIndex: Sendable, Equatable {
    public let lhs: String
    public let op: String
    public let rhs: String
    public let group: Int
    public let mi: Double
    public let epc: Double
    public let sepcLV: Double
    public let sepcAll: Double
}

extension SEMFit {
    /// Modification indices in lavaan's order: loadings, residual covariances of indicators,
    /// latent (co)variances, regressions, intercepts.
    public var modificationIndices: [ModificationIndex] {
        let derivatives = ParameterDerivatives(model: model, evaluation: evaluation)
        guard let inverse = try? derivatives.expectedInformation(model: model, evaluation: evaluation).inverseSPD()
        else {
            return []
        }
        return Self.modificationIndices(
            model: model, evaluation: evaluation, derivatives: derivatives, weight: 1, group: 1, count: count,
            globalCoordinates: Array(0..<model.freeCount), inverse: inverse)
    }

    /// One group's indices: with F = Σ_g w_g F_g (w_g = N_g/N) the candidate's unit score is
    /// w_g times its group's, its information row w_g times its group's (placed at the group's
    /// parameters' global coordinates), and `inverse` the inverse unit information of all groups'
    /// parameters; MI = N s²/V, EPC = s/V (lavaan's `modindices()` across groups).
    static func modificationIndices(
        model: SEMModel, evaluation e: ModelEvaluation, derivatives: ParameterDerivatives, weight: Double, group: Int,
        count: Int, globalCoordinates: [Int], inverse: Matrix
    ) -> [ModificationIndex] {
        let n = Double(count)
        let context = SlotDerivatives(model: model, evaluation: e)
        let modelDerivatives = derivatives.parameters.map { TransformedDerivative($0, sigmaInverse: e.sigmaInverse) }
        let weights = DiscrepancyWeights(model: model, evaluation: e)
        let scaling = ModificationScaling(model: model, evaluation: e)
        let threshold = pow(Double.ulpOfOne, 1.0 / 3)
        var result: [ModificationIndex] = []
        let exogenous = Set(
            model.table.variables.exogenousObserved.compactMap { model.moments.variables.firstIndex(of: $0) })
        for candidate in model.modificationCandidates() {
            let raw = context.derivative(of: [(candidate.slot, 1)])
            // The score is the true gradient; only the information leaves the covariates' moments out.
            let score = -0.5 * weight * weights.derivative(along: [(candidate.slot, 1)])
            let derivative = TransformedDerivative(
                exogenous.isEmpty ? raw : raw.withoutExogenousMoments(exogenous), sigmaInverse: e.sigmaInverse)
            var cross = [Double](repeating: 0, count: inverse.rows)
            for (a, other) in modelDerivatives.enumerated() {
                cross[globalCoordinates[a]] += weight * derivative.information(with: other)
            }
            let v = weight * derivative.information(with: derivative) - quadraticForm(inverse, cross)
            guard v >= threshold else { continue }
            let epc = score / v
            result.append(
                ModificationIndex(
                    lhs: candidate.lhs, op: candidate.op, rhs: candidate.rhs, group: group, mi: n * score * score / v,
                    epc: epc, sepcLV: scaling.latent(candidate, epc), sepcAll: scaling.all(candidate, epc)))
        }
        return result
    }

    /// xᵀ A x for a symmetric matrix A.
    private static func quadraticForm(_ a: Matrix, _ x: [Double]) -> Double {
        let q = x.count
        return a.elements.withUnsafeBufferPointer { m in
            x.withUnsafeBufferPointer { v in
                var total = 0.0
                for i in 0..<q {
                    var row = 0.0
                    let offset = i &* q
                    for j in 0..<q { row += m[offset &+ j] * v[j] }
                    total += v[i] * row
                }
                return total
            }
        }
    }

}

extension MultiGroupFit {
    /// Every group's modification indices (group 1's, then group 2's), each against the
    /// information of all groups' parameters with their equality constraints: the score test of
    /// freeing one parameter in one group (lavaan's `modindices()` with groups, expected information).
    public var modificationIndices: [ModificationIndex] {
        guard model.patterns.isEmpty, let problem = try? MultiGroupDiscrepancy(model: model),
            let inverse = try? problem.information(at: evaluations).inverseSPD()
        else { return [] }
        return model.groups.enumerated().flatMap { g, group in
            SEMFit.modificationIndices(
                model: group, evaluation: evaluations[g],
                derivatives: ParameterDerivatives(model: group, evaluation: evaluations[g]), weight: model.weights[g],
                group: g + 1, count: count, globalCoordinates: model.globalCoordinates[g], inverse: inverse)
        }
    }
}

extension SEMModel {
    /// Whether lavaan's candidate list is reproduced for this model: not yet for a latent variable
    /// that indicates another (second-order factors, latent change scores) or an indicator regressed
    /// on a covariate (MIMIC with DIF), whose lavaan lists hold parameters TrustPath does not score.
    public var hasModificationIndices: Bool {
        let variables = table.variables
        let latent = Set(variables.latent)
        let indicators = Set(variables.indicators)
        return !rows.contains { row in
            (row.op == "=~" && latent.contains(row.rhs)) || (row.op == "~" && indicators.contains(row.lhs))
        }
    }

    /// A parameter that could be added: its row and matrix slot.
    struct Candidate {
        let lhs: String, op: String, rhs: String
        let slot: LISRELModel.Slot
    }

    /// lavaan's `lav_partable_full` set, minus the model's free and exogenous rows.
    func modificationCandidates() -> [Candidate] {
        let model = self
        let lisrel = model.lisrel
        let variables = model.table.variables
        let etaIndex = Dictionary(uniqueKeysWithValues: lisrel.eta.enumerated().map { ($1, $0) })
        let obsIndex = Dictionary(uniqueKeysWithValues: lisrel.observed.enumerated().map { ($1, $0) })
        let regressionRows = model.rows.filter { $0.op == "~" }
        var regressionNames: [String] = []
        for name in regressionRows.map(\.lhs) + regressionRows.map(\.rhs) where !regressionNames.contains(name) {
            regressionNames.append(name)
        }
        let exogenous = Set(variables.exogenousObserved)
        let observedNoX = variables.observed.filter { !exogenous.contains($0) }
        let indicators = Set(variables.indicators)
        var list: [Candidate] = []
        for factor in variables.latent {
            for name in observedNoX where !regressionNames.contains(name) {
                if let j = etaIndex[factor], let i = obsIndex[name] {
                    list.append(Candidate(lhs: factor, op: "=~", rhs: name, slot: .lambda(i, j)))
                }
            }
        }
        let indicatorList = observedNoX.filter { indicators.contains($0) }
        for (c, a) in indicatorList.enumerated() {
            for b in indicatorList[c...] {
                if let i = obsIndex[a], let j = obsIndex[b] {
                    list.append(Candidate(lhs: a, op: "~~", rhs: b, slot: .theta(max(i, j), min(i, j))))
                }
            }
        }
        for (c, a) in variables.latent.enumerated() {
            for b in variables.latent[c...] {
                if let i = etaIndex[a], let j = etaIndex[b] {
                    list.append(Candidate(lhs: a, op: "~~", rhs: b, slot: .psi(max(i, j), min(i, j))))
                }
            }
        }
        let latentSet = Set(variables.latent)
        for y in regressionNames {
            for x in regressionNames where x != y && !(indicators.contains(y) && latentSet.contains(x)) {
                if let i = etaIndex[y], let j = etaIndex[x] {
                    list.append(Candidate(lhs: y, op: "~", rhs: x, slot: .beta(i, j)))
                }
            }
        }
        if lisrel.hasMeans {
            for name in variables.observed + variables.latent {
                if let i = etaIndex[name] {
                    list.append(Candidate(lhs: name, op: "~1", rhs: "", slot: .alpha(i)))
                } else if let i = obsIndex[name] {
                    list.append(Candidate(lhs: name, op: "~1", rhs: "", slot: .nu(i)))
                }
            }
        }
        let excluded = model.rows.filter { $0.isFree || $0.isExogenous }
        return list.filter { candidate in
            !excluded.contains { row in
                row.op == candidate.op
                    && ((row.lhs == candidate.lhs && row.rhs == candidate.rhs)
                        || (row.op == "~~" && row.lhs == candidate.rhs && row.rhs == candidate.lhs))
            }
        }
    }
}

/// Standardizes an expected parameter change as lavaan's `lav_standardize_lv/all` would the
/// parameter itself (covariances as correlations of the residuals, `cov.std = TRUE`).
private struct ModificationScaling {
    let sd: [String: Double]
    let residualVariance: [String: Double]
    let latent: Set<String>

    init(model: SEMModel, evaluation: ModelEvaluation) {
        let lisrel = model.lisrel
        var sd: [String: Double] = [:]
        var residual: [String: Double] = [:]
        for (i, name) in lisrel.observed.enumerated() {
            sd[name] = evaluation.sigma[i, i].squareRoot()
            residual[name] = evaluation.matrices.theta[i, i]
        }
        for (j, name) in lisrel.eta.enumerated() {
            sd[name] = evaluation.latentCovariance[j, j].squareRoot()
            residual[name] = evaluation.matrices.psi[j, j]
        }
        self.sd = sd
        residualVariance = residual
        latent = Set(model.table.variables.latent)
    }

    private func value(_ name: String) -> Double { sd[name] ?? .nan }
    private func latentSD(_ name: String) -> Double { latent.contains(name) ? value(name) : 1 }

    func all(_ c: SEMModel.Candidate, _ epc: Double) -> Double {
        switch c.op {
        case "=~": return epc * value(c.lhs) / value(c.rhs)
        case "~": return epc * value(c.rhs) / value(c.lhs)
        case "~~" where c.lhs == c.rhs: return epc / (value(c.lhs) * value(c.lhs))
        case "~~": return epc / ((residualVariance[c.lhs] ?? .nan) * (residualVariance[c.rhs] ?? .nan)).squareRoot()
        case "~1": return epc / value(c.lhs)
        default: return .nan
        }
    }

    func latent(_ c: SEMModel.Candidate, _ epc: Double) -> Double {
        switch c.op {
        case "=~": return epc * latentSD(c.lhs) / latentSD(c.rhs)
        case "~": return epc * latentSD(c.rhs) / latentSD(c.lhs)
        case "~~" where c.lhs == c.rhs: return latent.contains(c.lhs) ? epc / (value(c.lhs) * value(c.lhs)) : epc
        case "~~" where latent.contains(c.lhs) || latent.contains(c.rhs):
            return epc / ((residualVariance[c.lhs] ?? .nan) * (residualVariance[c.rhs] ?? .nan)).squareRoot()
        case "~~": return epc
        case "~1": return epc / latentSD(c.lhs)
        default: return .nan
        }
    }
}
