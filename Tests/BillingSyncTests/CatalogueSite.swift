import Foundation

@testable import BillingSync

/// A tiny Chargify site for the catalogue tests: one subscription (id 101, customer 5) with two seat-like
/// components and a coupon, and a catalogue paged by `page`/`per_page` like every Chargify list.
///
/// Component 4 names its price point (40); component 5 does not, so its price comes from its default price
/// point (50), which only the components listing tells. The coupon is the last of five. With two items to a
/// page, what the subscription needs is on the last page of each listing.
struct CatalogueSite: Sendable {
    /// Paths answered 403 (a key without the permission) or 404 (an older site).
    var forbidden: Set<String> = []
    var missing: Set<String> = []
    /// Paths whose every page is page 1 (a server stuck on one page).
    var stuck: Set<String> = []

    static let subscription = """
        [{"subscription": {"id": 101, "state": "active", "currency": "USD", "customer": {"id": 5},
          "product": {"id": 1, "name": "Pro", "interval": 1, "interval_unit": "month", "product_family": {"name": "Main"}},
          "product_price_in_cents": 10000, "coupon_codes": ["E"], "activated_at": "2026-01-10T00:00:00Z",
          "updated_at": "2026-06-20T12:00:00Z"}}]
        """
    static let components = """
        {"subscriptions_components": [
          {"component_id": 4, "subscription_id": 101, "kind": "quantity_based_component", "name": "Seats",
           "allocated_quantity": 3, "price_point_id": 40, "currency": "USD"},
          {"component_id": 5, "subscription_id": 101, "kind": "on_off_component", "name": "Support",
           "enabled": true, "currency": "USD"}]}
        """
    static let customer = """
        [{"customer": {"id": 5, "first_name": "Ada", "last_name": "Byron", "email": "ada@example.com"}}]
        """

    /// Component n (1...5) defaults to price point 10 n; price point 10 n costs n dollars a unit.
    static let catalogueComponents = (1...5).map {
        "{\"component\": {\"id\": \($0), \"default_price_point_id\": \($0 * 10)}}"
    }
    static let pricePoints = (1...5).map {
        "{\"id\": \($0 * 10), \"component_id\": \($0), \"prices\": [{\"unit_price\": \"\($0).0\"}]}"
    }
    /// Coupon E takes 10% off.
    static let coupons = ["A", "B", "C", "D", "E"].map {
        "{\"coupon\": {\"code\": \"\($0)\", \"percentage\": \"10.0\", \"recurring\": true}}"
    }

    func answer(_ url: String) -> HTTPResponse {
        let parts = url.split(separator: "?", maxSplits: 1)
        let path = String(parts[0].drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
        var query: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { query[kv[0]] = kv[1] }
        }
        if forbidden.contains(path) { return Self.json("{\"errors\":[\"Forbidden\"]}", status: 403) }
        if missing.contains(path) { return Self.json("{\"errors\":[\"Not Found\"]}", status: 404) }
        let perPage = Int(query["per_page"] ?? "20") ?? 20
        let page = stuck.contains(path) ? 1 : Int(query["page"] ?? "1") ?? 1
        func slice(_ items: [String]) -> String {
            let start = min(items.count, (page - 1) * perPage)
            return items[start..<min(items.count, start + perPage)].joined(separator: ",")
        }
        switch path {
        case "/customers.json": return Self.json(page == 1 ? Self.customer : "[]")
        case "/subscriptions.json": return Self.json(page == 1 ? Self.subscription : "[]")
        case "/subscriptions_components.json":
            return Self.json(page == 1 ? Self.components : "{\"subscriptions_components\":[]}")
        case "/invoices.json": return Self.json("{\"invoices\":[]}")
        case "/components.json": return Self.json("[\(slice(Self.catalogueComponents))]")
        case "/components_price_points.json": return Self.json("{\"price_points\":[\(slice(Self.pricePoints))]}")
        case "/coupons.json": return Self.json("[\(slice(Self.coupons))]")
        default:
            // /components/{n}/price_points.json
            let segments = path.split(separator: "/")
            if segments.count == 3, segments[0] == "components", let n = Int(segments[1]), (1...5).contains(n) {
                return Self.json("{\"price_points\":[\(slice([Self.pricePoints[n - 1]]))]}")
            }
            return Self.json("[]")
        }
    }

    static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, body: Data(text.utf8))
    }
}
