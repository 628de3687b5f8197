import TrustPathSEM

/// A hypothesis as a study states it: `H6: indirect HA -> PT -> PI > 0`. The effect is a regression
/// path (`PT ~ HA`), a direct, indirect or total effect (`indirect HA -> PT -> PI`, `total HA -> PI`),
/// the label of a `:=` definition (`ind_HA`), a moderation (`PI ~ PT x uai`: the effect of PT on PI
/// grows with uncertainty avoidance) or a group comparison (`mean PT (live - short)`,
/// `PT ~ ID (live - short)`, `indirect HA -> PT -> PI (live - short)`); the sign says which direction
/// is predicted.
public struct Hypothesis: Sendable, Equatable {
    public enum Effect: Sendable, Equatable {
        case path(outcome: String, predictor: String)
        case effect(kind: StructuralEffect.Kind, nodes: [String])
        case defined(String)
        /// `Y ~ X x W` (or `Y ~ X:W`): W moderates the effect of X on Y (the product term's sign).
        case moderation(outcome: String, predictor: String, moderator: String)
        /// `mean PT (live - short)` or `PT ~ ID (live - short)`: a latent mean or a path compared
        /// between two groups of the study's group column, first minus second.
        case groupDifference(of: GroupEffect, first: String, second: String)
    }

    /// What a group comparison compares.
    public enum GroupEffect: Sendable, Equatable {
        case mean(String)
        case path(outcome: String, predictor: String)
        /// The effect along one chain of paths, `X -> M -> Y` (the product of its coefficients):
        /// `direct X -> Y` is the path itself, `indirect X -> M -> Y` a specific indirect effect.
        case chain([String])
    }

    public let id: String
    public let text: String
    public let effect: Effect
    /// +1 for "> 0", -1 for "< 0".
    public let sign: Double

