import BillingCore
import Foundation

/// What `billtop open ARG` was given, read without trusting it: an email, an admin URL of a Chargify site, or
/// a text that may be a customer id, a reference or an invoice number (all are tried: they overlap).
public enum OpenArgument: Sendable, Equatable {
    /// The object an admin URL names (`/customers/123`, `/subscriptions/456`, `/invoices/inv_abc`).
    public enum AdminObject: String, Sendable, Equatable, CaseIterable {
        case customer = "customers"
        case subscription = "subscriptions"
        case invoice = "invoices"
    }

    case email(String)
    case text(String)
    /// `host` is lower-cased; `port` is the URL's (or its scheme's default).
    case adminURL(host: String, port: Int, object: AdminObject, id: String)

    /// Longer than any id, email or admin URL billtop reads; a helpdesk link is far shorter.
    public static let maxLength = 2_048
    /// Ids in an admin URL: Chargify's are digits, invoice uids `inv_` and letters or digits.
    static let maxIDLength = 64

    /// Reads `raw` (surrounding spaces ignored); throws one line saying what was wrong and what to give.
    public static func parse(_ raw: String) throws(OpenFailure) -> OpenArgument {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw OpenFailure(OpenFailure.usage) }
        guard text.utf8.count <= maxLength else {
            throw OpenFailure("the argument is \(text.utf8.count) bytes, more than \(maxLength); \(OpenFailure.usage)")
        }
        let lower = text.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return try adminURL(text) }
        if lower.contains("://") {
            throw OpenFailure(
                "\(TextSanitizer.clean(text)) is not an http(s) URL; give a Chargify admin URL such as https://SITE.chargify.com/customers/ID"
            )
        }
        return text.contains("@") ? .email(text) : .text(text)
    }

    /// An admin URL: URLComponents reads it, and only the host, port and the first known object segment with a
    /// well-formed id are kept. Everything else (query, fragment, user info, other segments) is ignored.
    static func adminURL(_ text: String) throws(OpenFailure) -> OpenArgument {
        let shape = "expected https://SITE.chargify.com/customers/ID, /subscriptions/ID or /invoices/UID"
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
            let host = parts.host?.lowercased(), !host.isEmpty
        else { throw OpenFailure("cannot read the URL \(TextSanitizer.clean(text)): \(shape)") }
        let port = parts.port ?? (scheme == "https" ? 443 : 80)
        let segments = parts.path.split(separator: "/").map(String.init)
        for (index, segment) in segments.enumerated() {
            guard let object = AdminObject(rawValue: segment.lowercased()), index + 1 < segments.count else { continue }
            var id = segments[index + 1]
            if id.hasSuffix(".json") { id.removeLast(5) }
            guard isWellFormed(id, for: object) else { continue }
            return .adminURL(host: host, port: port, object: object, id: id)
        }
        throw OpenFailure("the URL \(TextSanitizer.clean(text)) names no customer, subscription or invoice: \(shape)")
    }

    /// Digits for customers and subscriptions; letters, digits and `_` for invoice uids.
    static func isWellFormed(_ id: String, for object: AdminObject) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maxIDLength else { return false }
        switch object {
        case .customer, .subscription: return id.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        case .invoice:
            return id.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || $0 == 95
            }
        }
    }
}
