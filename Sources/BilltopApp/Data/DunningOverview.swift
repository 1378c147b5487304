import BillingCore
import TUIKit

/// The dunning pane's data: aging buckets per currency and the alert list ordered by money at risk.
public struct DunningOverview: Sendable, Equatable {
    public var asOf: LocalDate
    /// Amount due per bucket, per currency.
    public var buckets: [AgingBucket: MoneyTotals]
    /// Sum of amounts due on overdue invoices.
    public var openReceivable: MoneyTotals
    /// MRR of customers in dunning or with an overdue invoice.
    public var mrrAtRisk: MoneyTotals
    /// Ordered by money at risk, largest first.
    public var alerts: [DunningAlertRow] { didSet { (namesWidth, widestName) = Self.nameWidths(alerts) } }
    /// The alerts' customer names in columns: the width that holds nine in ten of them, and the widest one. The pane's
    /// name column takes the first, and up to the second where the notes (stage, retries, the decline reason)
    /// keep their room; so one very long name (a 45-letter surname, an organisation pasted as a name) is cut
    /// with "…" instead of taking the notes' room from every row. Measured once per read, so a frame or a
    /// scroll does not measure every name again and the column never jitters.
    public private(set) var namesWidth = 0
    public private(set) var widestName = 0
    /// A source's aggregates were never computed (the first open after its first sync): the pane says so
    /// instead of "nothing owed" while the refresh runs.
    public var computing: Bool = false

    public init(
        asOf: LocalDate, buckets: [AgingBucket: MoneyTotals], openReceivable: MoneyTotals, mrrAtRisk: MoneyTotals,
        alerts: [DunningAlertRow]
    ) {
        self.asOf = asOf
        self.buckets = buckets
        self.openReceivable = openReceivable
        self.mrrAtRisk = mrrAtRisk
        self.alerts = alerts
        (namesWidth, widestName) = Self.nameWidths(alerts)
    }

    private static func nameWidths(_ alerts: [DunningAlertRow]) -> (most: Int, widest: Int) {
        let widths = alerts.map { DisplayWidth.of(TextSanitizer.clean($0.customerName)) }.sorted()
        guard let widest = widths.last else { return (0, 0) }
        return (widths[min(widths.count - 1, widths.count * 9 / 10)], widest)
    }

    /// Totals of one bucket (empty when absent).
    public func totals(_ bucket: AgingBucket) -> MoneyTotals { buckets[bucket] ?? MoneyTotals() }

    /// Every currency that appears in any bucket, by code.
    public var currencies: [Currency] {
        Set(buckets.values.flatMap(\.currencies)).sorted()
    }
}
