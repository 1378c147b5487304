import BillingCore
import BillingStore
import Foundation
import Synchronization

/// Reads a source's whole catalogue, every page of it: components, component price points (the site-wide
/// `components_price_points` listing, or per component where the site answers 404) and coupons, directly
/// from Chargify or through Truto's proxy.
///
/// A listing that answers 403 (a key without that permission) or 404 (an older site) is a gap in the
/// catalogue rather than a failed sync: what it would have priced is left out of MRR, and the mapper flags
/// each subscription that needed it with the reason (`MRRGap`). Anything else (a 5xx after its retries, a
/// 401, a listing that loops) fails the page as before, so it is read again rather than stored short.
struct CatalogueReader: Sendable {
    let executor: RequestExecutor
    let route: ComponentReader.Route
    let capabilities: SiteCapabilities
    /// Elements per page: the source's page size (Chargify clamps `per_page` to 200).
    let pageSize: Int

    /// What one listing gave: its elements, or the gap its 403 or 404 left.
    enum Outcome: Sendable {
        case listed([JSONFields])
        case gap(status: Int, reason: String)
    }

    func load(log: LogBuffer) async throws -> Catalogue {
        var catalogue = Catalogue()
        var components: [JSONFields]?
        switch try await read(listing("components", element: "component"), log: log) {
        case .listed(let list):
            catalogue.addComponents(list)
            components = list
        case .gap(_, let reason): note(MRRGap(part: .components, reason: reason), in: &catalogue, log: log)
        }
        for points in try await pricePoints(components: components, into: &catalogue, log: log) {
            catalogue.addPricePoints(points)
        }
        switch try await read(listing("coupons", element: "coupon"), log: log) {
        case .listed(let list): catalogue.addCoupons(list)
        case .gap(_, let reason): note(MRRGap(part: .coupons, reason: reason), in: &catalogue, log: log)
        }
        return catalogue
    }

    /// The price points: the site-wide listing, or each component's own where the site has none.
    func pricePoints(components: [JSONFields]?, into catalogue: inout Catalogue, log: LogBuffer) async throws
        -> [[JSONFields]]
    {
        let siteWide = listing("components_price_points", key: "price_points", element: "price_point")
        if capabilities.sitePricePointsListing.withLock({ $0 }) != false {
            switch try await read(siteWide, log: log) {
            case .listed(let list):
                capabilities.sitePricePointsListing.withLock { $0 = true }
                return [list]
            case .gap(404, let reason) where components != nil:
                capabilities.sitePricePointsListing.withLock { $0 = false }
                log.append(
                    executor.entry(
                        StreamKind.subscriptions.rawValue, .info,
                        message: "\(reason): reading price points per component"))
            case .gap(_, let reason):
                note(MRRGap(part: .components, reason: reason), in: &catalogue, log: log)
                return []
            }
        }
        guard let components else {
            // The site has no site-wide listing (learned earlier) and the components could not be listed.
            note(
                MRRGap(part: .components, reason: Self.reason(siteWide.displayPath, status: 404)), in: &catalogue,
                log: log)
            return []
        }
        let ids = components.compactMap { raw -> String? in
            var o = JSONObject(raw)
            return o.id("id")
        }
        let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for id in ids {
                let own = listing(
                    "components/\(Query.segment(id))/price_points", key: "price_points", element: "price_point")
                group.addTask { try await read(own, log: log) }
            }
            var outcomes: [Outcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        var lists: [[JSONFields]] = []
        for outcome in outcomes {
            switch outcome {
            case .listed(let list): lists.append(list)
            case .gap(let status, _):
                // One reason for every component: the path's id would make each a gap of its own.
                let path = listing("components/{id}/price_points", key: nil, element: nil).displayPath
                note(MRRGap(part: .components, reason: Self.reason(path, status: status)), in: &catalogue, log: log)
            }
        }
        return lists
    }

    func listing(_ resource: String, key: String? = nil, element: String?) -> CatalogueListing {
        CatalogueListing(
            executor: executor, route: route, resource: resource, key: key, element: element, pageSize: pageSize)
    }

    /// Every page of `listing`, or the gap a 403 or a 404 leaves.
    func read(_ listing: CatalogueListing, log: LogBuffer) async throws -> Outcome {
        do {
            return .listed(try await listing.all(log: log))
        } catch SyncError.rejected(let status, _, _) where status == 403 || status == 404 {
            return .gap(status: status, reason: Self.reason(listing.displayPath, status: status))
        }
    }

    /// Records a gap once, with one sync-log line saying what it costs.
    func note(_ gap: MRRGap, in catalogue: inout Catalogue, log: LogBuffer) {
        guard !catalogue.gaps.contains(gap) else { return }
        catalogue.gaps.append(gap)
        log.append(
            executor.entry(
                StreamKind.subscriptions.rawValue, .info,
                message: "\(gap.flag); the subscriptions that need it are flagged, and the sync goes on"))
    }

    /// "GET /components.json answered 403 Forbidden" (the words every HTTP failure is reported in).
    static func reason(_ path: String, status: Int) -> String {
        HTTPStatusText.answered(HTTPStatusText.request(path: path), status: status, message: "")
    }
}
