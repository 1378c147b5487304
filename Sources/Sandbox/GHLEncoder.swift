import BillingCore

/// Writes GHL contacts and notes in the v2 API's camelCase shapes with millisecond ISO times.
enum GHLEncoder {
    static func time(_ seconds: Int64) -> String {
        let text = Timestamp(secondsSinceEpoch: seconds).iso8601
        return String(text.dropLast()) + ".000Z"
    }

    static func contact(_ c: GHLContact, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", c.id)
            w.field("locationId", c.locationID)
            w.field("firstName", c.firstName)
            w.field("lastName", c.lastName)
            w.field(
                "contactName", [c.firstName, c.lastName].filter { !$0.isEmpty }.joined(separator: " ").lowercased())
            w.field("name", [c.firstName, c.lastName].filter { !$0.isEmpty }.joined(separator: " "))
            w.field("email", c.email.isEmpty ? nil : c.email)
            w.field("phone", c.phone.isEmpty ? nil : c.phone)
            w.field("companyName", c.companyName.isEmpty ? nil : c.companyName)
            w.field("address1", c.address1.isEmpty ? nil : c.address1)
            w.field("city", c.city.isEmpty ? nil : c.city)
            w.field("state", c.state.isEmpty ? nil : c.state)
            w.field("country", c.country.isEmpty ? nil : c.country)
            w.field("postalCode", c.postalCode.isEmpty ? nil : c.postalCode)
            w.field("type", "lead")
            w.field("source", "sandbox")
            w.array("tags") { w in for tag in c.tags { w.element(tag) } }
            w.array("customFields") { _ in }
            w.field("dateAdded", time(c.dateAdded))
            w.field("dateUpdated", time(c.dateUpdated))
        }
    }

    static func note(_ n: GHLNote, contactID: String, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", n.id)
            w.field("body", n.body)
            w.field("userId", n.userID)
            w.field("dateAdded", time(n.dateAdded))
            w.field("contactId", contactID)
        }
    }
}
