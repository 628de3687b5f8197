import TrustPathLinalg
import TrustPathModelSpec

/// A parameter table prepared for estimation on sample moments: the matrices' layout, the fixed
/// values, and the maps between the free-parameter vector θ and the table's rows. Built once;
/// estimation, bootstrap and simulation only swap the moments.
public struct SEMModel: Sendable {
    public let table: ParameterTable
    public let moments: SampleMoments
    let lisrel: LISRELModel
    /// Parameter rows of the table, in table order.
    let rows: [ParameterRow]
    /// The value of each parameter row when fixed (fixed value, or the sample statistic for exogenous rows).
    let fixedValues: [Double]
    /// For each free parameter (0-based), the parameter rows it fills.
    let rowsOfFree: [[Int]]
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
        fixedValues = rows.map { row in
            if row.isExogenous, let i = index[row.lhs] {
                if row.op == "~1" { return moments.means[i] }
                if let j = index[row.rhs] { return moments.covariance[i, j] }
            }
            return row.fixedValue ?? 0
        }
        var rowsOfFree = [[Int]](repeating: [], count: table.freeCount)
        for (r, row) in rows.enumerated() where row.isFree { rowsOfFree[row.freeIndex - 1].append(r) }
        self.rowsOfFree = rowsOfFree
    }

    public var freeCount: Int { rowsOfFree.count }

    /// The value of every parameter row at θ.
    func rowValues(_ theta: [Double]) -> [Double] {
        var values = fixedValues
        for (a, rowIndices) in rowsOfFree.enumerated() { for r in rowIndices { values[r] = theta[a] } }
        return values
    }

    /// The model with other moments (bootstrap, simulation): same layout, new sample statistics.
    public func with(moments: SampleMoments) throws(SEMError) -> SEMModel {
        try SEMModel(table: table, moments: moments)
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
