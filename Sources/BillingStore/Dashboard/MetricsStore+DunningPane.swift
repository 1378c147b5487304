import BillingCore
import GRDB

/// What the dunning pane reads of the aggregates: only the alerts that can be among the first shown, since
/// decoding every alert's JSON (25k at 100k customers) on each load cost more than the rest of the first frame
/// together.
extension MetricsStore {
    /// How many alerts each source has per currency (an unknown currency code is left out), in one read of the
    /// kept counts (`KeptTotals.alertCounts`): counting the alerts read 258k rows (60 ms) at 1M customers.
    public func alertCounts(sourceIDs: [Int64]) throws -> [Int64: [Currency: Int]] {
        try aggregates.read { db in
            var counts: [Int64: [Currency: Int]] = [:]
            for sourceID in sourceIDs {
                for row in try Row.fetchAll(
                    db, sql: "SELECT currency, alerts FROM metrics_alert_count WHERE source_id = ?",
                    arguments: [sourceID])
                {
                    guard let currency = Currency(row["currency"]) else { continue }
                    counts[sourceID, default: [:]][currency] = row["alerts"]
                }
            }
            return counts
        }
    }

    /// The first `limit` alerts of a source in one currency, in `DunningAlertOrder` (within a source and
    /// currency that is the money at risk, then the older overdue invoice, then the customer): one walk of the
    /// order's index, which carries the alerts, and only these alerts are decoded (those `reuse` decoded before
    /// with the same text are not decoded again).
    public func firstAlerts(
        sourceID: Int64, currency: Currency, limit: Int, reuse: DunningAlertReuse = DunningAlertReuse()
    ) throws -> [DunningAlert] {
        guard limit > 0 else { return [] }
        let texts = try aggregates.read { db in
            try String.fetchAll(db, sql: AlertOrder.inCurrencyWindow, arguments: [sourceID, currency.code, limit, 0])
        }
        return try reuse.decode(texts)
    }

    /// The MRR of a source's subscriptions in dunning, per currency (zero amounts and unknown codes left out).
    public func mrrAtRisk(sourceID: Int64) throws -> MoneyTotals {
        try aggregates.read { db in
            var atRisk = MoneyTotals()
            for row in try Row.fetchAll(
                db, sql: "SELECT currency, mrr_at_risk_minor FROM metrics_currency WHERE source_id = ?",
                arguments: [sourceID])
            {
                guard let currency = Currency(row["currency"]) else { continue }
                let minor: Int64 = row["mrr_at_risk_minor"]
                if minor != 0 { atRisk.add(Money(minorUnits: minor, currency: currency)) }
            }
            return atRisk
        }
    }
}
