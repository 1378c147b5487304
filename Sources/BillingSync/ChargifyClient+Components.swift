import BillingStore
import Foundation
import Synchronization

/// What a Chargify site turned out to support, learned once per runner (a site does not change).
final class SiteCapabilities: Sendable {
    /// Whether `GET /subscriptions_components.json` exists: nil until the first answer.
    let siteComponentsListing = Mutex<Bool?>(nil)
}

extension ChargifyClient {
    /// Subscription ids per site-wide components request: with a few components each, one page of 200
    /// answers it, and the chunks of one subscriptions page go out together under the in-flight cap.
    static let idsPerComponentsRequest = 50
    /// Components per page of the site-wide listing (Chargify's maximum).
    static let componentsPerPage = 200
    /// Pages of one chunk's listing before it is taken for a server that never ends it.
    static let maximumComponentPages = 500

    /// Each subscription's components, in the order of `subscriptions`: from the site-wide listing
    /// (`/subscriptions_components.json?subscription_ids=...`, a few requests per page of subscriptions),
    /// or one request per subscription on a site that answers that listing with 404.
    func fetchComponents(_ subscriptions: [[String: Any]], log: LogBuffer) async throws -> [[[String: Any]]] {
        let ids = subscriptions.map { raw -> String? in
            var o = JSONObject(raw)
            return o.id("id")
        }
        let known = capabilities.siteComponentsListing.withLock { $0 }
        if known != false {
            do {
                let listed = try await fetchSiteComponents(ids.compactMap { $0 }, log: log)
                capabilities.siteComponentsListing.withLock { $0 = true }
                return ids.map { id in id.flatMap { listed[$0] } ?? [] }
            } catch SyncError.rejected(404, _) where known == nil {
                capabilities.siteComponentsListing.withLock { $0 = false }
                log.append(executor.entry(
                    StreamKind.subscriptions.rawValue, .info,
                    message: "the site has no /subscriptions_components.json (404); reading components per subscription"))
            }
        }
        return try await fetchComponentsPerSubscription(ids, log: log)
    }

    /// The site-wide listing for `ids`, in chunks fetched concurrently: subscription id -> its components.
    func fetchSiteComponents(_ ids: [String], log: LogBuffer) async throws -> [String: [[String: Any]]] {
        let chunks = stride(from: 0, to: ids.count, by: Self.idsPerComponentsRequest).map {
            Array(ids[$0..<min(ids.count, $0 + Self.idsPerComponentsRequest)])
        }
        return try await withThrowingTaskGroup(of: SendableJSON<[[String: Any]]>.self) { group in
            for chunk in chunks {
                group.addTask { try await fetchComponentChunk(chunk, log: log) }
            }
            var bySubscription: [String: [[String: Any]]] = [:]
            for try await chunk in group {
                for component in chunk.value {
                    var o = JSONObject(component)
                    if let id = o.id("subscription_id") { bySubscription[id, default: []].append(component) }
                }
            }
            return bySubscription
        }
    }

    /// Every page of the site-wide listing for one chunk of ids, in order.
    func fetchComponentChunk(_ ids: [String], log: LogBuffer) async throws -> SendableJSON<[[String: Any]]> {
        var all: [[String: Any]] = []
        for page in 1...Self.maximumComponentPages {
            let query = Query.make([
                ("subscription_ids", ids.joined(separator: ",")), ("per_page", "\(Self.componentsPerPage)"),
                ("page", "\(page)"), ("sort", "id"), ("direction", "asc"),
            ])
            let list = try await executor.get(
                "/subscriptions_components.json?" + query, stream: StreamKind.subscriptions.rawValue, log: log
            ) { data -> SendableJSON<[[String: Any]]> in
                guard let object = try JSONBody.parse(data) as? [String: Any],
                    let list = object["subscriptions_components"] as? [Any]
                else { throw JSONBody.NotJSON() }
                // Elements are unwrapped on this listing; tolerate the per-subscription envelope too.
                return SendableJSON(try ChargifyMapper.unwrap(list, as: "component"))
            }.value
            all += list
            if list.count < Self.componentsPerPage { return SendableJSON(all) }
        }
        throw SyncError.pagingLoop("the components listing did not end after \(Self.maximumComponentPages) pages")
    }

    /// One `/subscriptions/{id}/components.json` request per subscription, concurrently (the throttle
    /// keeps it to the cap): the fallback for sites without the site-wide listing.
    func fetchComponentsPerSubscription(_ ids: [String?], log: LogBuffer) async throws -> [[[String: Any]]] {
        try await withThrowingTaskGroup(of: (Int, SendableJSON<[[String: Any]]>).self) { group in
            for (index, id) in ids.enumerated() {
                guard let id else { continue }
                group.addTask {
                    let list = try await executor.get(
                        "/subscriptions/\(id)/components.json", stream: StreamKind.subscriptions.rawValue, log: log
                    ) { data in SendableJSON(try ChargifyMapper.unwrap(try JSONBody.parse(data), as: "component")) }
                    return (index, list)
                }
            }
            var result = [[[String: Any]]](repeating: [], count: ids.count)
            for try await (index, list) in group { result[index] = list.value }
            return result
        }
    }
}
