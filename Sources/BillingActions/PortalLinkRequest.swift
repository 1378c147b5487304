import BillingCore
import Foundation

/// A billing-portal link asked for on a team store: the viewer holds no key, so `billtop customer portal-link`
/// and the dashboard's action menu queue a request (kind `portal_link` on object kind `customer`), and serve
/// fetches the link with the source's key and writes it as the request's outcome for the one who asked.
///
/// The link lets whoever holds it manage the customer's card, so it does not stay in the shared store: serve
/// overwrites the outcome with `cleared` once it is `keptFor` old (`PostgresStore.forgetPortalLinks`), and never
/// writes it to its log (`logLine`). Any viewer could ask for the link itself, so the minutes it is readable by
/// the team's viewer role give nobody more than they had.
public struct PortalLinkRequest: Sendable, Equatable {
    public static let kind = "portal_link"
    /// Long enough for the viewer waiting on it (the dashboard waits 30 s, a command its `--wait`), short enough
    /// that backups and a curious `SELECT` find no working link.
    public static let keptFor: Duration = .seconds(600)
    /// What the outcome says once the link is gone.
    public static let cleared =
        "billing portal link given to the one who asked (cleared from the team store after 10 minutes)"

    public var customerID: String

    public init(customerID: String) { self.customerID = customerID }

    /// The request's columns read back; nil for another kind.
    public init?(kind: String, objectID: String) {
        guard kind == Self.kind else { return nil }
        self.init(customerID: objectID)
    }

    /// What serve logs instead of the outcome: that a link was given, never the link.
    public static func logLine(customerID: String) -> String {
        "billing portal link for customer \(TextSanitizer.clean(customerID)) given (not logged: it is a credential)"
    }
}
