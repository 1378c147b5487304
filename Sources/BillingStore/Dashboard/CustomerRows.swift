import BillingCore
import Foundation
import GRDB

/// The customers pane's rows (`dash_customer_row`): every sort a walk of one index, searches through the FTS
/// prefix index, and the sort keys kept in step with the metrics aggregates.
///
/// Triggers keep membership and the name current as the fetcher writes; `CustomerRowKeys` writes the state rank
/// and the MRR and overdue face values with the rules of `RowSortKeys`: an incremental aggregate refresh for its
/// changed customers, and `refreshStale` for every customer after a whole recompute.
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
            // Prefix counts (`CustomerSearch.wholeSparseWords`) carry on through every keystroke, a blank one too.
            let counted = (known ?? previous)?.prefixRows ?? [:]
            guard !text.isEmpty else {
                var found =
                    try known
                    ?? CustomerMatches(
                        text: "", count: Self.rowCount(db), ids: nil)
                found.prefixRows = counted
                let start = min(max(0, offset), found.count)
                let ids = try Self.windowIDs(
                    db, query, match: nil, broad: false, offset: start, limit: max(0, min(limit, found.count - start)))
                return try Self.page(db, ids: ids, offset: start, total: found.count, capped: false, matches: found)
            }
            var search = CustomerSearch(
                query, text: text, fts: DashboardSQL.prefixQuery(text) ?? "\"\"", cap: cap, reference: referenceSearch,
                limits: searchLimits)
            try search.wholeSparseWords(db, counted: counted)
            var found = try known ?? previous.flatMap { try search.narrowed(db, from: $0) } ?? search.count(db)
            found.prefixRows = search.prefixRows
            // A broad search lists its first `cap` matches in order (counted as "1000+").
            let broad = found.count > cap
            let total = broad ? cap : found.count
            let start = min(max(0, offset), total)
            let ids = try search.windowIDs(db, found: found, offset: start, limit: max(0, min(limit, total - start)))
            return try Self.page(db, ids: ids, offset: start, total: total, capped: broad, matches: found)
        }
    }

    /// How many customers the pane lists: the kept count (`dash_customer_row_count`), where counting the rows
    /// read a million index entries at 1M customers (28 ms warm, 150 ms cold) on each blank query.
    static func rowCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT customers FROM dash_customer_row_count") ?? 0
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
        try CustomerRowKeys.write(db, sourceID: sourceID, customers: nil)
    }
}
