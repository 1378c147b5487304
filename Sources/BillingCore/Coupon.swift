/// A discount applied to a subscription: a percentage or a fixed amount, forever or for some periods.
public struct Coupon: Hashable, Sendable, Codable {
    public enum Discount: Hashable, Sendable, Codable {
        /// Percent off, exactly (e.g. 12.5).
        case percentage(ExactDecimal)
        /// A fixed amount off each period.
        case amount(Money)
    }

    public var code: String
    public var discount: Discount
    /// Whether it applies to every renewal (false: the first period only).
    public var recurring: Bool
    /// Number of periods it lasts when recurring; nil means forever.
    public var durationPeriods: Int?
    /// When it was applied to the subscription (periods count from here).
    public var appliedAt: Timestamp?
    /// An explicit end, when the source gives one.
    public var endsAt: Timestamp?

    public init(
        code: String, discount: Discount, recurring: Bool = true, durationPeriods: Int? = nil,
        appliedAt: Timestamp? = nil, endsAt: Timestamp? = nil
    ) {
        self.code = code
        self.discount = discount
        self.recurring = recurring
        self.durationPeriods = durationPeriods
        self.appliedAt = appliedAt
        self.endsAt = endsAt
    }
}
