import BillingCore
import BillingSync
import Foundation

/// The HTTP request an action makes, on Chargify directly or through Truto's proxy. Chargify bodies carry the
/// attempt's token as `uniqueness_token` (a DELETE has no body and no token); proxy requests also send it as
/// `Idempotency-Key`, which Truto answers by replaying the first reply.
public enum ActionRequestBuilder {
    /// The provider path of an action on Chargify, with its query (`add_coupon.json?code=`).
    public static func chargifyPath(_ kind: ActionKind, objectID: String, parameters: [String: any Sendable]) -> String
    {
        let id = escape(objectID)
        switch kind {
        case .resendInvoice: return "/invoices/\(id)/deliveries.json"
        case .recordPayment: return "/invoices/\(id)/payments.json"
        case .cardUpdateEmail: return "/subscriptions/\(id)/request_payment_profiles_update.json"
        case .addNote: return "/subscriptions/\(id)/notes.json"
        case .retry: return "/subscriptions/\(id)/retry.json"
        case .cancelDunning: return "/subscriptions/\(id)/cancel_dunning.json"
        case .pause: return "/subscriptions/\(id)/hold.json"
        case .resume: return "/subscriptions/\(id)/resume.json"
        case .cancelAtPeriodEnd, .undoCancel: return "/subscriptions/\(id)/delayed_cancel.json"
        case .reactivate: return "/subscriptions/\(id)/reactivate.json"
        case .addCoupon:
            let code = parameters["code"] as? String ?? ""
            return "/subscriptions/\(id)/add_coupon.json?code=\(escape(code))"
        case .createCustomer: return "/customers.json"
        }
    }

    /// The body: the parameters plus `uniqueness_token` (nil for a DELETE).
    public static func body(_ kind: ActionKind, parameters: [String: any Sendable], token: String) -> Data? {
        guard kind.carriesToken else { return nil }
        var object = parameters
        object["uniqueness_token"] = token
        return ActionJSON.data(object)
    }

    /// The full request for `source`, with its key in the Authorization header.
    public static func request(
        _ kind: ActionKind, objectID: String, parameters: [String: any Sendable], token: String,
        source: SourceConfig
    ) -> HTTPRequest {
        var headers = ["Content-Type": "application/json"]
        headers.merge(authorization(source)) { a, _ in a }
        if source.kind == .truto, kind.carriesToken { headers["Idempotency-Key"] = token }
        return HTTPRequest(
            method: kind.method, url: url(kind, objectID: objectID, parameters: parameters, source: source),
            headers: headers, maxResponseBytes: 4 << 20,
            body: body(kind, parameters: parameters, token: token))
    }

    /// The URL: the site's path, or `/proxy/...` (the last segment without `.json`) with the account on Truto.
    static func url(_ kind: ActionKind, objectID: String, parameters: [String: any Sendable], source: SourceConfig)
        -> String
    {
        let path = chargifyPath(kind, objectID: objectID, parameters: parameters)
        return source.baseURL + route(path, source: source)
    }

    /// A provider path as `source` reaches it: as is on Chargify, through the proxy on Truto.
    public static func route(_ path: String, source: SourceConfig) -> String {
        guard source.kind == .truto else { return path }
        let (resource, query) = split(path)
        let proxied = "/proxy" + (resource.hasSuffix(".json") ? String(resource.dropLast(5)) : resource)
        let account = "integrated_account_id=" + escape(source.account)
        return proxied + "?" + (query.isEmpty ? account : query + "&" + account)
    }

    /// The object a GET re-reads after an action, on the provider's path.
    public static func readPath(_ target: ActionKind.Target, id: String) -> String {
        switch target {
        case .invoice: "/invoices/\(escape(id)).json"
        case .subscription: "/subscriptions/\(escape(id)).json"
        case .customer: "/customers/\(escape(id)).json"
        }
    }

    /// Chargify: HTTP basic with the key as user and "x"; Truto: a bearer token.
    static func authorization(_ source: SourceConfig) -> [String: String] {
        switch source.kind {
        case .chargify: ["Authorization": "Basic " + Data("\(source.secret):x".utf8).base64EncodedString()]
        case .truto: ["Authorization": "Bearer \(source.secret)"]
        }
    }

    /// What `--dry-run` prints: method, URL, the headers but the key, the body with its token.
    public static func describe(_ request: HTTPRequest) -> String {
        var lines = ["\(request.method) \(request.url)"]
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            lines.append("\(name): \(name == "Authorization" ? "(the source's key, not shown)" : value)")
        }
        if let body = request.body { lines.append(String(decoding: body, as: UTF8.self)) }
        return lines.map { TextSanitizer.clean($0) }.joined(separator: "\n")
    }

    static func split(_ path: String) -> (String, String) {
        guard let mark = path.firstIndex(of: "?") else { return (path, "") }
        return (String(path[..<mark]), String(path[path.index(after: mark)...]))
    }

    /// An id, uid or code in a path or query: only unreserved characters pass as they are.
    static func escape(_ text: String) -> String {
        // ASCII only: `CharacterSet.alphanumerics` would let any script's letters through unescaped.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
