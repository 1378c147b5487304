import BillingCore
import Foundation
import GRDB

/// What the dunning pane reads of the aggregates: only the alerts that can be among the first shown, since
/// decoding every alert's JSON (25k at 100k customers) on each load cost more than the rest of the first frame
/// together.
extension MetricsStore {
    /// How many alerts each source has per currency (an unknown currency code is left out), in one read.
    public func alertCounts(sourceIDs: [Int64]) throws -> [Int64: [Currency: Int]] {
        try aggregates.read { db in
            var counts: [Int64: [Currency: Int]] = [:]
            for sourceID in sourceIDs {
                for row in try Row.fetchAll(
                    db, sql: "SELECT currency, count(*) AS n FROM metrics_alert WHERE source_id = ? GROUP BY currency",
                    arguments: [sourceID])
                {
                    guard let currency = Currency(row["currency"]) else { continue }
                    counts[sourceID, default: [:]][currency] = row["n"]
                }
            }
            return counts
        }
    }

    /// The first `limit` ranks of a source's alerts in one currency (within a source and currency the rank is
    /// `DunningAlertOrder` already).
    public func alertRanks(sourceID: Int64, currency: Currency, limit: Int) throws -> [Int64] {
        try aggregates.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT rank FROM metrics_alert WHERE source_id = ? AND currency = ? ORDER BY rank LIMIT ?",
                arguments: [sourceID, currency.code, limit])
        }
    }

    /// The alerts at the given ranks of a source, decoded (in no particular order).
    public func dunningAlerts(sourceID: Int64, ranks: [Int64]) throws -> [DunningAlert] {
        guard !ranks.isEmpty else { return [] }
        return try aggregates.read { db in
            let decoder = JSONDecoder()
            var out: [DunningAlert] = []
            for start in stride(from: 0, to: ranks.count, by: 500) {
                let chunk = ranks[start..<min(ranks.count, start + 500)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let values: [(any DatabaseValueConvertible)?] =
                    [sourceID] + chunk.map { $0 as (any DatabaseValueConvertible)? }
                for text in try String.fetchAll(
                    db, sql: "SELECT alert FROM metrics_alert WHERE source_id = ? AND rank IN (\(marks))",
                    arguments: StatementArguments(values))
                {
                    out.append(try decoder.decode(DunningAlert.self, from: Data(text.utf8)))
                }
            }
            return out
        }
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
