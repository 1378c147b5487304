import BillingCore
import Foundation
import GRDB

/// The customers pane's state rank, MRR and overdue sort keys (`dash_customer_row`), written from the aggregates
/// with the pane's own rules (`RowSortKeys`) so its orders equal the comparator's: for every customer of a
/// source after a whole recompute, or, inside an incremental refresh's transaction, only for the customers it
/// refreshed (issue 22: at 100k customers the whole pass read 100k aggregate rows, 140k subscriptions and 100k
/// pane rows after a change of 100).
enum CustomerRowKeys {
    /// Rewrites the keys that moved of `customers` (nil: every customer of the source), then records which
    /// aggregate refresh they now match; returns how many rows changed.
    @discardableResult
    static func write(_ db: Database, sourceID: Int64, customers: [String]?) throws -> Int {
        // The few customers an incremental refresh changed, bound as one JSON array (never spliced into SQL).
        var arguments: StatementArguments = [sourceID]
        if let customers { arguments += [String(decoding: try JSONEncoder().encode(customers), as: UTF8.self)] }
        let filter = { (column: String) in
            customers == nil ? "" : " AND \(column) IN (SELECT value FROM json_each(?))"
        }
        var mrr: [String: Int64] = [:]
        var overdue: [String: Int64] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer WHERE source_id = ?
                """ + filter("customer_remote_id"), arguments: arguments)
        {
            let id: String = row["customer_remote_id"]
            // An unknown currency code is left out, as the pane's row leaves it out.
            guard let currency = Currency(row["currency"]) else { continue }
            let face = { (minor: Int64) in RowSortKeys.faceValue(Money(minorUnits: minor, currency: currency)) }
            // The largest face value among non-zero amounts, as `RowSortKeys.faceValue(MoneyTotals)`.
            let m: Int64 = row["mrr_minor"], o: Int64 = row["overdue_minor"]
            if m != 0 { mrr[id] = max(mrr[id] ?? .min, face(m)) }
            if o != 0 { overdue[id] = max(overdue[id] ?? .min, face(o)) }
        }
        var states: [String: [SubscriptionState]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT customer_remote_id, state FROM subscription WHERE source_id = ? AND deleted_at IS NULL"
                + filter("customer_remote_id"), arguments: arguments)
        {
            states[row["customer_remote_id"], default: []].append(SubscriptionState(apiValue: row["state"]))
        }
        let update = try db.makeStatement(
            sql: "UPDATE dash_customer_row SET state_rank = ?, mrr_face = ?, overdue_face = ? WHERE customer_id = ?")
        var changed = 0
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT customer_id, remote_id, state_rank, mrr_face, overdue_face FROM dash_customer_row
                WHERE source_id = ?
                """ + filter("remote_id"), arguments: arguments)
        {
            let id: String = row["remote_id"]
            let rank = RowSortKeys.stateRank(RowSortKeys.tellingState(states[id] ?? []))
            let m = mrr[id] ?? 0, o = overdue[id] ?? 0
            if rank == row["state_rank"] && m == row["mrr_face"] && o == row["overdue_face"] { continue }
            try update.execute(arguments: [rank, m, o, row["customer_id"] as Int64])
            changed += 1
        }
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO dash_customer_row_refresh (source_id, metrics_refreshed_at, metrics_as_of)
                VALUES (?1, coalesce((SELECT refreshed_at FROM metrics_refresh WHERE source_id = ?1), 0),
                    coalesce((SELECT as_of FROM metrics_refresh WHERE source_id = ?1), 0))
                """, arguments: [sourceID])
        return changed
    }
}
