/// A user of the GHL location: contacts' owners and tasks' assignees.
public struct GHLUser: Sendable, Equatable {
    public var id: String
    public var firstName: String
    public var lastName: String
    public var email: String
}
