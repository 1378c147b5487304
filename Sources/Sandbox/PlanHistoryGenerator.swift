import BillingCore

/// Past plan changes of a generated subscription, as a real company's subscriptions have them: upgrades and
/// downgrades between the monthly plans, seat changes and a pause with its resume, each with the events
/// Chargify logs (previous values included, never prices), so billtop's history shows expansion,
/// contraction, churn and reactivation.
///
/// Draws come from their own random stream per subscription: the rest of the generated company (customers,
/// states, invoices) is what it was before plan history existed. The subscription as served is the state
/// after the changes; the invoices before a change still bill today's price (the sandbox does not re-price
/// its invoice history).
enum PlanHistoryGenerator {
    /// Mutates the subscription's `updatedAt` (a change bumps it, as Chargify does) and returns the events.
    static func history(
        of subscription: inout SandboxSubscription, catalogue: CatalogueGenerator.Catalogue, now: Int64, seed: UInt64
    ) -> [SandboxEvent] {
        guard subscription.state == "active", let activated = subscription.activatedAt,
            now - activated > 90 * 86_400,
            let product = catalogue.products.first(where: { $0.id == subscription.productID })
        else { return [] }
        var random = SandboxRandom(seed: seed, stream: 0x7100_0000 + UInt64(subscription.id))
        guard random.chance(fraction: 0.3) else { return [] }
        var events: [SandboxEvent] = []
        // A change time inside the subscription's life, at least a month after it started.
        func moment() -> Int64 {
            let earliest = activated + 30 * 86_400
            return earliest + Int64(random.below(Int(max(1, now - 86_400 - earliest))))
        }
        switch random.below(4) {
        case 0:
            // Upgrade or downgrade between the monthly plans of the same currency.
            let starter = product.handle.hasPrefix("starter-monthly")
            guard starter || product.handle.hasPrefix("pro-monthly"),
                let previous = catalogue.products.first(where: {
                    $0.currency == product.currency
                        && $0.handle.hasPrefix(starter ? "pro-monthly" : "starter-monthly")
                })
            else { return [] }
            let at = moment()
            events.append(
                SubscriptionGenerator.event(
                    "subscription_product_change", "Product changed from \(previous.name) to \(product.name)",
                    subscription, at: at,
                    data: "{\"previous_product_id\":\(previous.id),\"new_product_id\":\(product.id)}"))
            events.append(
                SubscriptionGenerator.event(
                    "item_price_point_changed", "Price point changed", subscription, at: at,
                    data:
                        "{\"item_id\":\(product.id),\"item_type\":\"Product\",\"item_handle\":\"\(product.handle)\",\"item_name\":\"\(product.name)\",\"previous_price_point\":{\"id\":\(previous.pricePointID),\"handle\":\"\(previous.handle)\",\"name\":\"Original\"},\"current_price_point\":{\"id\":\(product.pricePointID),\"handle\":\"\(product.handle)\",\"name\":\"Original\"}}"
                ))
        case 1, 2:
            // One or two seat changes, undone backwards from today's allocation.
            guard
                let seat = subscription.components.first(where: { allocation in
                    catalogue.components.first { $0.id == allocation.componentID }?.kind == "quantity_based_component"
                })
            else { return [] }
            var quantity = seat.allocatedQuantity
            let times = (0..<random.int(1...2)).map { _ in moment() }.sorted(by: >)
            for at in times {
                let previous = max(
                    1, quantity + (random.chance(fraction: 0.6) ? -random.int(1...5) : random.int(1...3)))
                guard previous != quantity else { continue }
                events.append(
                    SubscriptionGenerator.event(
                        "component_allocation_change", quantity > previous ? "Seats upgraded" : "Seats downgraded",
                        subscription, at: at,
                        data:
                            "{\"component_id\":\(seat.componentID),\"previous_allocation\":\(previous),\"new_allocation\":\(quantity)}"
                    ))
                quantity = previous
            }
        default:
            // A pause and its resume: churn, then reactivation.
            let paused = moment()
            let resumed = min(now - 3_600, paused + Int64(random.int(10...60)) * 86_400)
            guard resumed > paused else { return [] }
            for (at, from, to) in [(paused, "active", "on_hold"), (resumed, "on_hold", "active")] {
                events.append(
                    SubscriptionGenerator.event(
                        "subscription_state_change", "State changed to \(to)", subscription, at: at,
                        data: "{\"previous_subscription_state\":\"\(from)\",\"new_subscription_state\":\"\(to)\"}"))
            }
        }
        if let last = events.map(\.createdAt).max() { subscription.updatedAt = max(subscription.updatedAt, last) }
        return events
    }
}
