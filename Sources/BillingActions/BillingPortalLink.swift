import BillingCore
import BillingSync
import Foundation

/// A customer's billing-portal link (Maxio's management link), to paste into a reply: the customer updates
/// their card or pays there. A read, not an action: nothing is journalled, but Maxio counts fetches (more
/// than 15 a day answer 429), so it is fetched only when asked for.
public struct BillingPortalLink: Sendable, Equatable {
    public var url: String
    /// When the link stops working, as the provider wrote it (sanitised), if it said.
    public var expiresAt: String?

    public init(url: String, expiresAt: String?) {
        self.url = url
        self.expiresAt = expiresAt
    }

    /// The path on the provider (`route` adds Truto's proxy).
    public static func path(customerID: String) -> String {
        "/portal/customers/\(ActionRequestBuilder.escape(customerID))/management_link.json"
    }

    /// The link from a 200 answer, or nil when the body holds no usable http(s) URL: a hostile server's
    /// `javascript:` or a URL with control characters is never shown as a link to paste.
    public static func parse(_ body: Data) -> BillingPortalLink? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let raw = object["url"] as? String, raw.count <= 2_048,
            raw.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }),
            let url = URL(string: raw), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            url.host?.isEmpty == false
        else { return nil }
        let expires = (object["expires_at"] as? String).map { TextSanitizer.clean($0) }
        return BillingPortalLink(url: raw, expiresAt: expires?.isEmpty == true ? nil : expires)
    }

    /// The link as JSON (`url`, `expires_at` when known), as `billtop customer portal-link --json` prints it and
    /// as serve hands it to a team viewer, who reads it back with `parse`.
    public var json: String {
        var object = ["url": url]
        if let expiresAt { object["expires_at"] = expiresAt }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// One line for a person: the link and until when it holds.
    public var line: String {
        "billing portal: \(url)" + (expiresAt.map { " (valid until \(String($0.prefix(10))))" } ?? "")
    }
}
