/// A key and what it does, as the footer shows it ("/ search").
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var text: String

    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}
