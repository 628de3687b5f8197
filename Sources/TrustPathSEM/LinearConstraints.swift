import TrustPathLinalg
import TrustPathModelSpec

/// Linear equality constraints `==` among labelled parameters, handled by reparameterisation:
/// A θ = b is solved for c pivot parameters, so θ = θ₀ + K φ with φ the remaining free
/// coordinates. Estimates, standard errors (var θ = K var(φ) Kᵀ) and df (q - c free parameters)
/// then equal those of the Lagrangian solution (Aitchison & Silvey 1958), as lavaan reports them
/// for linear constraints.
struct LinearConstraints {
    /// θ₀: the value of each θ when every φ is 0.
    let offset: [Double]
    /// K: one column per free coordinate φ, q rows.
    let basis: Matrix
    /// The θ index each φ stands for (its start value, its name in messages).
    let coordinateThetas: [Int]

    /// No constraints: φ = θ.
    init(identity q: Int) {
        offset = [Double](repeating: 0, count: q)
        basis = .identity(q)
        coordinateThetas = Array(0..<q)
    }

    /// Reduces `rows` (`==` rows of the table) to θ = θ₀ + Kφ. `thetaOfLabel` gives the θ index of a
    /// free label; `fixedValueOfLabel` the value of a label on a fixed parameter.
    init(rows: [ParameterRow], thetaCount q: Int, thetaOfLabel: [String: Int], fixedValueOfLabel: [String: Double]) throws(SEMError) {
        var a: [[Double]] = [], b: [Double] = []
        for row in rows {
            guard let expression = row.expression,
                  let linear = LinearForm(expression, fixed: fixedValueOfLabel) else {
                throw SEMError.unsupported("the constraint '\(row.lhs) == \(row.rhs)' (only linear == constraints among parameter labels are estimated)")
            }
            var coefficients = [Double](repeating: 0, count: q)
            for (label, coefficient) in linear.coefficients {
                guard let index = thetaOfLabel[label] else {
                    throw SEMError.unsupported("the constraint '\(row.lhs) == \(row.rhs)' on the defined parameter '\(label)'")
                }
                coefficients[index] += coefficient
            }
            a.append(coefficients)
            b.append(-linear.constant)
        }
        // Gauss-Jordan elimination with partial pivoting to reduced row echelon form.
        var pivots: [Int] = []
        var rowIndex = 0
        for column in 0..<q where rowIndex < a.count {
            guard let best = (rowIndex..<a.count).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[best][column]) > 1e-12 else { continue }
            a.swapAt(rowIndex, best); b.swapAt(rowIndex, best)
            let pivot = a[rowIndex][column]
            a[rowIndex] = a[rowIndex].map { $0 / pivot }; b[rowIndex] /= pivot
            for other in a.indices where other != rowIndex && a[other][column] != 0 {
                let factor = a[other][column]
                for k in 0..<q { a[other][k] -= factor * a[rowIndex][k] }
                b[other] -= factor * b[rowIndex]
            }
            pivots.append(column)
            rowIndex += 1
        }
        if (rowIndex..<a.count).contains(where: { abs(b[$0]) > 1e-10 }) {
            throw SEMError.unsupported("contradictory == constraints")
        }
        let free = (0..<q).filter { !pivots.contains($0) }
        var basis = Matrix(rows: q, columns: free.count)
        var offset = [Double](repeating: 0, count: q)
        for (k, column) in free.enumerated() {
            basis[column, k] = 1
            for (r, pivot) in pivots.enumerated() { basis[pivot, k] = -a[r][column] }
        }
        for (r, pivot) in pivots.enumerated() { offset[pivot] = b[r] }
        self.offset = offset
        self.basis = basis
        coordinateThetas = free
    }
}

/// An expression written as Σ cᵢ·labelᵢ + constant, or nil when it is not linear.
struct LinearForm {
    var coefficients: [String: Double] = [:]
    var constant = 0.0

    init?(_ expression: ModelExpression, fixed: [String: Double]) {
        switch expression {
        case .number(let v):
            constant = v
        case .parameter(let name, _):
            if let value = fixed[name] { constant = value } else { coefficients[name] = 1 }
        case .negate(let inner):
            guard let f = LinearForm(inner, fixed: fixed) else { return nil }
            self = f.scaled(-1)
        case .binary(let op, let left, let right):
            guard let l = LinearForm(left, fixed: fixed), let r = LinearForm(right, fixed: fixed) else { return nil }
            switch op {
            case "+": self = l.adding(r, sign: 1)
            case "-": self = l.adding(r, sign: -1)
            case "*":
                if l.coefficients.isEmpty { self = r.scaled(l.constant) }
                else if r.coefficients.isEmpty { self = l.scaled(r.constant) }
                else { return nil }
            case "/":
                guard r.coefficients.isEmpty, r.constant != 0 else { return nil }
                self = l.scaled(1 / r.constant)
            default:
                return nil
            }
        case .function:
            return nil
        }
    }

    private init() {}

    private func scaled(_ factor: Double) -> LinearForm {
        var result = LinearForm()
        result.coefficients = coefficients.mapValues { $0 * factor }
        result.constant = constant * factor
        return result
    }

    private func adding(_ other: LinearForm, sign: Double) -> LinearForm {
        var result = self
        for (label, c) in other.coefficients { result.coefficients[label, default: 0] += sign * c }
        result.constant += sign * other.constant
        return result
    }
}
