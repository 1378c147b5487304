import BillingStore
import Foundation
import Synchronization

/// Each subscription's components for one page of subscriptions: from the provider's site-wide listing
/// (Maxio's "List Subscription Components for Site"), a few requests per page of subscriptions, or one
/// request per subscription where that listing answers 404 (a site or a Truto integration without it).
///
/// Chargify direct pages the listing by page number; Truto's proxy forwards the same listing and wraps
/// the provider's pages in its cursor envelope, so only the paging differs.
struct ComponentReader: Sendable {
    /// Where the provider's component endpoints are reached.
    enum Route: Sendable {
        /// `/subscriptions_components.json` and `/subscriptions/{id}/components.json` on the site.
        case chargify
        /// `/proxy/subscriptions_components` and `/proxy/subscriptions/{id}/components` on Truto.
        case trutoProxy(account: String)
    }

    let executor: RequestExecutor
    let route: Route
    let capabilities: SiteCapabilities

    /// Subscription ids per listing request: with a few components each, one page of 200 answers it, and
    /// the chunks of one subscriptions page go out together under the in-flight cap.
    static let idsPerRequest = 50
    /// Components per page of the listing (Chargify's maximum).
    static let perPage = 200
    /// Pages of one chunk's listing before it is taken for a server that never ends it.
    static let maximumPages = 500

    /// Components of `subscriptions` (raw provider objects), in their order.
    /// What mapping a page needs beyond its body: for a subscriptions page, the mapper with the site's
    /// catalogue and each subscription's components, in order; for any other page, a plain mapper.
    func mapping(_ stream: StreamKind, _ list: DecodedList, catalogue: CatalogueLoader, log: LogBuffer) async throws
        -> (mapper: ChargifyMapper, components: [[JSONFields]])
    {
        var mapper = ChargifyMapper()
        guard stream == .subscriptions, !list.objects.isEmpty else { return (mapper, []) }
        mapper.catalogue = try await catalogue.catalogue(log: log)
        return (mapper, try await components(of: list.objects, log: log))
    }

    func components(of subscriptions: [JSONFields], log: LogBuffer) async throws -> [[JSONFields]] {
        let ids = subscriptions.map { raw -> String? in
            var o = JSONObject(raw)
            return o.id("id")
        }
        let known = capabilities.siteComponentsListing.withLock { $0 }
        if known != false {
            do {
                let listed = try await listed(ids.compactMap { $0 }, log: log)
                capabilities.siteComponentsListing.withLock { $0 = true }
                return ids.map { id in id.flatMap { listed[$0] } ?? [] }
            } catch SyncError.rejected(404, _, _) where known == nil {
                capabilities.siteComponentsListing.withLock { $0 = false }
                log.append(executor.entry(StreamKind.subscriptions.rawValue, .info, message: missingListingMessage))
            }
        }
        return try await perSubscription(ids, log: log)
    }

    private var missingListingMessage: String {
        switch route {
        case .chargify: "the site has no /subscriptions_components.json (404); reading components per subscription"
        case .trutoProxy:
            "the Truto proxy has no subscriptions_components for this integration (404); reading components per subscription"
        }
    }

    /// The listing for `ids`, in chunks fetched concurrently: subscription id -> its components.
    func listed(_ ids: [String], log: LogBuffer) async throws -> [String: [JSONFields]] {
        let chunks = stride(from: 0, to: ids.count, by: Self.idsPerRequest).map {
            Array(ids[$0..<min(ids.count, $0 + Self.idsPerRequest)])
        }
        return try await withThrowingTaskGroup(of: [JSONFields].self) { group in
            for chunk in chunks {
                group.addTask { try await listedChunk(chunk, log: log) }
            }
            var bySubscription: [String: [JSONFields]] = [:]
            for try await chunk in group {
                for component in chunk {
                    var o = JSONObject(component)
                    if let id = o.id("subscription_id") { bySubscription[id, default: []].append(component) }
                }
            }
            return bySubscription
        }
    }

    /// Every page of the listing for one chunk of ids, in order.
    func listedChunk(_ ids: [String], log: LogBuffer) async throws -> [JSONFields] {
        let filters = [
            ("subscription_ids", ids.joined(separator: ",")), ("sort", "id"), ("direction", "asc"),
        ]
        var all: [JSONFields] = []
        var cursor: String?
        for page in 1...Self.maximumPages {
            let path: String
            switch route {
            case .chargify:
                path =
                    "/subscriptions_components.json?"
                    + Query.make(filters + [("per_page", "\(Self.perPage)"), ("page", "\(page)")])
            case .trutoProxy(let account):
                // The cursor carries the filters of the listing it continues.
                let rest = cursor.map { [("next_cursor", $0)] } ?? filters + [("limit", "\(Self.perPage)")]
                path = "/proxy/subscriptions_components?" + Query.make([("integrated_account_id", account)] + rest)
            }
            let (list, next) = try await executor.get(path, stream: StreamKind.subscriptions.rawValue, log: log) {
                data -> ([JSONFields], String?) in
                guard let object = try JSONBody.parse(data).objectValue else { throw JSONBody.NotJSON() }
                let key = if case .chargify = route { "subscriptions_components" } else { "result" }
                // Elements are unwrapped on this listing; tolerate the per-subscription envelope too.
                return (try ChargifyMapper.unwrap(object[key], as: "component"), object["next_cursor"]?.stringValue)
            }
            all += list
            switch route {
            case .chargify:
                if list.count < Self.perPage { return all }
            case .trutoProxy:
                guard let next, !list.isEmpty else { return all }
                if next == cursor { throw SyncError.pagingLoop("the components listing repeated its cursor") }
                cursor = next
            }
        }
        throw SyncError.pagingLoop("the components listing did not end after \(Self.maximumPages) pages")
    }

    /// One request per subscription, concurrently (the throttle keeps it to the cap): the fallback where
    /// the listing does not exist.
    func perSubscription(_ ids: [String?], log: LogBuffer) async throws -> [[JSONFields]] {
        try await withThrowingTaskGroup(of: (Int, [JSONFields]).self) { group in
            for (index, id) in ids.enumerated() {
                guard let id else { continue }
                let path =
                    switch route {
                    case .chargify: "/subscriptions/\(Query.segment(id))/components.json"
                    case .trutoProxy(let account):
                        "/proxy/subscriptions/\(Query.segment(id))/components?"
                            + Query.make([("integrated_account_id", account)])
                    }
                group.addTask {
                    let list = try await executor.get(path, stream: StreamKind.subscriptions.rawValue, log: log) {
                        data in
                        // Truto's proxy wraps the provider's array in `result`; Chargify sends it bare.
                        let json = try JSONBody.parse(data)
                        let array = if case .chargify = route { json } else { TrutoClient.resultArray(json) }
                        return try ChargifyMapper.unwrap(array, as: "component")
                    }
                    return (index, list)
                }
            }
            var result = [[JSONFields]](repeating: [], count: ids.count)
            for try await (index, list) in group { result[index] = list }
            return result
        }
    }
}
