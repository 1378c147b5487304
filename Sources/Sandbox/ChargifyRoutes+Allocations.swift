extension ChargifyRoutes {
    /// `GET /subscriptions/{id}/components/{component_id}/allocations.json`: the component's allocation history,
    /// newest first, each `{"allocation": {...}}` with quantity, previous_quantity, timestamp and price points
    /// (the sandbox does not re-price: both are the subscription's price point today). 404 for a subscription
    /// or component that does not exist or is not on the subscription.
    func allocations(subscriptionID: String, componentID: String) -> SandboxResponse {
        guard let subscription = Int(subscriptionID).flatMap(company.subscription(id:)),
            let componentID = Int(componentID),
            let allocation = subscription.components.first(where: { $0.componentID == componentID })
        else { return Self.notFoundResponse() }
        let offset = company.siteUTCOffsetSeconds
        var w = JSONWriter()
        w.array { w in
            for record in company.allocationHistory(subscriptionID: subscription.id, componentID: componentID) {
                w.wrapped("allocation") { w in
                    w.object { w in
                        w.field("allocation_id", record.id)
                        w.field("component_id", componentID)
                        w.field("subscription_id", subscription.id)
                        w.field("quantity", record.quantity)
                        w.field("previous_quantity", record.previousQuantity)
                        w.field("memo", record.memo)
                        w.time("timestamp", record.at, offset: offset)
                        w.time("created_at", record.at, offset: offset)
                        w.field("proration_upgrade_scheme", "prorate-attempt-capture")
                        w.field("proration_downgrade_scheme", "no-prorate")
                        w.field("price_point_id", allocation.pricePointID)
                        w.field("previous_price_point_id", allocation.pricePointID)
                        w.field("accrue_charge", false)
                    }
                }
            }
        }
        return .json(200, w)
    }
}
