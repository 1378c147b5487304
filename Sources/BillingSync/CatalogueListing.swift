import BillingCore
import BillingStore
import Foundation

/// Every page of one catalogue listing (components, price points, coupons): Chargify's numbered pages
/// (`page`/`per_page`, the end an empty or short page) or Truto's proxy cursor (`next_cursor` until null).
///
/// A listing that never ends is stopped, never followed: a page that repeats the one before it, a cursor
/// seen before, or more than `maximumPages` pages throws `SyncError.pagingLoop` naming the listing. That
/// fails the subscriptions page that needed the catalogue, as a looping stream fails, so nothing is stored
/// from a catalogue cut short and the next run reads that page again (a 403 or 404 is a gap instead: it
/// lasts, see `CatalogueReader`).
struct CatalogueListing: Sendable {
    let executor: RequestExecutor
    let route: ComponentReader.Route
    /// The provider's resource: "components", "coupons", "components_price_points",
    /// "components/{id}/price_points" (an id already made a safe segment).
    let resource: String
    /// The key of the array when the provider wraps it in an object (`{"price_points": [...]}`).
    let key: String?
    /// The envelope of each element (`{"component": {...}}`), tolerated when absent.
    let element: String?
    /// Elements per page (Chargify clamps to 200; Truto forwards it as the provider's `per_page`).
    let pageSize: Int

    /// Pages of one listing before it is taken for a server that never ends it (200,000 items at 200).
    static let maximumPages = 1_000
    /// Expired or refused Truto cursors after which the listing gives up restarting.
    static let maximumRestarts = 3

    /// The path as logs and reasons name it: no query, no account.
    var displayPath: String {
        switch route {
        case .chargify: "/\(resource).json"
        case .trutoProxy: "/proxy/\(resource)"
        }
    }

    /// Every element of every page, in order.
    func all(log: LogBuffer) async throws -> [JSONFields] {
        var restarts = 0
        while true {
            do {
                return try await pages(log: log)
            } catch SyncError.rejected(400, let message, _)
                where restarts < Self.maximumRestarts && message.lowercased().contains("cursor")
            {
                // An expired or refused cursor: the listing starts again; the catalogue is small and read whole.
                restarts += 1
                log.append(
                    executor.entry(
                        StreamKind.subscriptions.rawValue, .info,
                        message: "cursor refused on GET \(displayPath); reading it again from the start"))
            }
        }
    }

    private func pages(log: LogBuffer) async throws -> [JSONFields] {
        var all: [JSONFields] = []
        var cursor: String?
        var cursors: Set<String> = []
        var previous: [String]?
        for page in 1...Self.maximumPages {
            let (list, next) = try await executor.get(
                path(page: page, cursor: cursor), stream: StreamKind.subscriptions.rawValue, log: log,
                forbiddenStopsSource: false
            ) { data in try decode(data) }
            // A page identical to the one before it is a server stuck on one page (Chargify ignoring `page`).
            let identity = list.map { JSONValue.object($0).compactText }
            if !list.isEmpty, identity == previous {
                throw SyncError.pagingLoop("the server returned the same page twice (GET \(displayPath) page \(page))")
            }
            previous = identity
            all += list
            switch route {
            case .chargify:
                if list.count < pageSize { return all }
            case .trutoProxy:
                guard let next, !list.isEmpty else { return all }
                if next == cursor || !cursors.insert(next).inserted {
                    throw SyncError.pagingLoop("the server repeated a cursor (GET \(displayPath))")
                }
                cursor = next
            }
        }
        throw SyncError.pagingLoop("GET \(displayPath) did not end after \(Self.maximumPages) pages")
    }

    func path(page: Int, cursor: String?) -> String {
        switch route {
        case .chargify:
            return "/\(resource).json?" + Query.make([("per_page", "\(pageSize)"), ("page", "\(page)")])
        case .trutoProxy(let account):
            // The cursor carries the listing's own parameters.
            let rest = cursor.map { [("next_cursor", $0)] } ?? [("limit", "\(pageSize)")]
            return "/proxy/\(resource)?" + Query.make([("integrated_account_id", account)] + rest)
        }
    }

    /// A page's elements (unwrapped) and, through Truto, its `next_cursor`; throws when the body is not such a
    /// page, so the request is retried instead of taken as an empty catalogue.
    func decode(_ data: Data) throws -> ([JSONFields], String?) {
        let root = try JSONBody.parse(data)
        var list: JSONValue?
        var next: String?
        switch route {
        case .chargify:
            list = key.map { root.objectValue?[$0] } ?? root
        case .trutoProxy:
            // The proxy's `result` is the provider's array; tolerate the provider's own wrapper inside it.
            guard let envelope = root.objectValue else { throw JSONBody.NotJSON() }
            list = envelope["result"]
            if let key, let inner = list?.objectValue?[key] { list = inner }
            next = envelope["next_cursor"]?.stringValue
        }
        guard let array = list?.arrayValue else { throw JSONBody.NotJSON() }
        let objects = array.compactMap { value -> JSONFields? in
            guard let object = value.objectValue else { return nil }
            return element.flatMap { object[$0]?.objectValue } ?? object
        }
        return (objects, next)
    }
}
