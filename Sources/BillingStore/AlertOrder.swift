import BillingCore
import GRDB

/// Puts a source's stored dunning alerts back in display order after an incremental refresh replaced some:
/// the order is computed from the alerts' rank columns (`DunningAlertRankKey`, the order a recompute gives),
/// and only the rows whose rank moved are rewritten, so readers keep their dense ranks (`rank >= offset`).
enum AlertRanks {
    /// Rank of an alert just inserted and not yet placed: below any real rank and any temporary one.
    static func unplaced(_ index: Int) -> Int64 { -1_000_000_000 - Int64(index) }

    /// Re-ranks every alert of the source. Throws `IncrementalRefresh.NeedsRecompute` for an alert row in a
    /// currency this billtop cannot read (a recompute writes what it can).
    static func rerank(_ db: Database, sourceID: Int64, rates: ConversionRateTable?) throws {
        var ranks: [Int64] = []
        var keys: [DunningAlertRankKey] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT rank, customer_remote_id, currency, money_at_risk_minor, days_overdue FROM metrics_alert
                WHERE source_id = ?
                """, arguments: [sourceID])
        {
            guard let currency = Currency(row["currency"]) else {
                throw IncrementalRefresh.NeedsRecompute(reason: "an alert in an unknown currency")
            }
            ranks.append(row["rank"])
            keys.append(
                DunningAlertRankKey(
                    customerID: row["customer_remote_id"],
                    moneyAtRisk: Money(minorUnits: row["money_at_risk_minor"], currency: currency),
                    daysOverdue: row["days_overdue"]))
        }
        let order = DunningAlertRankKey.ordered(keys, rates: rates)
        // Two steps, since rank is the key: each moved row first to a free negative rank, then all flipped.
        let move = try db.cachedStatement(sql: "UPDATE metrics_alert SET rank = ? WHERE source_id = ? AND rank = ?")
        var moved = false
        for (position, index) in order.enumerated() where ranks[index] != Int64(position) {
            try move.execute(arguments: [-1 - Int64(position), sourceID, ranks[index]])
            moved = true
        }
        if moved {
            try db.execute(
                sql: "UPDATE metrics_alert SET rank = -1 - rank WHERE source_id = ? AND rank < 0", arguments: [sourceID]
            )
        }
    }
}
