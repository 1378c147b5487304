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
            w.array("customFields") { w in
                for (id, value) in c.customFields.sorted(by: { $0.key < $1.key }) {
                    w.object { w in
                        w.field("id", id)
                        w.field("value", value)
                    }
                }
            }
            w.field("assignedTo", c.assignedTo.isEmpty ? nil : c.assignedTo)
            w.field("dateAdded", time(c.dateAdded))
            w.field("dateUpdated", time(c.dateUpdated))
            // The search's cursor for this contact: its sort value and id, as GHL's `searchAfter` is.
            w.array("searchAfter") { w in
                w.rawElement(Array(String(c.dateUpdated * 1000).utf8))
                w.element(c.id)
            }
        }
    }

    static func task(_ t: GHLTask, contactID: String, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", t.id)
            w.field("title", t.title)
            w.field("body", t.body)
            w.field("dueDate", time(t.dueDate))
            w.field("completed", t.completed)
            w.field("assignedTo", t.assignedTo.isEmpty ? nil : t.assignedTo)
            w.field("contactId", contactID)
        }
    }

    static func user(_ u: GHLUser, into w: inout JSONWriter) {
        w.object { w in
            w.field("id", u.id)
            w.field("name", "\(u.firstName) \(u.lastName)")
            w.field("firstName", u.firstName)
            w.field("lastName", u.lastName)
            w.field("email", u.email)
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
