import BillingCore
import Foundation
import GRDB

/// Keeps the metrics aggregates up to date with the synced data: call `refreshAggregates(asOf:)` after every sync.
///
/// Who calls it: the sync runner at the end of each completed run (`billtop sync`, `--watch`) and the app
/// after an in-process sync (`--demo`). A refresh takes only the customers whose records changed since the last
/// one (`IncrementalRefresh`, one write transaction); a recompute reads a consistent snapshot, computes in
/// memory with BillingCore, and replaces the source's aggregate rows in one write transaction, so readers never
/// see half a refresh either way.
public struct AggregateRefresher: Sendable {
    public let store: BillingStore
    public var settings: MetricsSettings
    /// Months of history rebuilt behind the as-of day (the sandbox holds 24).
    public var historyMonths: Int
    /// A refresh with more changed customers than this recomputes the source whole: past a few thousand the
    /// per-customer reads cost more than one pass over everything, and the write lock is held for it.
    public var incrementalLimit: Int

    public init(
        store: BillingStore, settings: MetricsSettings = .standard, historyMonths: Int = 25,
        incrementalLimit: Int = 5_000
    ) {
        self.store = store
        self.settings = settings
        self.historyMonths = historyMonths
        self.incrementalLimit = incrementalLimit
    }

    /// What one refresh did, for logs and the benchmark.
    public struct Report: Sendable, Hashable {
        public var sourceID: Int64
        public var basis: MRRBasis
        public var customersWithMRR: Int
        public var mrrPoints: Int
        public var movements: Int
        public var alerts: Int
        public var durationMs: Int
        /// Customers refreshed one by one (nil: the whole source was recomputed).
        public var changedCustomers: Int?
        /// Why the whole source was recomputed when an incremental refresh was asked for.
        public var recomputeReason: String?
    }

    /// Refreshes every source's aggregates as of `asOf` (normally today in UTC).
    @discardableResult
    public func refreshAggregates(asOf: LocalDate) throws -> [Report] {
        try store.sources().map { try refreshAggregates(sourceID: $0.id, asOf: asOf) }
    }

    /// Brings one source's aggregates up to date as of `asOf`: only the customers whose records changed since
    /// they were computed, with the company figures moved by difference, when that gives the recompute's
    /// figures; otherwise (never computed, the day moved, an upgrade, other settings, too many changes, a
    /// product's usual price moved) the whole source is recomputed.
    @discardableResult
    public func refreshAggregates(sourceID: Int64, asOf: LocalDate) throws -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        let refresh = IncrementalRefresh(
            sourceID: sourceID, asOf: asOf, historyFrom: historyStart(asOf), settings: settings,
            limit: incrementalLimit)
        let outcome: IncrementalRefresh.Outcome
        do {
            outcome = try store.pool.write { db in try refresh.run(db, started: started) }
        } catch let needs as IncrementalRefresh.NeedsRecompute {
            var report = try recomputeAggregates(sourceID: sourceID, asOf: asOf)
            report.recomputeReason = needs.reason
            return report
        }
        let computed = outcome.computed
        return Report(
            sourceID: sourceID, basis: computed?.basis ?? .subscriptions,
            customersWithMRR: computed?.customers.filter { $0.value.mrr > 0 }.count ?? 0,
            mrrPoints: computed?.series.points.values.reduce(0) { $0 + $1.count } ?? 0,
            movements: computed?.movements.count ?? 0, alerts: computed?.alerts.count ?? 0,
            durationMs: Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000),
            changedCustomers: outcome.customers)
    }

    /// Recomputes one source's aggregates as of `asOf` from all its records (`billtop mrr --recompute`).
    @discardableResult
    public func recomputeAggregates(sourceID: Int64, asOf: LocalDate) throws -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        let (computed, shares, freshness) = try compute(sourceID: sourceID, asOf: asOf)
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        try store.pool.write { db in
            try MetricsWriter.replace(
                db, sourceID: sourceID, with: computed, shares: shares, durationMs: elapsed, freshness: freshness)
        }
        let total = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return Report(
            sourceID: sourceID, basis: computed.basis,
            customersWithMRR: computed.customers.filter { $0.value.mrr > 0 }.count,
            mrrPoints: computed.series.points.values.reduce(0) { $0 + $1.count }, movements: computed.movements.count,
            alerts: computed.alerts.count, durationMs: total)
    }

    /// The whole source's figures, from one snapshot of its records.
    func compute(sourceID: Int64, asOf: LocalDate) throws -> (
        MetricsComputation, MetricsShares, MetricsWriter.Freshness
    ) {
        let historyFrom = historyStart(asOf)
        let (input, mark, inputs) = try store.pool.read { db in
            (
                try MetricsInputLoader.read(db, sourceID: sourceID, changedOnly: false),
                try DataGeneration.mark(db, sourceID: sourceID),
                try RefreshInputs.describe(
                    db, sourceID: sourceID, asOf: asOf, historyFrom: historyFrom, settings: settings)
            )
        }
        let computed = MetricsComputation(input: input, asOf: asOf, historyFrom: historyFrom, settings: settings)
        let shares = MetricsShares(input: input, computed: computed, settings: settings)
        return (computed, shares, MetricsWriter.Freshness(mark: mark, inputs: inputs))
    }

    /// The first day of the back-filled history: the start of the month `historyMonths` before `asOf`.
    public func historyStart(_ asOf: LocalDate) -> LocalDate {
        asOf.startOfMonth.adding(months: -historyMonths)
    }
}

