import BillingCore
import BillingStore
import GRDB

/// The customers pane's sort keys per live customer (`dash_customer_row`): every sort is a walk of one index.
///
/// Triggers keep membership and the name current as the fetcher writes; `refresh` writes the state rank and
/// the MRR and overdue face values after each aggregate refresh, with the same rules the panes draw with.
public enum CustomerRowTable {
    /// Searches with more matches than this show the first `cap` in the chosen order, and "1000+" as count.
    public static let cap = 1000

    /// Whether the ranks and amounts of `sourceID` were computed from another aggregate refresh than the
    /// latest (or never: a source without aggregates yet still gets its state ranks).
    static func isStale(_ db: Database, sourceID: Int64) throws -> Bool {
        let metrics = try Row.fetchOne(
            db, sql: "SELECT refreshed_at, as_of FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
        guard let mine = try Row.fetchOne(
            db, sql: "SELECT metrics_refreshed_at, metrics_as_of FROM dash_customer_row_refresh WHERE source_id = ?",
            arguments: [sourceID])
        else { return true }
        let refreshedAt: Int64 = metrics?["refreshed_at"] ?? 0, asOf: Int64 = metrics?["as_of"] ?? 0
        return refreshedAt != mine["metrics_refreshed_at"] || asOf != mine["metrics_as_of"]
    }

    /// Rewrites the state rank, MRR and overdue keys of a source's rows that changed; returns how many did.
    @discardableResult
    static func refresh(_ db: Database, sourceID: Int64) throws -> Int {
        var mrr: [String: Int64] = [:]
        var overdue: [String: Int64] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer WHERE source_id = ?",
            arguments: [sourceID])
        {
            let id: String = row["customer_remote_id"]
            // An unknown currency code is left out, as the pane's row leaves it out.
            guard let currency = Currency(row["currency"]) else { continue }
            let face = { (minor: Int64) in RowOrder.faceValue(Money(minorUnits: minor, currency: currency)) }
            // The largest face value among non-zero amounts, as `RowOrder.faceValue(MoneyTotals)`.
            let m: Int64 = row["mrr_minor"], o: Int64 = row["overdue_minor"]
            if m != 0 { mrr[id] = max(mrr[id] ?? .min, face(m)) }
            if o != 0 { overdue[id] = max(overdue[id] ?? .min, face(o)) }
        }
        var states: [String: [SubscriptionState]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT customer_remote_id, state FROM subscription WHERE source_id = ? AND deleted_at IS NULL",
            arguments: [sourceID])
        {
            states[row["customer_remote_id"], default: []].append(SubscriptionState(apiValue: row["state"]))
        }
        let update = try db.makeStatement(
            sql: "UPDATE dash_customer_row SET state_rank = ?, mrr_face = ?, overdue_face = ? WHERE customer_id = ?")
        var changed = 0
        for row in try Row.fetchAll(
            db, sql: "SELECT customer_id, remote_id, state_rank, mrr_face, overdue_face FROM dash_customer_row WHERE source_id = ?",
            arguments: [sourceID])
        {
            let id: String = row["remote_id"]
            let rank = RowOrder.stateRank(InMemoryDashboardData.tellingState(states[id] ?? []))
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

    /// ORDER BY over `dash_customer_row r` for a sort: the keys and tie-breaks of `CustomerRowOrder`, exactly the
    /// columns of the sort's index, so SQLite walks it (backwards when descending).
    static func orderBy(_ query: CustomerQuery) -> String {
        let key: StoreSQL.Term
        switch query.sort {
        case .name: key = .init(expression: "r.sort_name", ascending: true)
        case .mrr: key = .init(expression: "r.mrr_face", ascending: false)
        case .overdue: key = .init(expression: "r.overdue_face", ascending: false)
        case .state: key = .init(expression: "r.state_rank", ascending: true)
        }
        return StoreSQL.orderBy(
            [key, .init(expression: "r.source_name", ascending: true), .init(expression: "r.remote_id", ascending: true)],
            descending: query.descending)
    }

    /// The index that serves a sort.
    static func index(_ sort: CustomerQuery.Sort) -> String {
        switch sort {
        case .name: "dash_customer_row_by_name"
        case .mrr: "dash_customer_row_by_mrr"
        case .overdue: "dash_customer_row_by_overdue"
        case .state: "dash_customer_row_by_state"
        }
    }

    /// Ids of live customers matching a type-ahead text: FTS prefix words, or exactly a customer's id.
    static let matchSQL = """
        SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?
        UNION ALL SELECT id FROM customer WHERE source_id IN (SELECT id FROM source) AND remote_id = ?
        """

    /// How many live customers match, counting FTS matches no further than `cap + 1` (the FTS index drives the
    /// join, no scan), plus a customer whose id is exactly the text and whose words do not match.
    static func matchCount(_ db: Database, match: String, text: String, cap: Int) throws -> Int {
        let words = try Int.fetchOne(
            db, sql: """
                SELECT count(*) FROM (
                    SELECT 1 FROM customer_fts f JOIN dash_customer_row r ON r.customer_id = f.rowid
                    WHERE customer_fts MATCH ? LIMIT \(cap + 1))
                """, arguments: [match]) ?? 0
        let byID = try Int.fetchOne(
            db, sql: """
                SELECT count(*) FROM customer c JOIN dash_customer_row r ON r.customer_id = c.id
                WHERE c.source_id IN (SELECT id FROM source) AND c.remote_id = ?
                    AND NOT EXISTS (SELECT 1 FROM customer_fts WHERE customer_fts MATCH ? AND rowid = c.id)
                """, arguments: [text, match]) ?? 0
        return words + byID
    }

    /// Customer ids of one window in the query's order. `broad` (more matches than `cap`) walks the sort index
    /// and keeps the matches; otherwise the few matches are sorted.
    static func windowIDs(
        _ db: Database, _ query: CustomerQuery, match: (fts: String, text: String)?, broad: Bool, offset: Int, limit: Int
    ) throws -> [Int64] {
        var sql = "SELECT r.customer_id FROM dash_customer_row r"
        var args: [(any DatabaseValueConvertible)?] = []
        if let match {
            if broad { sql += " INDEXED BY \(index(query.sort))" }
            sql += " WHERE r.customer_id IN (\(matchSQL))"
            args += [match.fts, match.text]
        }
        sql += " ORDER BY \(orderBy(query)) LIMIT ? OFFSET ?"
        return try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(args + [limit, offset]))
    }
}
