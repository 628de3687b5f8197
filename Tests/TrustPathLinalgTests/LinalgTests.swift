import Foundation
import Testing
@testable import TrustPathLinalg

/// A symmetric positive-definite test matrix with known Cholesky factor L = [[2,0,0],[1,3,0],[-1,2,4]].
let spd = Matrix([[4, 2, -2], [2, 10, 5], [-2, 5, 21]])

@Suite struct MatrixAlgebra {
    @Test func productAndTranspose() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(a * b == Matrix([[58, 64], [139, 154]]))
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(Matrix.identity(3) * [1, 2, 3] == [1, 2, 3])
    }

    @Test func choleskyFactorLogDeterminantSolveInverse() throws {
        let factor = try spd.cholesky()
        #expect(factor.lower.maxAbsDifference(Matrix([[2, 0, 0], [1, 3, 0], [-1, 2, 4]])) < 1e-14)
        #expect(abs(factor.logDeterminant - log(576)) < 1e-13)  // |A| = (2·3·4)² = 576
        let x = factor.solve([2, 16, 25])
        #expect(zip(spd * x, [2.0, 16, 25]).allSatisfy { abs($0 - $1) < 1e-12 })
        let inverse = try spd.inverseSPD()
        #expect((spd * inverse).maxAbsDifference(.identity(3)) < 1e-14)
    }

    @Test func notPositiveDefiniteThrowsInsteadOfAborting() {
        let indefinite = Matrix([[1, 2], [2, 1]])
        #expect(throws: GSLError.self) { try indefinite.cholesky() }
        do { _ = try indefinite.cholesky() } catch {
            #expect(error.code == 1)  // GSL_EDOM
            #expect(error.description == "Cholesky decomposition failed: input domain error (GSL error 1)")
        }
    }

    @Test func luSolveAndDeterminant() throws {
        let a = Matrix([[0, 2, 1], [1, 1, 0], [3, 0, 1]])
        #expect(abs(try a.determinant() - (-5)) < 1e-14)
        let x = try a.solve([5, 3, 6])
        #expect(zip(x, [1.4, 1.6, 1.8]).allSatisfy { abs($0 - $1) < 1e-14 })
        #expect(throws: GSLError.self) { try Matrix([[1, 2], [2, 4]]).solve([1, 1]) }
    }

    @Test func symmetricEigenDescendingWithFixedSigns() throws {
        let eigen = try SymmetricEigen(Matrix([[2, 1], [1, 2]]))
        #expect(zip(eigen.values, [3.0, 1.0]).allSatisfy { abs($0 - $1) < 1e-14 })
        let h = 1 / 2.0.squareRoot()
        #expect(eigen.vectors.maxAbsDifference(Matrix([[h, h], [h, -h]])) < 1e-14
            || eigen.vectors.maxAbsDifference(Matrix([[h, -h], [h, h]])) < 1e-14)
        // A = V Λ Vᵀ.
        let rebuilt = eigen.vectors * .diagonal(eigen.values) * eigen.vectors.transposed
        #expect(rebuilt.maxAbsDifference(Matrix([[2, 1], [1, 2]])) < 1e-14)
    }

    @Test func singularValues() throws {
        let a = Matrix([[3, 0], [4, 5], [0, 0]])
        let svd = try SingularValueDecomposition(a)
        // AᵀA = [[25, 20], [20, 25]]: eigenvalues 45 and 5.
        #expect(abs(svd.singularValues[0] - 45.0.squareRoot()) < 1e-14)
        #expect(abs(svd.singularValues[1] - 5.0.squareRoot()) < 1e-14)
        #expect(svd.rank() == 2)
        #expect(try SingularValueDecomposition(Matrix([[1, 2], [2, 4]])).rank() == 1)
    }
}

@Suite struct Minimisation {
    /// Rosenbrock's function, minimum 0 at (1, 1).
    static func rosenbrock(_ x: UnsafeBufferPointer<Double>, _ g: UnsafeMutableBufferPointer<Double>?) -> Double {
        let a = x[0], b = x[1]
        if let g {
            g[0] = -2 * (1 - a) - 400 * a * (b - a * a)
            g[1] = 200 * (b - a * a)
        }
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
    }

