import BillingCore
import Foundation

/// A manual link (or unlink) asked for on a team store: a viewer may only insert requests, so `billtop link`,
/// `billtop unlink` and `b` in the dashboard queue one (kind `crm_link` on object kind `customer`), and serve sets
/// it in the team store, where every copy follows it. It needs no key: it changes billtop's store, not GHL.
public struct CRMLinkRequest: Sendable, Equatable {
    public static let kind = "crm_link"

    public var customerID: String
    /// The contact as the person gave it (an id or an e-mail, resolved by serve against the team store); ""
    /// unlinks: the customer has no contact, whatever the rules say.
    public var contact: String

    public init(customerID: String, contact: String) {
        self.customerID = customerID
        self.contact = contact.trimmingCharacters(in: .whitespaces)
    }

    /// The request's columns read back; nil for another kind.
    public init?(kind: String, objectID: String, parameters: String) {
        guard kind == Self.kind else { return nil }
        self.init(customerID: objectID, contact: ActionJSON.object(parameters)["contact"] as? String ?? "")
    }

    public var parametersJSON: String {
        let data = (try? JSONSerialization.data(withJSONObject: ["contact": contact], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The one line a link ends in, as the SQLite store's dashboard words it.
    public static func linked(_ customerID: String, to contactID: String?) -> String {
        guard let contactID else { return "customer \(TextSanitizer.clean(customerID)) unlinked by hand" }
        return "customer \(TextSanitizer.clean(customerID)) linked to contact \(TextSanitizer.clean(contactID)) by hand"
    }
}
