import BillingCore
import Foundation
import GRDB

/// The customers pane's rows (`dash_customer_row`): every sort a walk of one index, searches through the FTS
/// prefix index, and the sort keys kept in step with the metrics aggregates.
///
/// Triggers keep membership and the name current as the fetcher writes; `refresh` writes the state rank and
/// the MRR and overdue face values after each aggregate refresh, with the rules of `RowSortKeys`.
public struct CustomerRows: Sendable {
    /// Searches with more matches than this show the first `cap` in the chosen order, and "1000+" as count.
    public static let cap = 1000

    let store: BillingStore
    /// Searches take the reference plan only (every FTS match materialised), to compare plans in tests and
    /// benchmarks.
    let referenceSearch: Bool
    let searchLimits: CustomerSearchLimits

    public init(store: BillingStore) {
        self.init(store: store, referenceSearch: false)
    }

    package init(store: BillingStore, referenceSearch: Bool, searchLimits: CustomerSearchLimits = .standard) {
        self.store = store
        self.referenceSearch = referenceSearch
        self.searchLimits = searchLimits
    }

    /// Rewrites the sort keys of every source whose aggregates are newer than them; true when any were.
    @discardableResult
    public func refreshStale() throws -> Bool {
        var refreshed = false
        for source in try store.sources() where try store.pool.read({ try Self.isStale($0, sourceID: source.id) }) {
            _ = try store.pool.write { try Self.refresh($0, sourceID: source.id) }
            refreshed = true
        }
        return refreshed
    }

    /// One window of the customers matching `query.text` (all of them when it is blank) in the query's order.
    /// `known` is the `matches` of an earlier page of the same text while the store has not changed: the
    /// count is not taken again. `previous` is the `matches` of the last text searched while the store has not
    /// changed: when this text extends it, its matches are found among those. A search matching more than `cap`
    /// lists its first `cap` (`isCapped`).
    public func page(
        _ query: CustomerListQuery, offset: Int, limit: Int, cap: Int, known: CustomerMatches?,
        previous: CustomerMatches? = nil
    ) throws -> CustomerListPage {
        try store.pool.read { db in
            let text = query.text.trimmingCharacters(in: .whitespaces)
            // Type-ahead through the FTS prefix index (every word a prefix), or exactly a customer id.
            guard !text.isEmpty else {
                let found =
                    try known
                    ?? CustomerMatches(
                        text: "", count: Int.fetchOne(db, sql: "SELECT count(*) FROM dash_customer_row") ?? 0, ids: nil)
                let start = min(max(0, offset), found.count)
                let ids = try Self.windowIDs(
                    db, query, match: nil, broad: false, offset: start, limit: max(0, min(limit, found.count - start)))
                return try Self.page(db, ids: ids, offset: start, total: found.count, capped: false, matches: found)
            }
            let search = CustomerSearch(
                query, text: text, fts: DashboardSQL.prefixQuery(text) ?? "\"\"", cap: cap, reference: referenceSearch,
                limits: searchLimits)
            let found = try known ?? previous.flatMap { try search.narrowed(db, from: $0) } ?? search.count(db)
            // A broad search lists its first `cap` matches in order (counted as "1000+").
            let broad = found.count > cap
            let total = broad ? cap : found.count
            let start = min(max(0, offset), total)
            let ids = try search.windowIDs(db, found: found, offset: start, limit: max(0, min(limit, total - start)))
            return try Self.page(db, ids: ids, offset: start, total: total, capped: broad, matches: found)
        }
    }

    /// Whether the ranks and amounts of `sourceID` were computed from another aggregate refresh than the
    /// latest (or never: a source without aggregates yet still gets its state ranks).
    static func isStale(_ db: Database, sourceID: Int64) throws -> Bool {
        let metrics = try Row.fetchOne(
            db, sql: "SELECT refreshed_at, as_of FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
        guard
            let mine = try Row.fetchOne(
                db,
                sql: "SELECT metrics_refreshed_at, metrics_as_of FROM dash_customer_row_refresh WHERE source_id = ?",
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
            db,
            sql: """
                SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer WHERE source_id = ?
                """, arguments: [sourceID])
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
            db, sql: "SELECT customer_remote_id, state FROM subscription WHERE source_id = ? AND deleted_at IS NULL",
            arguments: [sourceID])
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
                """, arguments: [sourceID])
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
