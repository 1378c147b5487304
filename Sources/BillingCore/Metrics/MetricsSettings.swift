/// The finance choices behind billtop's numbers, read from config.toml's `[metrics]` table.
public struct MetricsSettings: Hashable, Sendable, Codable {
    /// Count `unpaid` subscriptions in MRR, as Chargify's own MRR report does (default false: Stripe/ChartMogul).
    public var unpaidCountsInMRR: Bool
    /// A customer back from zero MRR within this many days of last having MRR is a reactivation, later is new;
    /// nil means any earlier MRR makes it a reactivation (ChartMogul's default).
    public var reactivationWindowDays: Int?
    /// Rates for an optional converted total; the per-currency totals stay the primary figures.
    public var conversionRates: ConversionRateTable?

    /// Settings with the defaults: unpaid excluded, reactivation at any distance, no conversion.
    public init(
        unpaidCountsInMRR: Bool = false, reactivationWindowDays: Int? = nil, conversionRates: ConversionRateTable? = nil
    ) {
        self.unpaidCountsInMRR = unpaidCountsInMRR
        self.reactivationWindowDays = reactivationWindowDays
        self.conversionRates = conversionRates
    }

    /// The defaults.
    public static let standard = MetricsSettings()

    /// Whether a subscription in `state` contributes to MRR (billing-math.md's state table).
    public func countsInMRR(_ state: SubscriptionState) -> Bool {
        switch state {
        case .active, .pastDue, .softFailure: return true
        case .unpaid: return unpaidCountsInMRR
        // States outside billing-math.md's table (assessing, pending, unknown ones) do not count: MRR is
        // never claimed for a state finance has not agreed counts.
        default: return false
        }
    }
}
