/// A CRM (GoHighLevel) contact as billtop keeps it: every text already sanitised, times in milliseconds.
public struct CRMContact: Sendable, Hashable {
    public var id: String
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
    /// Custom field values by the field's id (or key), as GHL returns them.
    public var customFields: [String: String]
    /// The owner: a CRM user id (GHL's `assignedTo`), "" when none.
    public var ownerID: String
    public var dateAdded: Int64
    public var dateUpdated: Int64

    public init(
        id: String, firstName: String = "", lastName: String = "", email: String = "", phone: String = "",
        companyName: String = "", address1: String = "", city: String = "", state: String = "", country: String = "",
        postalCode: String = "", tags: [String] = [], customFields: [String: String] = [:], ownerID: String = "",
        dateAdded: Int64 = 0, dateUpdated: Int64 = 0
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.companyName = companyName
        self.address1 = address1
        self.city = city
        self.state = state
        self.country = country
        self.postalCode = postalCode
        self.tags = tags
        self.customFields = customFields
        self.ownerID = ownerID
        self.dateAdded = dateAdded
        self.dateUpdated = dateUpdated
    }

    /// "First Last", or the e-mail when the contact has no name.
    public var displayName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? email : name
    }

    /// The e-mail as links compare it: trimmed and case-folded ("" when there is none).
    public var emailKey: String { Self.emailKey(email) }

    /// An e-mail trimmed and case-folded, so " Ann@X.com" and "ann@x.com" are one address.
    public static func emailKey(_ email: String) -> String {
        trimmed(email).lowercased()
    }

    /// `text` without leading and trailing white space (BillingCore has no Foundation).
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether the contact carries `tag`, compared as GHL does (tags are stored lower-case there).
    public func hasTag(_ tag: String) -> Bool {
        let wanted = Self.trimmed(tag).lowercased()
        return tags.contains { $0.lowercased() == wanted }
    }
}
