/// Listwise deletion, the one complete-cases routine of TrustPath: the rows on which every one of
/// a set of numeric columns has a value. SEM, PLS, reliability, regression, PROCESS, moderation and
/// screening all take their complete rows from here, so "complete" means the same everywhere.
public struct CompleteRows: Sendable {
    public let names: [String]
    /// Each named column over every row of the data (missing values NaN).
    public let columns: [[Double]]
    /// The rows where none of the columns is missing, in data order.
    public let indices: [Int]
    /// Rows left out for a missing value.
    public let droppedRows: Int

    /// The complete rows of `names` in `data` (among `rows` only, when given). Each column must
    /// exist and be numeric; the caller words the refusal in its own error: `unknown(name, the
    /// closest column name)` or `notNumeric(name)`.
    public init<Failure: Error>(
        _ data: SurveyData, columns names: [String], among rows: [Int]? = nil,
        unknown: (String, String?) -> Failure, notNumeric: (String) -> Failure
    ) throws(Failure) {
        var columns: [[Double]] = []
        for name in names {
            guard let column = data.columns.first(where: { $0.name == name }) else {
                throw unknown(name, NameSuggestion.closest(to: name, among: data.columnNames))
            }
            guard let numbers = column.numbers else { throw notNumeric(name) }
            columns.append(numbers)
        }
        let candidates = rows ?? Array(0..<data.rowCount)
        self.names = names
        self.columns = columns
        indices = Self.indices(of: columns, among: candidates)
        droppedRows = candidates.count - indices.count
    }

    /// The rows among `rows` where none of `columns` is missing (NaN or beyond a column's end).
    public static func indices(of columns: [[Double]], among rows: [Int]) -> [Int] {
        rows.filter { row in columns.allSatisfy { row < $0.count && !$0[row].isNaN } }
    }

    public var count: Int { indices.count }

    /// The complete rows' values row by row (`count` x `names.count`).
    public var rowMajor: [Double] {
        var values: [Double] = []
        values.reserveCapacity(indices.count * columns.count)
        for row in indices { for column in columns { values.append(column[row]) } }
        return values
    }

    /// Column j on the complete rows.
    public func values(_ j: Int) -> [Double] { indices.map { columns[j][$0] } }
}
