import TrustPathLinalg
import TrustPathModelSpec

/// A parameter table prepared for estimation on sample moments: the matrices' layout, the fixed
/// values, and the maps between the free-parameter vector θ and the table's rows. Built once;
/// estimation, bootstrap and simulation only swap the moments.
public struct SEMModel: Sendable {
    public let table: ParameterTable
    public private(set) var moments: SampleMoments
    let lisrel: LISRELModel
    /// Parameter rows of the table, in table order.
    let rows: [ParameterRow]
    /// The value of each parameter row when every free coordinate is 0: its fixed value, the sample
    /// statistic for exogenous rows, the constant part θ₀ of a constrained parameter.
    private(set) var baseValues: [Double]
    /// For each free parameter θ of the table (0-based), the rows it fills (equal labels share one).
    let rowsOfTheta: [[Int]]
    /// For each free coordinate φ of the estimation, the rows it moves and by how much
    /// (θ = θ₀ + Kφ; without `==` constraints φ = θ and every weight is 1).
    let coordinates: [[(row: Int, weight: Double)]]
    let constraints: LinearConstraints
    /// Moments are ordered as the model's observed variables.
    var p: Int { lisrel.p }

    public init(table: ParameterTable, moments: SampleMoments) throws(SEMError) {
        guard moments.variables == table.variables.observed else {
            preconditionFailure("internal error: moments not in the model's variable order")
        }
        self.table = table
        self.moments = moments
        lisrel = try LISRELModel(table: table)
        rows = table.parameterRows
        let index = Dictionary(uniqueKeysWithValues: moments.variables.enumerated().map { ($1, $0) })
        let fixedValues = rows.map { row -> Double in
            if row.isExogenous, let i = index[row.lhs] {
                if row.op == "~1" { return moments.means[i] }
                if let j = index[row.rhs] { return moments.covariance[i, j] }
            }
            return row.fixedValue ?? 0
        }
        var rowsOfTheta = [[Int]](repeating: [], count: table.freeCount)
        for (r, row) in rows.enumerated() where row.isFree { rowsOfTheta[row.freeIndex - 1].append(r) }
        self.rowsOfTheta = rowsOfTheta
        let constraintRows = table.rows.filter { $0.op == "==" }
        if constraintRows.isEmpty {
            constraints = LinearConstraints(identity: table.freeCount)
        } else {
            var thetaOfLabel: [String: Int] = [:], fixedOfLabel: [String: Double] = [:]
            for (r, row) in rows.enumerated() where !row.label.isEmpty {
                if row.isFree { thetaOfLabel[row.label] = row.freeIndex - 1 } else { fixedOfLabel[row.label] = fixedValues[r] }
            }
            constraints = try LinearConstraints(rows: constraintRows, thetaCount: table.freeCount,
                                                thetaOfLabel: thetaOfLabel, fixedValueOfLabel: fixedOfLabel)
        }
        var base = fixedValues
        for (a, rowIndices) in rowsOfTheta.enumerated() { for r in rowIndices { base[r] = constraints.offset[a] } }
        baseValues = base
        let basis = constraints.basis
        coordinates = (0..<basis.columns).map { k in
            rowsOfTheta.indices.flatMap { a in basis[a, k] == 0 ? [] : rowsOfTheta[a].map { (row: $0, weight: basis[a, k]) } }
        }
    }

    /// The number of free coordinates: free parameters less independent `==` constraints (lavaan's npar).
    public var freeCount: Int { coordinates.count }

    /// The free parameter rows before any equality (lavaan's `nx.free`: a repeated label or `==`
    /// leaves each row free and constrains them).
    var freeRowCount: Int { table.rows.filter { $0.isFree && $0.isParameter }.count }

    /// The value of every parameter row at the free coordinates φ.
    func rowValues(_ phi: [Double]) -> [Double] {
        var values = baseValues
        for (k, entries) in coordinates.enumerated() { for entry in entries { values[entry.row] += entry.weight * phi[k] } }
        return values
    }

    /// How each parameter row moves with the free coordinates: row r = base + Σ_k w[r][k] φ_k.
    func rowWeights(_ row: Int) -> [Double] {
        var weights = [Double](repeating: 0, count: coordinates.count)
        for (k, entries) in coordinates.enumerated() { for entry in entries where entry.row == row { weights[k] += entry.weight } }
        return weights
    }

    /// The first table row of free coordinate k, for messages.
    func firstRow(ofCoordinate k: Int) -> ParameterRow {
        rows[rowsOfTheta[constraints.coordinateThetas[k]][0]]
    }

    /// The model with other moments (bootstrap, simulation): same layout, new sample statistics
    /// (only the exogenous covariates' fixed rows change with them).
    public func with(moments newMoments: SampleMoments) -> SEMModel {
        var copy = self
        copy.moments = newMoments
        for (r, row) in rows.enumerated() where row.isExogenous {
            guard let i = newMoments.variables.firstIndex(of: row.lhs) else { continue }
            if row.op == "~1" {
                copy.baseValues[r] = newMoments.means[i]
            } else if let j = newMoments.variables.firstIndex(of: row.rhs) {
                copy.baseValues[r] = newMoments.covariance[i, j]
            }
        }
        return copy
    }

    /// Number of sample moments: p(p+1)/2 covariances (+ p means with a mean structure).
    public var momentCount: Int { p * (p + 1) / 2 + (lisrel.hasMeans ? p : 0) }

    /// Moments reproduced exactly by the fixed exogenous rows (lavaan does not count them in df).
    var exogenousMomentCount: Int {
        let k = table.variables.exogenousObserved.count
        return k * (k + 1) / 2 + (lisrel.hasMeans ? k : 0)
    }

    public var degreesOfFreedom: Int { momentCount - exogenousMomentCount - freeCount }
}