    /// Parses "ID: EFFECT > 0" (or "< 0"); nil with a reason when it does not read.
    public static func parse(_ line: String) -> Result<Hypothesis, HypothesisError> {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else { return .failure(.unreadable(line, "expected 'ID: effect > 0', e.g. 'H1: PT ~ HA > 0'")) }
        var body = parts[1]
        let sign: Double
        if body.hasSuffix("> 0") { sign = 1 } else if body.hasSuffix("< 0") { sign = -1 } else {
            return .failure(.unreadable(line, "the effect must end with '> 0' or '< 0' (the predicted direction)"))
        }
        body = String(body.dropLast(3)).trimmingCharacters(in: .whitespaces)
        let effect: Effect
        let words = body.split(separator: " ", maxSplits: 1).map(String.init)
        if body.hasSuffix(")"), let open = body.range(of: " (", options: .backwards) {
            let inside = body[open.upperBound..<body.index(before: body.endIndex)].components(separatedBy: " - ").map { $0.trimmingCharacters(in: .whitespaces) }
            let subject = body[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
            guard inside.count == 2, inside.allSatisfy({ !$0.isEmpty }) else {
                return .failure(.unreadable(line, "write a group comparison as 'mean X (A - B)' or 'Y ~ X (A - B)' with two group labels"))
            }
            let subjectWords = subject.split(separator: " ", maxSplits: 1).map(String.init)
            if subjectWords.count == 2 && subjectWords[0] == "mean" {
                effect = .groupDifference(of: .mean(subjectWords[1]), first: inside[0], second: inside[1])
            } else if let kind = subjectWords.first.flatMap(StructuralEffect.Kind.init(rawValue:)), subjectWords.count == 2 {
                let nodes = subjectWords[1].components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
                guard kind != .total else {
                    return .failure(.unreadable(line, "a total effect is not compared between groups; compare each chain "
                        + "('indirect X -> M -> Y (A - B)') or the direct path ('direct X -> Y (A - B)')"))
                }
                guard nodes.count >= 2, nodes.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }),
                      kind != .direct || nodes.count == 2, kind == .direct || nodes.count > 2 else {
                    return .failure(.unreadable(line, "write a chain as 'direct X -> Y (A - B)' or 'indirect X -> M -> Y (A - B)'"))
                }
                effect = .groupDifference(of: .chain(nodes), first: inside[0], second: inside[1])
            } else {
                let sides = subject.split(separator: "~").map { $0.trimmingCharacters(in: .whitespaces) }
                guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty, !sides[1].contains(" ") else {
                    return .failure(.unreadable(line, "write a group comparison as 'mean X (A - B)' or 'Y ~ X (A - B)'"))
                }
                effect = .groupDifference(of: .path(outcome: sides[0], predictor: sides[1]), first: inside[0], second: inside[1])
            }
        } else if let first = words.first, let kind = StructuralEffect.Kind(rawValue: first), words.count == 2 {
            let nodes = words[1].components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
            guard nodes.count >= 2, nodes.allSatisfy({ !$0.isEmpty }) else { return .failure(.unreadable(line, "write a path as 'X -> M -> Y'")) }
            effect = .effect(kind: kind == .specific ? .indirect : kind, nodes: nodes)
        } else if body.contains("~") {
            let sides = body.split(separator: "~").map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else { return .failure(.unreadable(line, "write a path as 'Y ~ X'")) }
            let factors = sides[1].components(separatedBy: " x ").flatMap { $0.components(separatedBy: ":") }.map { $0.trimmingCharacters(in: .whitespaces) }
            switch factors.count {
            case 1: effect = .path(outcome: sides[0], predictor: sides[1])
            case 2 where factors.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }):
                effect = .moderation(outcome: sides[0], predictor: factors[0], moderator: factors[1])
            default: return .failure(.unreadable(line, "write a moderation as 'Y ~ X x W' (W moderates the effect of X on Y)"))
            }
        } else if !body.isEmpty, !body.contains(" ") {
            effect = .defined(body)
        } else {
            return .failure(.unreadable(line, "the effect must be 'Y ~ X', 'direct|indirect|total X -> ... -> Y' or a := label"))
        }
        return .success(Hypothesis(id: parts[0], text: body, effect: effect, sign: sign))
    }

    /// The estimate, its std.all value and inference, from the fit (nil when the model lacks it).
    public func resolve(fit: SEMFit, inference: [Inference], effectInference: [Inference]) -> (estimate: Double, std: Double, inference: Inference)? {
        switch effect {
        case .path(let outcome, let predictor):
            guard let k = fit.estimates.firstIndex(where: { $0.op == "~" && $0.lhs == outcome && $0.rhs == predictor }) else { return nil }
            return (fit.estimates[k].estimate, fit.estimates[k].stdAll, inference[k])
        case .moderation, .groupDifference:
            return nil  // tested on construct scores (ModerationTest) or across groups (GroupComparison), not read off the pooled SEM
        case .defined(let name):
            guard let k = fit.estimates.firstIndex(where: { ($0.op == ":=" && $0.lhs == name) || (!$0.label.isEmpty && $0.label == name) }) else { return nil }
            return (fit.estimates[k].estimate, fit.estimates[k].stdAll, inference[k])
        case .effect(let kind, let nodes):
            let effects = fit.effects
            let from = nodes[0], to = nodes[nodes.count - 1], through = Array(nodes.dropFirst().dropLast())
            var index: Int?
            if kind == .indirect && !through.isEmpty {
                // Specific paths are listed only when there are several; a lone chain is the indirect effect.
                index = effects.firstIndex { $0.kind == .specific && $0.from == from && $0.to == to && $0.through == through }
                if index == nil, Self.chainExists(fit: fit, nodes: nodes), !effects.contains(where: { $0.kind == .specific && $0.from == from && $0.to == to }) {
                    index = effects.firstIndex { $0.kind == .indirect && $0.from == from && $0.to == to }
                }
            } else if through.isEmpty {
                index = effects.firstIndex { $0.kind == kind && $0.from == from && $0.to == to }
            }
            guard let k = index else { return nil }
            return (effects[k].estimate, effects[k].stdAll, effectInference[k])
        }
    }

    /// Whether every link of X -> M -> ... -> Y is a regression in the model.
    static func chainExists(fit: SEMFit, nodes: [String]) -> Bool {
        zip(nodes, nodes.dropFirst()).allSatisfy { from, to in fit.estimates.contains { $0.op == "~" && $0.lhs == to && $0.rhs == from } }
    }

    /// "supported", "not supported" or "opposite direction": supported when the estimate has the
    /// predicted sign and its 95% interval excludes 0.
    public static func verdict(estimate: Double, inference: Inference, sign: Double) -> String {
        let excludesZero = inference.lower > 0 || inference.upper < 0
        if excludesZero && estimate * sign > 0 { return "supported" }
        if excludesZero { return "opposite direction" }
        return "not supported"
    }
}

public enum HypothesisError: Error, Equatable, Sendable {
    case unreadable(String, String)
    case notInModel(id: String, text: String)

    public var message: String {
        switch self {
        case .unreadable(let line, let reason): return "hypothesis '\(line)': \(reason)"
        case .notInModel(let id, let text): return "hypothesis \(id): the model has no '\(text)'; name a regression (Y ~ X), a chain of regressions or a := label of the model"
        }
    }
}
