/// A billing customer, as any source describes one.
public struct Customer: Hashable, Sendable, Codable, Identifiable {
    /// The source's id for the customer (Chargify's integer id as a string).
    public var id: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var organization: String
    /// The company's own id for the customer (e.g. a CRM contact id).
    public var reference: String
    public var phone: String
    public var city: String
    public var country: String
    public var createdAt: Timestamp?
    public var updatedAt: Timestamp?

    public init(
        id: String, firstName: String = "", lastName: String = "", email: String = "", organization: String = "",
        reference: String = "", phone: String = "", city: String = "", country: String = "",
        createdAt: Timestamp? = nil, updatedAt: Timestamp? = nil
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.organization = organization
        self.reference = reference
        self.phone = phone
        self.city = city
        self.country = country
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// "First Last", or the organization, or the email, whichever exists first.
    public var displayName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        if !name.isEmpty { return name }
        if !organization.isEmpty { return organization }
        return email
    }
}
