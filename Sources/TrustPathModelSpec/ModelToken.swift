/// One token of lavaan model syntax.
struct ModelToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case identifier(String)
        case number(Double)
        case string(String)
        /// `=~ ~ ~~ <~ := == < >` and `* + - / ^ ( ) ,`
        case symbol(String)
        /// A statement separator: a line break or `;`.
        case end
    }

    let kind: Kind
    let location: SourceLocation
    /// The token as written, for echoing expressions back (lavaan's `rhs` of a `:=` row).
    var text: String = ""

    var symbol: String? {
        if case .symbol(let s) = kind { return s }
        return nil
    }
}
