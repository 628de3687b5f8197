import Testing
@testable import TrustPathModelSpec

func at(_ line: Int, _ column: Int) -> TrustPathModelSpec.SourceLocation { .init(line: line, column: column) }

@Suite struct ModelParsing {
    @Test func holzingerSwinefordCFA() throws {
        let statements = try ModelParser.parse("""
            # three correlated factors
            visual  =~ x1 + x2 + x3
            textual =~ x4 + x5 + x6 ! lavaan's other comment mark
            speed   =~ x7 + x8 + x9
            """)
        #expect(statements.count == 3)
        #expect(statements[1] == .relation(lhs: "textual", op: .measuredBy, rhs: [
            ModelTerm(name: "x4", location: at(3, 12)), ModelTerm(name: "x5", location: at(3, 17)),
            ModelTerm(name: "x6", location: at(3, 22)),
        ], location: at(3, 1)))
    }

    @Test func modifiersLabelsFixedFreeStartAndPerGroup() throws {
        let statements = try ModelParser.parse("f =~ NA*x1 + 0.5*x2 + a*x3 + start(0.3)*x4 + -1*x5 + c(b1, NA, 2)*x6 + \"q\"*x7")
        guard case .relation(_, _, let rhs, _) = statements[0] else { Issue.record("not a relation"); return }
        #expect(rhs.map(\.modifiers) == [[.free], [.fixed(0.5)], [.label("a")], [.start(0.3)], [.fixed(-1)],
                                          [.perGroup([.label("b1"), .free, .fixed(2)])], [.label("q")]])
    }

    @Test func continuationSemicolonsInterceptsAndSeveralLeftHandSides() throws {
        let statements = try ModelParser.parse("PT ~ a1*HA + a2*ID +\n     a3*RR\nPI ~ b*PT; PI ~ 1\ny1 + y2 ~ x\n  + z")
        #expect(statements.count == 5)
        if case .relation(_, _, let rhs, _) = statements[0] { #expect(rhs.map(\.name) == ["HA", "ID", "RR"]) }
        if case .relation(_, .regressedOn, let rhs, _) = statements[2] { #expect(rhs[0].isIntercept) }
        if case .relation(let lhs, _, let rhs, _) = statements[4] { #expect(lhs == "y2" && rhs.map(\.name) == ["x", "z"]) }
    }

    @Test func definitionsAndConstraintsWithPrecedence() throws {
        let statements = try ModelParser.parse("ind := a1*b\ntotal := c + a1 * b\nr := -a^2 + exp(log(b)) / sqrt(abs(c))\na1 == 2*b\nb > 0")
        guard case .definition("r", let r, let text, _) = statements[2] else { Issue.record("not a definition"); return }
        // -a^2 is -(a^2), as in R.
        #expect(r.evaluate(["a": 3, "b": 2, "c": -4]) == -9 + 2.0 / 2)
        #expect(r.parameters == ["a", "b", "c"])
        #expect(text == "-a^2+exp(log(b))/sqrt(abs(c))")
        guard case .definition(_, let total, _, _) = statements[1] else { Issue.record("not a definition"); return }
        #expect(total.evaluate(["c": 1, "a1": 2, "b": 3]) == 7)
        if case .constraint(_, let op, _, let l, let r, _) = statements[3] { #expect(op == .equal && l == "a1" && r == "2*b") }
        if case .constraint(_, let op, _, _, _, _) = statements[4] { #expect(op == .greater) }
    }
}

@Suite struct ModelSyntaxErrors {
    static let cases: [(model: String, message: String)] = [
        ("f =~ x1 + x2\nf =~ x3 x4", "model.lav:2:9: unexpected text after the end of the statement\n    f =~ x3 x4\n            ^"),
        ("f x1 x2", "model.lav:1:1: expected an operator (=~, ~, ~~, <~, :=, ==, <, >) in this statement\n    f x1 x2\n    ^"),
        ("f =~ 0.5*", "model.lav:1:10: expected a variable name after the modifier\n    f =~ 0.5*\n             ^"),
        ("f =~ 1", "model.lav:1:6: an intercept '1' is written after '~' (as in 'y ~ 1'), not after '=~'\n    f =~ 1\n         ^"),
        ("ind := foo(a)", "model.lav:1:8: unknown function 'foo'; expected exp, log, sqrt or abs\n    ind := foo(a)\n           ^"),
        ("f =~ x1 @ x2", "model.lav:1:9: unexpected '@'\n    f =~ x1 @ x2\n            ^"),
        ("f =~ start(a)*x1", "model.lav:1:6: start() takes one number, as in start(0.3)\n    f =~ start(a)*x1\n         ^"),
        ("ind := (a*b", "model.lav:1:12: expected ')'\n    ind := (a*b\n               ^"),
    ]

    @Test(arguments: cases.indices)
    func errorShowsTheLineWithACaret(_ index: Int) {
        let (model, message) = Self.cases[index]
        let error = #expect(throws: ModelSyntaxError.self) { try ModelParser.parse(model) }
        #expect(error?.message(file: "model.lav") == message)
    }
}

@Suite struct PooledModelReading {
    /// A multi-group model read for the pooled rows: c(...) labels for several groups leave, with the
    /// := and == rows over them (a := over a left-out := too); one-group labels and their rows stay.
    @Test func perGroupLabelsLeaveWithTheirDefinitions() throws {
        let text = """
            f =~ y1 + c(l2a, l2b)*y2 + y3
            f ~ c(b1, b2)*x1 + k*x2
            d1 := b1 - b2
            d2 := 2*d1
            e := k*2
            b1 == b2
            """
        #expect(throws: ModelSpecError.self) { try ParameterTable(model: text) }
        let table = try ParameterTable(model: text, options: ModelOptions(poolsGroupModifiers: true))
        #expect(table.rows.filter { $0.op == ":=" || $0.op == "==" }.map(\.lhs) == ["e"])
        #expect(table.rows.filter { !$0.label.isEmpty && $0.op != ":=" }.map(\.label) == ["k"])
        let plain = try ParameterTable(model: "f =~ y1 + y2 + y3\nf ~ x1 + k*x2\ne := k*2\n")
        #expect(table.rows.map { "\($0.lhs) \($0.op) \($0.rhs)" } == plain.rows.map { "\($0.lhs) \($0.op) \($0.rhs)" })
    }
}
