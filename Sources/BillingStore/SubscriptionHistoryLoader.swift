import BillingCore
import Foundation
import GRDB

/// Reads what subscription histories are built from: kept versions, the events with previous values and the
/// components' allocation histories.
enum SubscriptionHistoryLoader {
    struct Loaded {
        var observed: [String: [ObservedSubscription]] = [:]
        var changes: [String: [SubscriptionChange]] = [:]
        var eventsSince: Timestamp?
        var billed: [MetricsInput.BilledPrice] = []
    }

    /// With `subscriptionsOf` (an SQL list of customer ids), only those customers' subscriptions' histories; the
    /// oldest event is always the source's.
    static func load(_ db: Database, sourceID: Int64, subscriptionsOf customers: String? = nil) throws -> Loaded {
        var loaded = Loaded()
        let theirs =
            customers.map {
                " AND subscription_remote_id IN (SELECT remote_id FROM subscription WHERE source_id = \(sourceID) AND customer_remote_id IN \($0))"
            } ?? ""
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT subscription_remote_id, from_at, version FROM subscription_observation WHERE source_id = ?\(theirs)",
            arguments: [sourceID])
        {
            let text: String = row["version"]
            // A version this billtop cannot read is left out: that stretch falls back to events or back-fill.
            guard let version = try? decoder.decode(Subscription.self, from: Data(text.utf8)) else { continue }
            let id: String = row["subscription_remote_id"]
            loaded.observed[id, default: []].append(
                ObservedSubscription(at: Timestamp(secondsSinceEpoch: row["from_at"]), subscription: version))
        }
        let events = try MetricsInputLoader.events(
            db, sourceID: sourceID, keys: SubscriptionChange.eventKeys, filter: theirs)
        for event in events {
            guard let change = SubscriptionChange.parse(event) else { continue }
            loaded.changes[change.subscriptionID, default: []].append(change)
            if case .product(let previousID, _) = change.kind {
                loaded.billed += try billed(db, sourceID: sourceID, change: change, productID: previousID)
            }
        }
        for (id, allocations) in try allocations(db, sourceID: sourceID, filter: theirs) {
            // A seat change both logged and in the allocations history counts once.
            loaded.changes[id, default: []] += ComponentAllocation.changes(
                allocations, besides: loaded.changes[id] ?? [])
        }
        // Event ids grow with time: the first by id is the oldest, read through the (source_id, remote_id) index.
        let oldest = try Int64.fetchOne(
            db, sql: "SELECT created_at FROM event WHERE source_id = ? ORDER BY remote_id LIMIT 1",
            arguments: [sourceID])
        loaded.eventsSince = oldest.map { Timestamp(secondsSinceEpoch: $0) }
        return loaded
    }

    /// The kept allocation histories, by subscription (only those `filter` keeps, an SQL condition on
    /// `subscription_remote_id`); a row whose quantities cannot be read is left out.
    static func allocations(_ db: Database, sourceID: Int64, filter: String = "") throws
        -> [String: [ComponentAllocation]]
    {
        var bySubscription: [String: [ComponentAllocation]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT subscription_remote_id, component_id, allocation_id, at, quantity, previous_quantity,
                    price_point_id, previous_price_point_id
                FROM component_allocation WHERE source_id = ?\(filter)
                """, arguments: [sourceID])
        {
            guard let quantity = ExactDecimal(parsing: row["quantity"]),
                let previous = ExactDecimal(parsing: row["previous_quantity"])
            else { continue }
            let id: String = row["subscription_remote_id"]
            bySubscription[id, default: []].append(
                ComponentAllocation(
                    subscriptionID: id, componentID: row["component_id"], allocationID: row["allocation_id"],
                    quantity: quantity, previousQuantity: previous, at: Timestamp(secondsSinceEpoch: row["at"]),
                    pricePointID: row["price_point_id"], previousPricePointID: row["previous_price_point_id"]))
        }
        return bySubscription
    }

    /// `billed`'s statement (its plan is tested: it must seek the customer's invoices, not scan the source's).
    static let billedQuery = """
        SELECT l.unit_price_minor, l.currency FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
        WHERE i.source_id = ?1 AND i.customer_remote_id =
                (SELECT customer_remote_id FROM subscription WHERE source_id = ?1 AND remote_id = ?2)
            AND i.subscription_remote_id = ?2 AND i.deleted_at IS NULL
            AND i.status NOT IN ('draft', 'voided', 'canceled') AND l.product_id = ?3
            AND l.period_start IS NOT NULL AND l.period_start < ?4
        ORDER BY l.period_start DESC, i.id DESC LIMIT 1
        """

    /// The subscription's last recurring invoice line for `productID` whose period began before the change:
    /// what it was billed per period for the product it left (one indexed lookup per product change). Through
    /// the subscription's customer's invoices (`invoice_by_customer`): invoices have no index by subscription
    /// (dropped to speed writes), and the plain condition scanned every invoice of the source for each change,
    /// 3.6 s a change at 100k customers, which kept a viewer's first figures waiting for hours. A subscription
    /// moved to another customer finds only the invoices under its present one.
    static func billed(_ db: Database, sourceID: Int64, change: SubscriptionChange, productID: String) throws
        -> [MetricsInput.BilledPrice]
    {
        guard
            let row = try Row.fetchOne(
                db, sql: billedQuery,
                arguments: [sourceID, change.subscriptionID, productID, change.at.utcDate.description]),
            let currency = Currency(row["currency"])
        else { return [] }
        return [
            MetricsInput.BilledPrice(
                subscriptionID: change.subscriptionID, productID: productID, before: change.at,
                unitPrice: Money(minorUnits: row["unit_price_minor"], currency: currency))
        ]
    }
}
