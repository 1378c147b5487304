import BillingCore

/// A catalogue component: seats (quantity-based), an on/off add-on or metered usage.
public struct SandboxComponent: Sendable, Equatable {
    public var id: Int
    public var familyID: Int
    public var name: String
    public var handle: String
    /// Chargify's kind: "quantity_based_component", "on_off_component", "metered_component" or
    /// "prepaid_usage_component".
    public var kind: String
    public var unitName: String
    public var currency: Currency
    /// The price point new subscriptions get.
    public var defaultPricePointID: Int
    public var createdAt: Int64
    /// Sold to new subscriptions; a retired one is still listed (see `CatalogueGenerator.addRetired`).
    public var offered = true

    /// Charged every period (seats, on/off); metered and prepaid usage are billed by use instead.
    public var isRecurring: Bool { kind == "quantity_based_component" || kind == "on_off_component" }
}
