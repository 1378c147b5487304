import BillingCore
import PostgresNIO

/// A page's events (rewritten only when their raw JSON changed) and allocation histories (kept once).
extension PostgresPageWriter {
    static let events = PostgresRowSet(
        "event",
        "remote_id bigint, key text, message text, subscription_remote_id text, customer_remote_id text, created_at bigint, data text, raw text"
    )
    static let allocations = PostgresRowSet(
        "component_allocation",
        "subscription_remote_id text, component_id text, allocation_id bigint, at bigint, quantity text, previous_quantity text, price_point_id text, previous_price_point_id text"
    )

    mutating func writeEvents() async throws {
        var batch = PostgresBatch()
        for item in Self.lastOfEach(page.events, id: { String($0.id) }) {
            let e = item.value
            batch.append([
                "remote_id": .int(e.id), "key": .text(e.key), "message": .text(e.message),
                "subscription_remote_id": .text(e.subscriptionID), "customer_remote_id": .text(e.customerID),
                "created_at": .int(e.createdAt?.secondsSinceEpoch), "data": .text(e.eventSpecificData),
                "raw": .text(item.raw),
            ])
        }
        let written = try await Self.events.upsert(
            batch, sourceID: page.sourceID, changedWhen: "event.raw IS DISTINCT FROM excluded.raw", revives: false,
            on: connection)
        changed += written.count
    }

    mutating func writeAllocations() async throws {
        var batch = PostgresBatch()
        for a in page.allocations {
            batch.append([
                "subscription_remote_id": .text(a.subscriptionID), "component_id": .text(a.componentID),
                "allocation_id": .int(a.allocationID), "at": .int(a.at.secondsSinceEpoch),
                "quantity": .text(a.quantity.description), "previous_quantity": .text(a.previousQuantity.description),
                "price_point_id": .text(a.pricePointID), "previous_price_point_id": .text(a.previousPricePointID),
            ])
        }
        changed += try await Self.allocations.insert(
            batch, sourceID: page.sourceID, conflict: "ON CONFLICT DO NOTHING", on: connection)
    }
}
