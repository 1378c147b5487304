/// A catalogue coupon: a percentage or a fixed amount, forever, or for some periods.
public struct SandboxCoupon: Sendable, Equatable {
    public var id: Int
    public var familyID: Int
    public var name: String
    public var code: String
    public var description: String
    /// Percent off as a decimal string ("50.0"), or nil for an amount coupon.
    public var percentage: String?
    /// Amount off in cents, or nil for a percentage coupon.
    public var amountInCents: Int64?
    public var recurring: Bool
    /// Periods the coupon lasts when recurring; nil means forever.
    public var durationPeriodCount: Int?
    /// Date (days since 1970) after which the coupon can no longer be applied, if any.
    public var endDay: Int?
    public var createdAt: Int64
    /// Given to new subscriptions; a retired one is still listed (see `CatalogueGenerator.addRetired`).
    public var offered = true
}
