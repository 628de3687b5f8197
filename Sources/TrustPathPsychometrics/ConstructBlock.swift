/// A construct and the items that measure it (from an instrument or a model's `=~` lines).
public struct ConstructBlock: Sendable, Equatable {
    public let code: String
    public let name: String
    public let items: [String]

    public init(code: String, name: String? = nil, items: [String]) {
        self.code = code
        self.name = name ?? code
        self.items = items
    }
}
