/// A CRM user: who owns contacts and is assigned tasks.
public struct CRMUser: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String

    public init(id: String, name: String, email: String = "") {
        self.id = id
        self.name = name
        self.email = email
    }
}
