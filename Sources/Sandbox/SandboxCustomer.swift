/// A Chargify customer as the sandbox stores it; times are seconds since 1970 (UTC).
public struct SandboxCustomer: Sendable, Equatable {
    public var id: Int
    public var firstName: String
    public var lastName: String
    public var email: String
    public var ccEmails: String
    public var organization: String
    public var reference: String
    public var phone: String
    public var address: String
    public var address2: String
    public var city: String
    public var state: String
    public var zip: String
    public var country: String
    public var locale: String
    public var vatNumber: String
    public var taxExempt: Bool
    public var parentID: Int?
    public var createdAt: Int64
    public var updatedAt: Int64
}
