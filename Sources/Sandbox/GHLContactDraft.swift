/// Contact fields from a GHL create/update/upsert body; nil means "not sent".
struct GHLContactDraft: Sendable {
    var locationID: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var phone: String?
    var companyName: String?
    var address1: String?
    var city: String?
    var state: String?
    var country: String?
    var postalCode: String?
    var tags: [String]?
    var assignedTo: String?
    /// Custom field values by id or key (`[{"id"|"key", "value"|"field_value"}]`).
    var customFields: [String: String]?

    init(_ object: [String: Any]) {
        func text(_ key: String) -> String? { (object[key] as? String)?.trimmed }
        locationID = text("locationId")
        firstName = text("firstName")
        lastName = text("lastName")
        email = text("email")
        phone = text("phone")
        companyName = text("companyName")
        address1 = text("address1")
        city = text("city")
        state = text("state")
        country = text("country")
        postalCode = text("postalCode")
        tags = object["tags"] as? [String]
        assignedTo = text("assignedTo")
        if let fields = object["customFields"] as? [[String: Any]] {
            var values: [String: String] = [:]
            for field in fields {
                guard let id = field["id"] as? String ?? field["key"] as? String else { continue }
                let value = field["value"] ?? field["field_value"]
                values[id] = value as? String ?? (value.map { "\($0)" } ?? "")
            }
            customFields = values
        }
    }

    /// Writes the sent fields over a contact.
    func apply(to contact: inout GHLContact) {
        if let firstName { contact.firstName = firstName }
        if let lastName { contact.lastName = lastName }
        if let email { contact.email = email }
        if let phone { contact.phone = phone }
        if let companyName { contact.companyName = companyName }
        if let address1 { contact.address1 = address1 }
        if let city { contact.city = city }
        if let state { contact.state = state }
        if let country { contact.country = country }
        if let postalCode { contact.postalCode = postalCode }
        if let tags { contact.tags = tags }
        if let assignedTo { contact.assignedTo = assignedTo }
        if let customFields { contact.customFields.merge(customFields) { _, new in new } }
    }
}
