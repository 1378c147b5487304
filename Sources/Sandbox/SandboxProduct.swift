import BillingCore

/// A plan: a price per interval in one currency (the sandbox gives each currency its own product).
public struct SandboxProduct: Sendable, Equatable {
    public var id: Int
    public var familyID: Int
    public var name: String
    public var handle: String
    public var description: String
    /// Price per interval in minor units of `currency` (Chargify's `price_in_cents`).
    public var priceInCents: Int64
    public var currency: Currency
    /// Interval length in `intervalUnit`s.
    public var interval: Int
    public var intervalUnit: BillingInterval.Unit
    /// Trial length in days, or nil when the plan has no trial.
    public var trialDays: Int?
    /// The default product price point id.
    public var pricePointID: Int
    public var createdAt: Int64
}