    @Test func rosenbrockFromTheClassicStart() throws {
        var minimizer = Minimizer()
        minimizer.gradientTolerance = 1e-6
        let result = try minimizer.minimize(from: [-1.2, 1], objective: Minimisation.rosenbrock)
        #expect(result.isConverged)
        #expect(abs(result.x[0] - 1) < 1e-7 && abs(result.x[1] - 1) < 1e-7)
        #expect(result.value < 1e-14)
    }

    struct Stop: Error, Equatable {}

    @Test func anErrorThrownByTheObjectiveComesBack() {
        var calls = 0
        #expect(throws: Stop()) {
            _ = try Minimizer().minimize(from: [-1.2, 1]) { x, g in
                calls += 1
                if calls > 5 { throw Stop() }
                return Minimisation.rosenbrock(x, g)
            }
        }
    }

    @Test func aNonFiniteObjectiveStopsTheMinimiser() {
        #expect(throws: MinimizerError.nonFiniteObjective(iteration: 0)) {
            _ = try Minimizer().minimize(from: [1, 1]) { _, g in
                if let g { g[0] = 1; g[1] = 1 }
                return .nan
            }
        }
    }
}

@Suite struct DistributionFunctions {
    /// Values from R 4.2 (tools/make-describe-fixtures.R), compared to 1e-12 relative.
    @Test func matchR() throws {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/distributions-expected.csv") else {
            Issue.record("no fixture"); return
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == 23)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let a = try #require(Double(f[1])), b = Double(f[2]) ?? .nan, expected = try #require(Double(f[3]))
            let got: Double
            switch f[0] {
            case "pnorm": got = Normal.cdf(a)
            case "qnorm": got = Normal.quantile(a)
            case "pt": got = StudentT.cdf(a, degreesOfFreedom: b)
            case "qt": got = StudentT.quantile(a, degreesOfFreedom: b)
            case "pchisq.upper": got = ChiSquared.survival(a, degreesOfFreedom: b)
            case "qchisq": got = ChiSquared.quantile(a, degreesOfFreedom: b)
            case "pf.upper": got = FisherF.survival(a, numeratorDF: b, denominatorDF: try #require(Double(f[4])))
            default: Issue.record("unknown function \(f[0])"); continue
            }
            #expect(abs(got - expected) <= 1e-12 * max(1, abs(expected)), "\(line): got \(got)")
        }
    }
}

@Suite struct RandomStreams {
    @Test func sameSeedAndStreamGiveTheSameNumbers() {
        let a = RandomStream(seed: 42, stream: 7), b = RandomStream(seed: 42, stream: 7)
        let drawsA = (0..<100).map { _ in a.normal() }
        let drawsB = (0..<100).map { _ in b.normal() }
        #expect(drawsA == drawsB)
    }

    @Test func neighbouringStreamsDiffer() {
        let first = (0..<10).map { _ in RandomStream(seed: 42, stream: 0).uniform() }
        let a = RandomStream(seed: 42, stream: 0), b = RandomStream(seed: 42, stream: 1)
        #expect(first.allSatisfy { $0 == first[0] })
        #expect((0..<10).map { _ in a.uniform() } != (0..<10).map { _ in b.uniform() })
    }

    @Test func integersStayInRangeAndUniformsInUnitInterval() {
        let stream = RandomStream(seed: 1)
        let integers = (0..<10_000).map { _ in stream.integer(below: 7) }
        #expect(integers.allSatisfy { (0..<7).contains($0) })
        #expect(Set(integers).count == 7)
        #expect((0..<10_000).allSatisfy { _ in (0..<1).contains(stream.uniform()) })
    }

    @Test func normalMomentsAreRight() {
        let stream = RandomStream(seed: 2024)
        let draws = (0..<200_000).map { _ in stream.normal(mean: 3, sd: 2) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
        #expect(abs(mean - 3) < 0.02)   // 5 standard errors: 2/sqrt(200000) = 0.0045
        #expect(abs(variance - 4) < 0.07)
    }
}
