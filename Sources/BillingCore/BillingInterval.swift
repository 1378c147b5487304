/// How often a plan bills: every `count` months or every `count` days (Chargify's only two units).
public struct BillingInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Unit: String, Hashable, Sendable, Codable { case month, day }

    public var count: Int
    public var unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public static let monthly = BillingInterval(count: 1, unit: .month)
    public static let quarterly = BillingInterval(count: 3, unit: .month)
    public static let annual = BillingInterval(count: 12, unit: .month)
    public static let weekly = BillingInterval(count: 7, unit: .day)

    /// A month is 365/12 days: the factor from per-period to per-month is
    /// `monthFactorNumerator / monthFactorDenominator`.
    public var monthFactorNumerator: Int64 { unit == .month ? 1 : 365 }
    public var monthFactorDenominator: Int64 { unit == .month ? Int64(count) : Int64(12 * count) }

    public var description: String {
        switch (unit, count) {
        case (.month, 1): "monthly"
        case (.month, 3): "quarterly"
        case (.month, 12): "annual"
        case (.day, 7): "weekly"
        case (.month, _): "every \(count) months"
        case (.day, _): "every \(count) days"
        }
    }
}
