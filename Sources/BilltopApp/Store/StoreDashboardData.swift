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
    /// Count of the last customer query.
    let customerCount = Mutex<(query: CustomerQuery, generation: Int, total: Int)?>(nil)

    public init(store: BillingStore, settings: MetricsSettings = .standard) {
        self.store = store
        self.settings = settings
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
        return refreshed
    }

    /// Records what the fetcher is doing for a source right now (shown until the store says otherwise).
    public func setActivity(_ activity: SyncOverview.Source.Activity?, source: String) {
        liveActivity.withLock { $0[source] = activity }
    }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        try store.pool.read { db in
            StoreSQL.prepare(db)
            var filter = "c.deleted_at IS NULL"
            var args: [(any DatabaseValueConvertible)?] = []
            let text = query.text.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty {
                // Type-ahead through the FTS prefix index (every word a prefix), or an exact customer id.
                filter += " AND (c.id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?) OR c.remote_id = ?)"
                args += [StoreSQL.prefixQuery(text) ?? "\"\"", text]
            }
            let now = generation.withLock { $0 }
            let cached = customerCount.withLock { c in c.flatMap { $0.query.text == query.text && $0.generation == now ? $0.total : nil } }
            let total = try cached ?? Int.fetchOne(
                db, sql: "SELECT count(*) FROM customer c WHERE \(filter)", arguments: StatementArguments(args)) ?? 0
            customerCount.withLock { $0 = (query, now, total) }
            let start = min(max(0, offset), total)
            let sql = """
                SELECT c.*, src.name AS source_name FROM customer c JOIN source src ON src.id = c.source_id
                WHERE \(filter) ORDER BY \(Self.customerOrder(query)) LIMIT ? OFFSET ?
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args + [max(0, limit), start]))
            let result = try Self.customerRows(db, rows)
            return RowWindow(offset: start, rows: result, total: total)
        }
    }

    /// ORDER BY for a customer sort: the same keys and tie-breaks as `CustomerRowOrder`.
    static func customerOrder(_ query: CustomerQuery) -> String {
        let same = "m.source_id = c.source_id AND m.customer_remote_id = c.remote_id"
        let key: StoreSQL.Term
        switch query.sort {
        case .name: key = .init(expression: "c.sort_name", ascending: true)
        case .mrr:
            key = .init(expression: """
                coalesce((SELECT max(billtop_face_value(mrr_minor, currency)) FROM metrics_customer m \
                WHERE \(same) AND mrr_minor != 0), 0)
                """, ascending: false)
        case .overdue:
            key = .init(expression: """
                coalesce((SELECT max(billtop_face_value(overdue_minor, currency)) FROM metrics_customer m \
                WHERE \(same) AND overdue_minor != 0), 0)
                """, ascending: false)
        case .state:
            key = .init(expression: """
                coalesce((SELECT min(billtop_state_rank(state)) FROM subscription m WHERE \(same) AND deleted_at IS NULL), 9)
                """, ascending: true)
        }
        return StoreSQL.orderBy(
            [key, .init(expression: "src.name", ascending: true), .init(expression: "c.remote_id", ascending: true)],
            descending: query.descending)
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
            for m in try Row.fetchAll(
                db, sql: """
                    SELECT customer_remote_id, currency, mrr_minor, overdue_minor FROM metrics_customer
                    WHERE source_id = ? AND customer_remote_id IN (\(marks))
                    """, arguments: args)
            {
                guard let currency = Currency(m["currency"]) else { continue }
                let key = "\(sourceID)/\(m["customer_remote_id"] as String)"
                let mrrMinor: Int64 = m["mrr_minor"], overdueMinor: Int64 = m["overdue_minor"]
                if mrrMinor != 0 { mrr[key, default: MoneyTotals()].add(Money(minorUnits: mrrMinor, currency: currency)) }
                if overdueMinor != 0 { overdue[key, default: MoneyTotals()].add(Money(minorUnits: overdueMinor, currency: currency)) }
            }
            for m in try Row.fetchAll(
                db, sql: """
                    SELECT customer_remote_id, state FROM subscription
                    WHERE source_id = ? AND customer_remote_id IN (\(marks)) AND deleted_at IS NULL
                    """, arguments: args)
            {
                states["\(sourceID)/\(m["customer_remote_id"] as String)", default: []].append(SubscriptionState(apiValue: m["state"]))
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
            if let activity = live[overview.sources[i].name], overview.sources[i].activity == .idle {
                overview.sources[i].activity = activity
            }
        }
        return overview
    }
}
