/// A GoHighLevel CRM contact.
public struct GHLContact: Sendable, Equatable {
    public var id: String
    public var locationID: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String
    public var companyName: String
    public var address1: String
    public var city: String
    public var state: String
    public var country: String
    public var postalCode: String
    public var tags: [String]
    public var dateAdded: Int64
    public var dateUpdated: Int64
    public var notes: [GHLNote]
    /// The owner (a user id from `GHLGenerator.users`), "" when none.
    public var assignedTo: String = ""
    /// Custom field values by field id or key.
    public var customFields: [String: String] = [:]
    public var tasks: [GHLTask] = []
}
