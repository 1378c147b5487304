import BillingCore
import BillingStore
import Foundation
import GRDB
import Synchronization

/// The dashboard's data read straight from the store: indexed queries for lists and the metrics aggregates
/// (`MetricsStore`) for MRR, overdue and dunning, so no query reads the whole store.
///
/// `refresh(asOf:)` recomputes the aggregates when a sync finished after them (call it off the UI thread
/// after the store changes, and once at startup); every other call is a read between frames.
public final class StoreDashboardData: DashboardData {
    let store: BillingStore
    let settings: MetricsSettings
    /// Live sync progress from the runner, laid over the store's view of the streams.
    private let liveActivity = Mutex<[String: SyncOverview.Source.Activity]>([:])
    /// Bumped by `refresh`: counts and totals cached for a query hold until the store changes.
    let generation = Mutex(0)
    /// Count and totals of the last invoice query (scrolling re-reads only the window, not the sums).
    let invoiceSums = Mutex<(query: InvoiceQuery, generation: Int, sums: InvoiceSums)?>(nil)
    /// Count (and, for a narrow search, the matching ids) of the last customer query.
    let customerCount = Mutex<(query: CustomerQuery, generation: Int, found: CustomerSearch.Found)?>(nil)
    /// The generation at which the customer rows' sort keys were last checked against the aggregates (nil: never).
    let rowsChecked = Mutex<Int?>(nil)
    /// A search matching more customers lists only this many (in order) and shows the count as "N+".
    let searchCap: Int
    /// Searches take the reference plan only (every FTS match materialised), to compare plans in tests and benches.
    let referenceSearch: Bool

    public init(
        store: BillingStore, settings: MetricsSettings = .standard, searchCap: Int = CustomerRowTable.cap,
        referenceSearch: Bool = false
    ) {
        self.store = store
        self.settings = settings
        self.searchCap = max(1, searchCap)
        self.referenceSearch = referenceSearch
    }

    /// Recomputes the aggregates of every source whose data changed since they were computed; true when any did.
    @discardableResult
    public func refresh(asOf: LocalDate) throws -> Bool {
        let refresher = AggregateRefresher(store: store, settings: settings)
        var refreshed = false
        generation.withLock { $0 += 1 }
        for source in try store.sources() where try refresher.refreshIfStale(sourceID: source.id, asOf: asOf) {
            refreshed = true
        }
        // A recompute holds a source's subscriptions, customers, owed invoices, events and its results in memory
        // at once (peak ~470 MB at 100k customers) and frees them here; glibc would keep those pages, and the
        // dashboard would sit at ~360 MB for the rest of its life.
        if refreshed { MemoryTrim.returnFreePages() }
        // The customers pane's sort keys follow (not reported: they are derived, not recomputed aggregates).
        try refreshCustomerRows()
        return refreshed
    }

    /// Lets the first frames read the aggregates and sort keys as the last refresh left them, for a caller whose
    /// `SnapshotRefresher` refreshes them off the UI thread (the dashboard's startup): opening a store a sync
    /// changed then draws at once (stale totals for the seconds the recompute takes) instead of after it.
    public func deferFirstRefresh() {
        rowsChecked.withLock { checked in
            if checked == nil { checked = generation.withLock { $0 } }
        }
    }

    /// Rewrites the customers pane's sort keys of sources whose aggregates are newer than them (also when a
    /// command refreshed the aggregates); true when any were.
    @discardableResult
    func refreshCustomerRows() throws -> Bool {
        rowsChecked.withLock { $0 = generation.withLock { $0 } }
        var refreshed = false
        for source in try store.sources() where try store.pool.read({ try CustomerRowTable.isStale($0, sourceID: source.id) }) {
            _ = try store.pool.write { try CustomerRowTable.refresh($0, sourceID: source.id) }
            refreshed = true
        }
        return refreshed
    }

