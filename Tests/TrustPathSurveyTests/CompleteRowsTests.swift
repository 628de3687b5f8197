import Testing
import TrustPathSurvey

@Suite struct CompleteRowsTests {
    enum Refusal: Error, Equatable {
        case unknown(String, String?)
        case notNumeric(String)
    }

    let data: SurveyData

    init() throws {
        data = try SurveyReader.read(
            rows: [["x", "y", "label"], ["1", "2", "a"], ["", "3", "b"], ["4", "", "c"], ["5", "6", "d"], ["7", "8", "e"]],
            source: "inline.csv")
    }

    /// Listwise deletion: only rows where every named column has a value, in data order.
    @Test func keepsTheRowsWhereEveryColumnHasAValue() throws {
        let complete = try CompleteRows(data, columns: ["x", "y"], unknown: Refusal.unknown, notNumeric: Refusal.notNumeric)
        #expect(complete.indices == [0, 3, 4])
        #expect(complete.droppedRows == 2)
        #expect(complete.rowMajor == [1, 2, 5, 6, 7, 8])
        #expect(complete.values(1) == [2, 6, 8])
        let amongSome = try CompleteRows(
            data, columns: ["x"], among: [1, 2, 3], unknown: Refusal.unknown, notNumeric: Refusal.notNumeric)
        #expect(amongSome.indices == [2, 3])
        #expect(amongSome.droppedRows == 1)
    }

    /// An unknown column is named with the closest existing one; a text column is refused.
    @Test func unknownAndTextColumnsAreNamed() {
        #expect(throws: Refusal.unknown("xx", "x")) {
            try CompleteRows(data, columns: ["x", "xx"], unknown: Refusal.unknown, notNumeric: Refusal.notNumeric)
        }
        #expect(throws: Refusal.notNumeric("label")) {
            try CompleteRows(data, columns: ["label"], unknown: Refusal.unknown, notNumeric: Refusal.notNumeric)
        }
    }
}
