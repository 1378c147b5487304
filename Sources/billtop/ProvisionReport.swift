import BillingActions
import BillingCore
import Foundation

/// How `billtop ghl provision` prints a plan (a table) or an outcome (counts, then one line per contact with
/// why), or either as JSON. Every CRM string is sanitised again here: it came from a server.
enum ProvisionReport {
    static func table(_ steps: [ProvisionStep]) -> String {
        let rows = steps.filter { $0.kind != .done }
        var lines = [pad("CONTACT", 22) + pad("NAME", 28) + pad("EMAIL", 34) + "PLAN"]
        for step in rows {
            let plan = step.kind == .create ? "create" : step.kind == .link ? "write back" : "skip: \(step.reason)"
            lines.append(
                pad(step.contact.id, 22) + pad(step.contact.displayName, 28) + pad(step.contact.email, 34) + plan)
        }
        lines.append(counts(steps, create: "to create", link: "to write back"))
        return lines.map { TextSanitizer.clean($0) }.joined(separator: "\n")
    }

    static func lines(_ steps: [ProvisionStep]) -> String {
        var lines = [counts(steps, create: "created", link: "linked")]
        for step in steps where step.kind != .done {
            lines.append(
                "\(step.kind.rawValue): contact \(step.contact.id) \(step.contact.displayName): \(step.reason)")
        }
        return lines.map { TextSanitizer.clean($0) }.joined(separator: "\n")
    }

    /// The customer updates a dry run would send: "update customer 42: phone, organization".
    static func updates(_ updates: [(customerID: String, fields: [String: String])]) -> [String] {
        updates.map {
            TextSanitizer.clean(
                "update customer \($0.customerID) from its contact: \($0.fields.keys.sorted().joined(separator: ", "))")
        }
    }

    static func counts(_ steps: [ProvisionStep], create: String, link: String) -> String {
        func n(_ kind: ProvisionStep.Kind) -> Int { steps.filter { $0.kind == kind }.count }
        return "\(n(.create)) \(create), \(n(.link)) \(link), \(n(.skip)) skipped, \(n(.failed)) failed, "
            + "\(n(.done)) already provisioned"
    }

    static func json(_ steps: [ProvisionStep]) -> String {
        let objects: [[String: Any]] = steps.map { step in
            var o: [String: Any] = [
                "contact_id": TextSanitizer.clean(step.contact.id),
                "name": TextSanitizer.clean(step.contact.displayName),
                "email": TextSanitizer.clean(step.contact.email), "result": step.kind.rawValue,
                "reason": TextSanitizer.clean(step.reason),
            ]
            if let id = step.customerID { o["customer_id"] = TextSanitizer.clean(id) }
            return o
        }
        let data =
            (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let cut = String(TextSanitizer.clean(text).prefix(width - 1))
        return cut + String(repeating: " ", count: max(1, width - cut.count))
    }
}
