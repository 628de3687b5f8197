import TrustPathModelSpec

/// A PLS path model read from lavaan syntax: each construct with its indicators and measurement
/// mode (`=~` reflective, mode A; `<~` composite, mode B), and the structural paths (`~`), as
/// seminr's `constructs()`/`relationships()` and SmartPLS's diagrams.
public struct PLSModel: Sendable, Equatable {
    public enum Mode: String, Sendable, Equatable {
        /// Reflective: outer weights from correlations with the inner proxy.
        case a = "A"
        /// Formative composite: outer weights from the regression of the inner proxy on the indicators.
        case b = "B"
    }

    public struct Construct: Sendable, Equatable {
        public let name: String
        public let indicators: [String]
        public let mode: Mode
    }

    public let constructs: [Construct]
    /// (from, to) construct indices, in the order written.
    public let paths: [(from: Int, to: Int)]

    public static func == (lhs: PLSModel, rhs: PLSModel) -> Bool {
        lhs.constructs == rhs.constructs && lhs.paths.map { [$0.from, $0.to] } == rhs.paths.map { [$0.from, $0.to] }
    }

    public var indicators: [String] { constructs.flatMap(\.indicators) }
    public func index(of name: String) -> Int? { constructs.firstIndex { $0.name == name } }
    /// Constructs with a path into them, in construct order.
    public var endogenous: [Int] { constructs.indices.filter { j in paths.contains { $0.to == j } } }
    public func predecessors(of j: Int) -> [Int] { paths.filter { $0.to == j }.map(\.from) }
    public func successors(of j: Int) -> [Int] { paths.filter { $0.from == j }.map(\.to) }

    public init(constructs: [Construct], paths: [(from: Int, to: Int)]) {
        self.constructs = constructs
        self.paths = paths
    }

    /// Parses `text`; only `=~`, `<~` and `~` statements are accepted (labels are allowed and ignored).
    public init(syntax text: String) throws(PLSError) {
        let statements: [ModelStatement]
        do { statements = try ModelParser.parse(text) } catch { throw .model(.syntax(error)) }
        var constructs: [Construct] = []
        var pathNames: [(from: String, to: String, location: SourceLocation)] = []
        for statement in statements {
            switch statement {
            case .definition(_, _, _, let location):
                throw .notInPLS(what: "a defined parameter (:=); indirect and total effects are reported anyway", location: location)
            case .constraint(_, _, _, _, _, let location):
                throw .notInPLS(what: "a constraint", location: location)
            case .relation(let lhs, let op, let terms, let location):
                for term in terms {
                    if term.isIntercept { throw .notInPLS(what: "an intercept (~ 1)", location: term.location) }
                    for modifier in term.modifiers {
                        if case .label = modifier { continue }
                        throw .notInPLS(what: "a fixed value, start value or free marker on '\(term.name)'", location: term.location)
                    }
                }
                switch op {
                case .covariance: throw .notInPLS(what: "a covariance (~~)", location: location)
                case .measuredBy, .formedBy:
                    let mode: Mode = op == .measuredBy ? .a : .b
                    if let k = constructs.firstIndex(where: { $0.name == lhs }) {
                        guard constructs[k].mode == mode else {
                            throw .notInPLS(what: "'\(lhs)' both as reflective (=~) and composite (<~)", location: location)
                        }
                        constructs[k] = Construct(name: lhs, indicators: constructs[k].indicators + terms.map(\.name).filter { !constructs[k].indicators.contains($0) }, mode: mode)
                    } else {
                        constructs.append(Construct(name: lhs, indicators: terms.map(\.name), mode: mode))
                    }
                case .regressedOn:
                    pathNames += terms.map { ($0.name, lhs, $0.location) }
                }
            }
        }
        guard !constructs.isEmpty else { throw .model(.emptyModel) }
        var owner: [String: String] = [:]
        for construct in constructs {
            for indicator in construct.indicators {
                if let other = owner[indicator] { throw .sharedIndicator(indicator: indicator, constructs: [other, construct.name]) }
                owner[indicator] = construct.name
            }
        }
        var paths: [(from: Int, to: Int)] = []
        for (from, to, location) in pathNames {
            guard let i = constructs.firstIndex(where: { $0.name == from }) else { throw .pathNotBetweenConstructs(name: from, location: location) }
            guard let j = constructs.firstIndex(where: { $0.name == to }) else { throw .pathNotBetweenConstructs(name: to, location: location) }
            if !paths.contains(where: { $0.from == i && $0.to == j }) { paths.append((i, j)) }
        }
        guard !paths.isEmpty else { throw .noPaths }
        for (j, construct) in constructs.enumerated() where !paths.contains(where: { $0.from == j || $0.to == j }) {
            throw .isolatedConstruct(construct.name)
        }
        self.init(constructs: constructs, paths: paths)
        if let cycle = findCycle() { throw .cycle(cycle.map { constructs[$0].name }) }
    }

    /// A directed cycle among the paths, as construct indices from its start back to it, or nil.
    func findCycle() -> [Int]? {
        var state = [Int](repeating: 0, count: constructs.count)  // 0 new, 1 on the stack, 2 done
        var stack: [Int] = []
        func visit(_ j: Int) -> [Int]? {
            state[j] = 1
            stack.append(j)
            for k in successors(of: j) {
                if state[k] == 1, let start = stack.firstIndex(of: k) { return Array(stack[start...]) + [k] }
                if state[k] == 0, let found = visit(k) { return found }
            }
            stack.removeLast()
            state[j] = 2
            return nil
        }
        for j in constructs.indices where state[j] == 0 {
            if let found = visit(j) { return found }
        }
        return nil
    }
}
