/// A note on a GHL contact.
public struct GHLNote: Sendable, Equatable {
    public var id: String
    public var body: String
    public var userID: String
    public var dateAdded: Int64
}
