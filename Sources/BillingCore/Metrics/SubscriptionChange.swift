import Foundation

/// A change to a subscription's MRR inputs that the provider's event log names with its previous value.
///
/// Chargify's `event_specific_data` (api-reference.md "Events and history"): `subscription_product_change`
/// gives the previous and new product ids (no prices), `item_price_point_changed` the price point ids (no
/// prices), `component_allocation_change` the previous and new quantity of one component, and
/// `subscription_state_change` the states. Coupons have no events at all.
public struct SubscriptionChange: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case product(previousID: String, newID: String)
        case pricePoint(itemID: String, previousID: String, newID: String)
        case allocation(componentID: String, previous: ExactDecimal, new: ExactDecimal)
        case state(previous: SubscriptionState, new: SubscriptionState)
    }

    public var subscriptionID: String
    /// The provider's time of the change (the event's `created_at`), never a sync's clock.
    public var at: Timestamp
    /// The event id: orders changes in the same second as the provider logged them.
    public var eventID: Int64
    public var kind: Kind

    public init(subscriptionID: String, at: Timestamp, eventID: Int64, kind: Kind) {
        self.subscriptionID = subscriptionID
        self.at = at
        self.eventID = eventID
        self.kind = kind
    }

    /// The event keys that carry previous values (what the refresh loads).
    public static let eventKeys = [
        "subscription_product_change", "item_price_point_changed", "component_allocation_change",
        "subscription_state_change",
    ]

    /// The change an event describes, or nil when it is not one of `eventKeys` or lacks what it must name.
    /// A hostile or truncated payload yields nil: that stretch of history then stays back-filled.
    public static func parse(_ event: BillingEvent) -> SubscriptionChange? {
        guard let subscriptionID = event.subscriptionID, let at = event.createdAt,
            eventKeys.contains(event.key), let bytes = event.eventSpecificData.data(using: .utf8),
            let data = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any]
        else { return nil }
        let kind: Kind
        switch event.key {
        case "subscription_product_change":
            guard let previous = id(data["previous_product_id"]), let new = id(data["new_product_id"]) else {
                return nil
            }
            kind = .product(previousID: previous, newID: new)
        case "item_price_point_changed":
            guard let item = id(data["item_id"]),
                let previous = id((data["previous_price_point"] as? [String: Any])?["id"]),
                let new = id((data["current_price_point"] as? [String: Any])?["id"])
            else { return nil }
            kind = .pricePoint(itemID: item, previousID: previous, newID: new)
        case "component_allocation_change":
            guard let component = id(data["component_id"]), let previous = decimal(data["previous_allocation"]),
                let new = decimal(data["new_allocation"])
            else { return nil }
            kind = .allocation(componentID: component, previous: previous, new: new)
        default:
            guard let previous = data["previous_subscription_state"] as? String,
                let new = data["new_subscription_state"] as? String
            else { return nil }
            kind = .state(previous: SubscriptionState(apiValue: previous), new: SubscriptionState(apiValue: new))
        }
        return SubscriptionChange(subscriptionID: subscriptionID, at: at, eventID: event.id, kind: kind)
    }

    /// An id sent as a number or a string.
    static func id(_ value: Any?) -> String? {
        if let text = value as? String, !text.isEmpty { return text }
        if let number = value as? Int64 { return String(number) }
        return nil
    }

    /// A quantity sent as a number or a decimal string, never through a float for strings.
    static func decimal(_ value: Any?) -> ExactDecimal? {
        if let text = value as? String { return ExactDecimal(parsing: text) }
        if let number = value as? Int64 { return ExactDecimal(number) }
        // A fractional quantity as a JSON number: its shortest text, then exact (never Double arithmetic).
        if let number = value as? Double { return ExactDecimal(parsing: String(number)) }
        return nil
    }
}
