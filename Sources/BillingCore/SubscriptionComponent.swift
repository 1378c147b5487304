/// A component on a subscription: seats, an on/off add-on, or metered usage.
public struct SubscriptionComponent: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case quantityBased = "quantity_based_component"
        case onOff = "on_off_component"
        case metered = "metered_component"
        case prepaidUsage = "prepaid_usage_component"
        case eventBased = "event_based_component"
        case unknown

        /// Chargify spells kinds with a suffix ("quantity_based_component"); accept it with or without.
        public init(apiValue: String) {
            let normalized = apiValue.hasSuffix("_component") ? apiValue : apiValue + "_component"
            self = Kind(rawValue: normalized) ?? .unknown
        }

        /// Recurring kinds count in MRR; usage kinds are a separate run-rate.
        public var isRecurring: Bool { self == .quantityBased || self == .onOff }
    }

    public var componentID: String
    public var name: String
    public var kind: Kind
    /// Allocated quantity for quantity-based components, 1/0 for on/off (enabled or not), usage for metered.
    public var quantity: ExactDecimal
    /// Price per unit per billing period of the subscription.
    public var unitPrice: Money
    public var enabled: Bool

    public init(
        componentID: String, name: String, kind: Kind, quantity: ExactDecimal, unitPrice: Money, enabled: Bool = true
    ) {
        self.componentID = componentID
        self.name = name
        self.kind = kind
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.enabled = enabled
    }
}

extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int64.self) {
            self.init(int)
        } else {
            let text = try container.decode(String.self)
            guard let value = ExactDecimal(parsing: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not a decimal"))
            }
            self = value
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
