import TrustPathLinalg

/// Direct, indirect and total effects among the variables of the structural model, computed from
/// B (Bollen 1987, "Total, direct and indirect effects in structural equation models"): direct = B,
/// total = (I - B)⁻¹ - I, indirect = total - direct; a specific indirect effect is the product of
/// the coefficients along one path X → M₁ → … → Y (recursive models only).
public struct StructuralEffect: Sendable, Equatable {
    public enum Kind: String, Sendable { case direct, indirect, total, specific }

    public let kind: Kind
    public let from: String
    public let to: String
    /// The mediators of a specific indirect effect, in order; empty otherwise.
    public let through: [String]
    public let estimate: Double
    public let stdAll: Double

    /// "HA -> PT -> PI" for a specific effect, "HA -> PI" otherwise.
    public var path: String { ([from] + through + [to]).joined(separator: " -> ") }
}

extension SEMFit {
    /// Every effect from each predictor to each variable it reaches: direct, total and the total
    /// indirect effect when a mediator lies between them, then each specific indirect path when
    /// there are several.
    public var effects: [StructuralEffect] { SEMFit.effects(model: model, rowValues: rowValues, evaluation: evaluation) }

    /// Whether the structural model has a chain (a variable both predicted and predicting), the
    /// case where indirect effects exist.
    public var hasMediation: Bool {
        let regressions = model.rows.filter { $0.op == "~" }
        let predicted = Set(regressions.map(\.lhs))
        return regressions.contains { predicted.contains($0.rhs) }
    }

    static func effects(model: SEMModel, rowValues: [Double], evaluation: ModelEvaluation) -> [StructuralEffect] {
        let eta = model.lisrel.eta
        let m = eta.count
        let beta = evaluation.matrices.beta
        let total = evaluation.a - .identity(m)
        let sd = (0..<m).map { evaluation.latentCovariance[$0, $0].squareRoot() }
        // Structure: which coefficients are in the model (a path exists even if its estimate is 0).
        var edge = [[Bool]](repeating: [Bool](repeating: false, count: m), count: m)
        for (slot, row) in zip(model.lisrel.slots, model.rows) where row.op == "~" {
            if case .beta(let i, let j) = slot { edge[i][j] = true }
        }
        let paths = StructuralPaths(edge: edge)
        var result: [StructuralEffect] = []
        for x in 0..<m {
            for y in 0..<m where y != x {
                let routes = paths.routes(from: x, to: y)
                guard !routes.isEmpty || edge[y][x] else { continue }
                func effect(_ kind: StructuralEffect.Kind, _ value: Double, _ through: [Int] = []) -> StructuralEffect {
                    StructuralEffect(kind: kind, from: eta[x], to: eta[y], through: through.map { eta[$0] }, estimate: value,
                                     stdAll: value * sd[x] / sd[y])
                }
                let indirectRoutes = routes.filter { $0.count > 2 }
                if edge[y][x] { result.append(effect(.direct, beta[y, x])) }
                if !indirectRoutes.isEmpty {
                    result.append(effect(.indirect, total[y, x] - beta[y, x]))
                    result.append(effect(.total, total[y, x]))
                    // Specific paths add information only when there are several.
                    for route in indirectRoutes where indirectRoutes.count > 1 {
                        var product = 1.0
                        for k in 1..<route.count { product *= beta[route[k], route[k - 1]] }
                        result.append(effect(.specific, product, Array(route.dropFirst().dropLast())))
                    }
                }
            }
        }
        return result
    }

    /// Delta-method standard errors of `effects`.
    public func effectStandardErrors() -> [Double] {
        deltaMethodStandardErrors { point in
            guard let e = try? ModelEvaluation(model: model, theta: point) else { return nil }
            return SEMFit.effects(model: model, rowValues: model.rowValues(point), evaluation: e).map(\.estimate)
        }
    }
}

/// Paths in the directed graph of the regressions (edge[y][x]: x → y), enumerated by depth-first
/// search; a cycle (a non-recursive model) ends a path instead of looping.
struct StructuralPaths {
    let edge: [[Bool]]

    /// Every simple path from `x` to `y`, each as the list of variables visited; shorter paths
    /// first, then in the order of the variables.
    func routes(from x: Int, to y: Int) -> [[Int]] {
        var found: [[Int]] = []
        var path = [x]
        func visit(_ node: Int) {
            for next in edge.indices where edge[next][node] && !path.contains(next) {
                path.append(next)
                if next == y { found.append(path) } else { visit(next) }
                path.removeLast()
            }
        }
        visit(x)
        return found.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
    }
}
