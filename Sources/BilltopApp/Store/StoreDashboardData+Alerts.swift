import BillingCore
import BillingStore
import Foundation
import GRDB

/// The dunning pane reads only the alerts that can be among the first shown: decoding every alert's JSON
/// (25k at 100k customers) on each load cost more than the rest of the first frame together.
extension StoreDashboardData {
    /// The first `limit` alerts of every source in `DunningAlertOrder`: currency groups by their alert count
    /// over all sources, and within a group by money at risk. Within one source and currency the aggregate's
    /// rank is that order already, so each group needs only its first ranks, and only they are decoded.
    func dunningAlertRows(limit: Int) throws -> [DunningAlertRow] {
        let sources = try store.sources()
        var counts: [Currency: Int] = [:]
        var perSource: [Int64: [Currency: Int]] = [:]
        try store.pool.read { db in
            for source in sources {
                for row in try Row.fetchAll(
                    db, sql: "SELECT currency, count(*) AS n FROM metrics_alert WHERE source_id = ? GROUP BY currency",
                    arguments: [source.id])
                {
                    guard let currency = Currency(row["currency"]) else { continue }
                    counts[currency, default: 0] += row["n"] as Int
                    perSource[source.id, default: [:]][currency] = row["n"]
                }
            }
        }
        let groups = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var out: [DunningAlertRow] = []
        for currency in groups where out.count < limit {
            let take = limit - out.count
            var group: [DunningAlertRow] = []
            for source in sources where (perSource[source.id]?[currency] ?? 0) > 0 {
                let ranks = try store.pool.read { db in
                    try Int64.fetchAll(
                        db, sql: "SELECT rank FROM metrics_alert WHERE source_id = ? AND currency = ? ORDER BY rank LIMIT ?",
                        arguments: [source.id, currency.code, take])
                }
                group += try alerts(sourceID: source.id, ranks: ranks).map { Self.alertRow($0, source: source.name) }
            }
            out += DunningAlertOrder.ordered(group, currencyCounts: counts).prefix(take)
        }
        return out
    }

    static func alertRow(_ alert: DunningAlert, source: String) -> DunningAlertRow {
        DunningAlertRow(
            customer: CustomerKey(source: source, id: alert.customerID), customerName: alert.customerName,
            customerMRR: alert.customerMRR, totalDue: alert.totalDue[alert.riskCurrency],
            oldestInvoiceNumber: alert.oldestOverdue?.number ?? "", daysOverdue: alert.oldestOverdue?.daysOverdue ?? 0,
            subscriptionState: alert.subscriptionState, dunningStage: alert.dunning.stage,
            retries: alert.dunning.retries, lastFailureReason: alert.dunning.lastFailureReason,
            cardExpiring: alert.cardExpiringOn, scheduledCancellation: alert.scheduledCancellationOn,
            unreadableDue: alert.unreadableDue ?? [])
    }

    /// The alerts at the given ranks of a source, decoded.
    func alerts(sourceID: Int64, ranks: [Int64]) throws -> [DunningAlert] {
        guard !ranks.isEmpty else { return [] }
        return try store.pool.read { db in
            let decoder = JSONDecoder()
            var out: [DunningAlert] = []
            for chunk in stride(from: 0, to: ranks.count, by: 500).map({ Array(ranks[$0..<min(ranks.count, $0 + 500)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let values: [(any DatabaseValueConvertible)?] = [sourceID] + chunk.map { $0 as (any DatabaseValueConvertible)? }
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
}
