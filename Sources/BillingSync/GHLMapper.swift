import BillingCore
import Foundation

/// GHL's JSON to billtop's CRM values. Every string is hostile: cut to a bound and sanitised before it is
/// kept; a record without an id is dropped; a time that does not parse reads as 0 (the epoch), never a guess.
enum GHLMapper {
    /// The longest text kept from one field (a note body is the longest GHL field billtop shows).
    static let maxText = 4_000

    static func object(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TransportError("the answer was not a JSON object")
        }
        return object
    }

    static func text(_ value: Any?) -> String {
        guard let string = value as? String else { return "" }
        return TextSanitizer.clean(String(string.prefix(maxText))).trimmingCharacters(in: .whitespaces)
    }

    /// Milliseconds from GHL's ISO time ("2024-01-02T03:04:05.678Z") or a number of milliseconds.
    static func millis(_ value: Any?) -> Int64? {
        if let number = value as? Int64 { return number }
        if let number = value as? Int { return Int64(number) }
        guard let string = value as? String, let time = Timestamp(iso: string) else { return nil }
        var ms = time.secondsSinceEpoch * 1000
        // The fraction Timestamp drops: GHL's times carry milliseconds and incremental reads compare them.
        if let dot = string.firstIndex(of: ".") {
            let digits = string[string.index(after: dot)...].prefix(3)
            if digits.count == 3, digits.allSatisfy(\.isASCII), let fraction = Int64(digits) { ms += fraction }
        }
        return ms
    }

    static func contact(_ o: [String: Any]) -> CRMContact? {
        let id = text(o["id"])
        guard !id.isEmpty else { return nil }
        var fields: [String: String] = [:]
        for field in (o["customFields"] as? [[String: Any]] ?? []).prefix(200) {
            let key = text(field["id"] ?? field["key"])
            guard !key.isEmpty else { continue }
            let value = field["value"] ?? field["field_value"]
            fields[key] = value is String ? text(value) : value.map { text("\($0)") } ?? ""
        }
        return CRMContact(
            id: id, firstName: text(o["firstName"]), lastName: text(o["lastName"]), email: text(o["email"]),
            phone: text(o["phone"]), companyName: text(o["companyName"]), address1: text(o["address1"]),
            city: text(o["city"]), state: text(o["state"]), country: text(o["country"]),
            postalCode: text(o["postalCode"]),
            tags: (o["tags"] as? [Any] ?? []).prefix(200).map(text).filter { !$0.isEmpty }, customFields: fields,
            ownerID: text(o["assignedTo"]), dateAdded: millis(o["dateAdded"]) ?? 0,
            dateUpdated: millis(o["dateUpdated"]) ?? millis(o["dateAdded"]) ?? 0)
    }

    static func note(_ o: [String: Any], contactID: String) -> CRMNote? {
        let id = text(o["id"])
        guard !id.isEmpty else { return nil }
        return CRMNote(
            id: id, contactID: contactID, body: text(o["body"]), userID: text(o["userId"]),
            dateAdded: millis(o["dateAdded"]) ?? 0)
    }

    static func task(_ o: [String: Any], contactID: String) -> CRMTask? {
        let id = text(o["id"])
        guard !id.isEmpty else { return nil }
        return CRMTask(
            id: id, contactID: contactID, title: text(o["title"]), body: text(o["body"]),
            dueDate: millis(o["dueDate"]), completed: o["completed"] as? Bool ?? false,
            assignedTo: text(o["assignedTo"]))
    }

    static func user(_ o: [String: Any]) -> CRMUser? {
        let id = text(o["id"])
        guard !id.isEmpty else { return nil }
        var name = text(o["name"])
        if name.isEmpty {
            name = [text(o["firstName"]), text(o["lastName"])].filter { !$0.isEmpty }.joined(separator: " ")
        }
        return CRMUser(id: id, name: name, email: text(o["email"]))
    }
}
