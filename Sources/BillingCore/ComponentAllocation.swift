/// One entry of a component's quantity history (Chargify's
/// `GET /subscriptions/{id}/components/{component_id}/allocations.json`): the quantity set at `at` and the one
/// before it, with their price points. The history reaches back where the event log may not (its retention is
/// not documented), so it is evidence of seat changes no event names.
public struct ComponentAllocation: Hashable, Sendable {
    public var subscriptionID: String
    public var componentID: String
    /// The provider's allocation id (orders allocations of one component made in the same second).
    public var allocationID: Int64
    public var quantity: ExactDecimal
    public var previousQuantity: ExactDecimal
    /// The provider's time of the allocation (`timestamp`), never a sync's clock.
    public var at: Timestamp
    public var pricePointID: String?
    public var previousPricePointID: String?

    public init(
        subscriptionID: String, componentID: String, allocationID: Int64, quantity: ExactDecimal,
        previousQuantity: ExactDecimal, at: Timestamp, pricePointID: String? = nil, previousPricePointID: String? = nil
    ) {
        self.subscriptionID = subscriptionID
        self.componentID = componentID
        self.allocationID = allocationID
        self.quantity = quantity
        self.previousQuantity = previousQuantity
        self.at = at
        self.pricePointID = pricePointID
        self.previousPricePointID = previousPricePointID
    }

    /// The change this allocation describes, as an allocation event would name it; nil when the quantity did not
    /// move (a price point change alone, whose previous price nothing gives).
    public var change: SubscriptionChange? {
        guard quantity != previousQuantity else { return nil }
        return SubscriptionChange(
            subscriptionID: subscriptionID, at: at, eventID: allocationID,
            kind: .allocation(componentID: componentID, previous: previousQuantity, new: quantity))
    }

    /// `allocations`' changes that no event in `changes` already names (the same component, second and
    /// quantities): the event log and the allocations history describe the same seat change twice.
    public static func changes(_ allocations: [ComponentAllocation], besides changes: [SubscriptionChange])
        -> [SubscriptionChange]
    {
        var logged = Set<String>()
        for change in changes {
            if case .allocation(let component, let previous, let new) = change.kind {
                logged.insert("\(component)|\(change.at.secondsSinceEpoch)|\(previous)|\(new)")
            }
        }
        return allocations.compactMap { allocation in
            guard let change = allocation.change else { return nil }
            let key =
                "\(allocation.componentID)|\(allocation.at.secondsSinceEpoch)|\(allocation.previousQuantity)|\(allocation.quantity)"
            return logged.contains(key) ? nil : change
        }
    }
}
