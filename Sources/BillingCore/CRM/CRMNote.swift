/// A note on a CRM contact.
public struct CRMNote: Sendable, Hashable {
    public var id: String
    public var contactID: String
    public var body: String
    /// The CRM user who wrote it ("" when unknown).
    public var userID: String
    /// Milliseconds since 1970.
    public var dateAdded: Int64

    public init(id: String, contactID: String, body: String, userID: String = "", dateAdded: Int64) {
        self.id = id
        self.contactID = contactID
        self.body = body
        self.userID = userID
        self.dateAdded = dateAdded
    }
}
