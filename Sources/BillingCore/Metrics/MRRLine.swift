/// One recurring charge of a subscription normalised to a month, rounded to the minor unit.
public struct MRRLine: Hashable, Sendable, Codable {
    /// What the line charges for.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The product's own price point.
        case product
        /// A quantity-based or on/off component.
        case component
        /// Metered, prepaid or event-based usage: a run-rate, never MRR.
        case usage
    }

    public var kind: Kind
    /// The product id, or the component id.
    public var itemID: String
    public var name: String
    /// Monthly amount after discounts in force, rounded half-even to the minor unit.
    public var monthly: Money
    /// The discount in force on this line per month (already taken out of `monthly`).
    public var monthlyDiscount: Money

    public init(kind: Kind, itemID: String, name: String, monthly: Money, monthlyDiscount: Money) {
        self.kind = kind
        self.itemID = itemID
        self.name = name
        self.monthly = monthly
        self.monthlyDiscount = monthlyDiscount
    }

    /// True for lines that are MRR (not usage).
    public var isMRR: Bool { kind != .usage }
}
