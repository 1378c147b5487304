import BillingCore
import BillingStore
import Foundation
import GRDB

/// The dunning pane reads only the alerts that can be among the first shown: decoding every alert's JSON
/// (25k at 100k customers) on each load cost more than the rest of the frame.
extension StoreDashboardData {
    /// Ranks of a source's alerts whose money at risk is among the `limit` largest of their currency (ties
    /// kept), and the alert count per currency (the pane groups currencies by it).
    func topAlertRanks(sourceID: Int64, limit: Int) throws -> (ranks: [Int64], counts: [Currency: Int]) {
        try store.pool.read { db in
            var byCurrency: [String: [(rank: Int64, risk: Int64)]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT rank, currency, money_at_risk_minor FROM metrics_alert WHERE source_id = ?", arguments: [sourceID])
            {
                let rank: Int64 = row["rank"], risk: Int64 = row["money_at_risk_minor"], code: String = row["currency"]
                byCurrency[code, default: []].append((rank, risk))
            }
            var ranks: [Int64] = []
            var counts: [Currency: Int] = [:]
            for (code, entries) in byCurrency {
                if let currency = Currency(code) { counts[currency, default: 0] += entries.count }
                guard entries.count > limit else {
                    ranks += entries.map(\.rank)
                    continue
                }
                let threshold = entries.map(\.risk).sorted(by: >)[max(0, limit - 1)]
                ranks += entries.filter { $0.risk >= threshold }.map(\.rank)
            }
            return (ranks, counts)
        }
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