extension AggregateRefresher {
    /// Refreshes a source when it has no aggregates yet, they are older than `asOf`, or its records changed
    /// since they were computed (`DataGeneration`) and a stream has finished since: a sync that changed nothing
    /// leaves them, and a sync in progress is recomputed when its streams finish, not after every page (the
    /// dashboard asks after every commit; at 100k a recompute is ~10 s). True when it refreshed.
    @discardableResult
    public func refreshIfStale(sourceID: Int64, asOf: LocalDate) throws -> Bool {
        guard try isStale(sourceID: sourceID, asOf: asOf) else { return false }
        try refreshAggregates(sourceID: sourceID, asOf: asOf)
        return true
    }

    /// Whether `refreshIfStale` would recompute the source now (so a command can say it is computing first).
    public func isStale(sourceID: Int64, asOf: LocalDate) throws -> Bool {
        try store.pool.read { db -> Bool in
            guard let info = try MetricsStore.refreshInfo(db, sourceID: sourceID), info.asOf >= asOf,
                let then = try DataGeneration.refreshed(db, sourceID: sourceID)
            else { return true }
            // Computed by an older billtop (before a migration): recompute once with today's rules and tables.
            let steps = try Int.fetchOne(
                db, sql: "SELECT schema_steps FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
            guard steps == StoreMigrations.all.count else { return true }
            return then.isStale(try DataGeneration.mark(db, sourceID: sourceID))
        }
    }
}

extension AggregateRefresher {
    /// The aggregates of `sourceIDs` as of `asOf`, computed from the store's records into a private in-memory
    /// database with the store's own metrics tables, for a store billtop cannot write (read-only file or
    /// disk): read it through `MetricsStore(store:settings:aggregates:)`. Nothing is written to the store, so
    /// the next command computes again.
    public func computeInMemory(sourceIDs: [Int64], asOf: LocalDate) throws -> DatabaseQueue {
        // The tables as this store defines them (indexes after tables), so every write and read matches.
        let schema = try store.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master WHERE name LIKE 'metrics\\_%' ESCAPE '\\' AND sql IS NOT NULL
                    ORDER BY type = 'index', rowid
                    """)
        }
        let memory = try DatabaseQueue()
        try memory.write { db in
            for statement in schema { try db.execute(sql: statement) }
        }
        for sourceID in sourceIDs {
            let started = DispatchTime.now().uptimeNanoseconds
            let (computed, shares, freshness) = try compute(sourceID: sourceID, asOf: asOf)
            let elapsed = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            try memory.write { db in
                try MetricsWriter.replace(
                    db, sourceID: sourceID, with: computed, shares: shares, durationMs: elapsed, freshness: freshness)
            }
        }
        return memory
    }
}