    /// Records what the fetcher is doing for a source right now (shown until the store says otherwise).
    public func setActivity(_ activity: SyncOverview.Source.Activity?, source: String) {
        liveActivity.withLock { $0[source] = activity }
    }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        // A caller that never ran `refresh` (a test, a one-off read) still gets sort keys that follow the
        // aggregates; otherwise `refresh` keeps them, off the UI thread.
        if rowsChecked.withLock({ $0 }) == nil { try refreshCustomerRows() }
        return try store.pool.read { db in
            let text = query.text.trimmingCharacters(in: .whitespaces)
            let now = generation.withLock { $0 }
            let cached = customerCount.withLock { c in c.flatMap { $0.query.text == query.text && $0.generation == now ? $0.found : nil } }
            // Type-ahead through the FTS prefix index (every word a prefix), or exactly a customer id.
            guard !text.isEmpty else {
                let found = try cached ?? CustomerSearch.Found(
                    count: Int.fetchOne(db, sql: "SELECT count(*) FROM dash_customer_row") ?? 0, ids: nil)
                customerCount.withLock { $0 = (query, now, found) }
                let start = min(max(0, offset), found.count)
                let ids = try CustomerRowTable.windowIDs(
                    db, query, match: nil, broad: false, offset: start, limit: max(0, min(limit, found.count - start)))
                return try window(db, ids: ids, offset: start, total: found.count, capped: false)
            }
            let search = CustomerSearch(
                query, text: text, fts: StoreSQL.prefixQuery(text) ?? "\"\"", cap: searchCap, reference: referenceSearch)
            let found = try cached ?? search.count(db)
            customerCount.withLock { $0 = (query, now, found) }
            // A broad search lists its first `searchCap` matches in order (counted as "1000+").
            let broad = found.count > searchCap
            let total = broad ? searchCap : found.count
            let start = min(max(0, offset), total)
            let ids = try search.windowIDs(db, found: found, offset: start, limit: max(0, min(limit, total - start)))
            return try window(db, ids: ids, offset: start, total: total, capped: broad)
        }
    }

    /// The rows of a window's customer ids, in that order.
    func window(_ db: Database, ids: [Int64], offset start: Int, total: Int, capped broad: Bool) throws -> RowWindow<CustomerRow> {
        guard !ids.isEmpty else { return RowWindow(offset: start, rows: [], total: total, isCapped: broad) }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let fetched = try Row.fetchAll(
            db, sql: """
                SELECT c.id, c.source_id, c.remote_id, c.first_name, c.last_name, c.email, c.organization, c.reference,
                    src.name AS source_name
                FROM customer c JOIN source src ON src.id = c.source_id
                WHERE c.id IN (\(marks))
                """, arguments: StatementArguments(ids))
        let byID = Dictionary(fetched.map { ($0["id"] as Int64, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = try Self.customerRows(db, ids.compactMap { byID[$0] })
        return RowWindow(offset: start, rows: rows, total: total, isCapped: broad)
    }

    /// The customers-pane rows of a window: its customers' aggregates and subscription states in two
    /// queries per source (keyed lookups), not two per row.
    static func customerRows(_ db: Database, _ rows: [Row]) throws -> [CustomerRow] {
        var mrr: [String: MoneyTotals] = [:]
        var overdue: [String: MoneyTotals] = [:]
        var states: [String: [SubscriptionState]] = [:]
        let bySource = Dictionary(grouping: rows.map { (source: $0["source_id"] as Int64, id: $0["remote_id"] as String) }, by: \.source)
        for (sourceID, members) in bySource {
            let ids = members.map(\.id)
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var values: [(any DatabaseValueConvertible)?] = [sourceID]
            values += ids.map { $0 as (any DatabaseValueConvertible)? }
            let args = StatementArguments(values)
            // Columns by position: a lookup by name lowercases the name, per row.
            for m in try Row.fetchAll(
                db, sql: """
                    SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer
                    WHERE source_id = ? AND customer_remote_id IN (\(marks))
                    """, arguments: args)
            {
                guard let currency = Currency(m[1]) else { continue }
                let key = "\(sourceID)/\(m[0] as String)"
                let mrrMinor: Int64 = m[2], overdueMinor: Int64 = m[3]
                if mrrMinor != 0 { mrr[key, default: MoneyTotals()].add(Money(minorUnits: mrrMinor, currency: currency)) }
                if overdueMinor != 0 { overdue[key, default: MoneyTotals()].add(Money(minorUnits: overdueMinor, currency: currency)) }
            }
            for m in try Row.fetchAll(
                db, sql: """
                    SELECT customer_remote_id, state FROM subscription
                    WHERE source_id = ? AND customer_remote_id IN (\(marks)) AND deleted_at IS NULL
                    """, arguments: args)
            {
                states["\(sourceID)/\(m[0] as String)", default: []].append(SubscriptionState(apiValue: m[1]))
            }
        }
        return rows.map { row in
            let customer = StoreSQL.customer(row)
            let key = "\(row["source_id"] as Int64)/\(customer.id)"
            return CustomerRow(
                key: CustomerKey(source: row["source_name"], id: customer.id), name: customer.displayName,
                email: customer.email, organization: customer.organization, reference: customer.reference,
                mrr: mrr[key] ?? MoneyTotals(), state: InMemoryDashboardData.tellingState(states[key] ?? []),
                overdue: overdue[key] ?? MoneyTotals())
        }
    }

    public func syncStatus() throws -> SyncOverview {
        var overview = try StoreSnapshotBuilder.syncOverview(store: store)
        let live = liveActivity.withLock { $0 }
        for i in overview.sources.indices {
            guard let activity = live[overview.sources[i].name] else { continue }
            // The fetcher's own report is fresher than the store's running stream ("syncing customers (0 so
            // far)"), and it is the only place a retry's cause or a rate-limit wait shows while a stream runs:
            // a host that refuses connections must be named at once, not when the retries give up.
            switch overview.sources[i].activity {
            case .idle, .syncing, .retrying: overview.sources[i].activity = activity
            case .failed, .waitingRateLimit: break
            }
        }
        return overview
    }
}
