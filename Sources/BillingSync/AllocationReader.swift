import BillingCore
import BillingStore
import Foundation
import Synchronization

/// The allocation histories of a page's quantity components (Chargify's
/// `GET /subscriptions/{id}/components/{component_id}/allocations.json`, or the same through Truto's proxy):
/// evidence of seat changes from before the first sync that the event log may no longer hold.
///
/// Bounded: at most `perPage` requests per page of subscriptions (`perPageOnBudget` when the source has a
/// request budget), only for subscriptions with a quantity-based component, at the subscriptions stream's
/// priority. A subscription left out keeps whatever else tells its history (events, observation) and its
/// label. The history is evidence, not a record: a failure is logged in one line and the page goes on
/// without it; a 404 means the site or integration has no such listing and it is not asked again.
struct AllocationReader: Sendable {
    let executor: RequestExecutor
    let route: ComponentReader.Route
    let capabilities: SiteCapabilities
    /// Whether the source paces to a request budget (then fewer histories per page).
    let onBudget: Bool

    static let perPage = 25
    static let perPageOnBudget = 5
    /// Allocations kept per component (the newest): a hostile or endless history is cut, not trusted.
    static let maximumPerComponent = 500

    /// The histories of `subscriptions`' quantity components, newest subscriptions' first as they come.
    func allocations(of subscriptions: [Subscription], log: LogBuffer) async -> [ComponentAllocation] {
        guard capabilities.allocationsListing.withLock({ $0 }) != false else { return [] }
        var wanted: [(subscription: String, component: String)] = []
        let read = capabilities.allocationHistoriesRead.withLock { $0 }
        for subscription in subscriptions {
            for component in subscription.components where component.kind == .quantityBased {
                guard !read.contains("\(subscription.id)/\(component.componentID)") else { continue }
                wanted.append((subscription.id, component.componentID))
            }
        }
        let cap = onBudget ? Self.perPageOnBudget : Self.perPage
        guard !wanted.isEmpty else { return [] }
        if wanted.count > cap {
            log.append(
                executor.entry(
                    StreamKind.subscriptions.rawValue, .info,
                    message:
                        "read the allocation history of \(cap) of \(wanted.count) quantity components on this page (the rest keep events and observation)"
                ))
        }
        var found: [ComponentAllocation] = []
        for (subscription, component) in wanted.prefix(cap) {
            do {
                found += try await history(subscription: subscription, component: component, log: log)
                capabilities.allocationsListing.withLock { $0 = true }
                _ = capabilities.allocationHistoriesRead.withLock { $0.insert("\(subscription)/\(component)") }
            } catch SyncError.rejected(404, _, _) where capabilities.allocationsListing.withLock({ $0 }) == nil {
                capabilities.allocationsListing.withLock { $0 = false }
                log.append(executor.entry(StreamKind.subscriptions.rawValue, .info, message: missingMessage))
                return found
            } catch is CancellationError {
                return found
            } catch {
                // Logged once per page; the history of the rest is not worth the page.
                log.append(
                    executor.entry(
                        StreamKind.subscriptions.rawValue, .info,
                        message:
                            "allocation history of subscription \(TextSanitizer.clean(subscription)) not read (\(TextSanitizer.clean(String(describing: error)))); its seat changes before the first sync stay as events tell"
                    ))
                return found
            }
        }
        return found
    }

    private var missingMessage: String {
        switch route {
        case .chargify: "the site has no allocations listing (404); seat history comes from events only"
        case .trutoProxy:
            "the Truto proxy has no allocations listing for this integration (404); seat history comes from events only"
        }
    }

    /// One component's allocations.
    func history(subscription: String, component: String, log: LogBuffer) async throws -> [ComponentAllocation] {
        let tail = "/subscriptions/\(Query.segment(subscription))/components/\(Query.segment(component))/allocations"
        let path =
            switch route {
            case .chargify: tail + ".json"
            case .trutoProxy(let account): "/proxy" + tail + "?" + Query.make([("integrated_account_id", account)])
            }
        let route = self.route
        let objects = try await executor.get(path, stream: StreamKind.subscriptions.rawValue, log: log) { data in
            let json = try JSONBody.parse(data)
            let array = if case .chargify = route { json } else { TrutoClient.resultArray(json) }
            return try ChargifyMapper.unwrap(array, as: "allocation")
        }
        return objects.suffix(Self.maximumPerComponent).compactMap {
            Self.allocation($0, subscription: subscription, component: component)
        }
    }

    /// One allocation, or nil when it lacks a readable quantity, previous quantity or time (then that change
    /// is not claimed). Ids in the body that name another subscription or component are not trusted.
    static func allocation(_ raw: JSONFields, subscription: String, component: String) -> ComponentAllocation? {
        var o = JSONObject(raw)
        if let named = o.id("subscription_id"), named != subscription { return nil }
        if let named = o.id("component_id"), named != component { return nil }
        guard let quantity = o.decimal("quantity"), let previous = o.decimal("previous_quantity"),
            let at = o.time("timestamp") ?? o.time("created_at")
        else { return nil }
        let id = o.id("allocation_id").flatMap { Int64($0) } ?? o.id("id").flatMap { Int64($0) } ?? at.secondsSinceEpoch
        return ComponentAllocation(
            subscriptionID: subscription, componentID: component, allocationID: id, quantity: quantity,
            previousQuantity: previous, at: at, pricePointID: o.id("price_point_id"),
            previousPricePointID: o.id("previous_price_point_id"))
    }
}
