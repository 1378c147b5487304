/// One price point of a component: a single per-unit tier (the sandbox does not generate tiered pricing).
public struct SandboxPricePoint: Sendable, Equatable {
    public var id: Int
    public var componentID: Int
    public var name: String
    public var handle: String
    /// Always "per_unit" in generated data.
    public var pricingScheme: String
    /// Price per unit per billing period, in minor units of the component's currency.
    public var unitPriceInCents: Int64
    /// The id of the price tier (Chargify nests tiers under `prices`).
    public var priceID: Int
    public var isDefault: Bool
    public var createdAt: Int64
}
