import BillingCore
import BillingStore
import Synchronization

/// The dashboard's data over the real store: queries answer from the latest snapshot; `refresh` rebuilds
/// it (call it off the UI thread after the store changes) and swaps it in atomically.
public final class LiveDashboardData: DashboardData {
    private let store: BillingStore
    private let settings: MetricsSettings
    private let current: Mutex<InMemoryDashboardData>
    /// Live sync progress from the runner, laid over the store's view of the streams.
    private let liveActivity = Mutex<[String: SyncOverview.Source.Activity]>([:])

    /// Opens on an empty snapshot; the first `refresh` fills it.
    public init(store: BillingStore, settings: MetricsSettings = .standard, asOf: LocalDate) {
        self.store = store
        self.settings = settings
        let sync = (try? StoreSnapshotBuilder.syncOverview(store: store)) ?? SyncOverview()
        current = Mutex(InMemoryDashboardData(accounts: [], invoices: [:], mrr: MRROverview(asOf: asOf, currencies: []), sync: sync, asOf: asOf))
    }

    /// Rebuilds the snapshot from the store (a full read; seconds on a very large store).
    public func refresh(asOf: LocalDate) throws {
        let snapshot = try StoreSnapshotBuilder.build(store: store, asOf: asOf, settings: settings)
        current.withLock { $0 = snapshot }
    }

    /// Records what the fetcher is doing for a source right now (shown until the store says otherwise).
    public func setActivity(_ activity: SyncOverview.Source.Activity?, source: String) {
        liveActivity.withLock { $0[source] = activity }
    }

    private var snapshot: InMemoryDashboardData { current.withLock { $0 } }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        try snapshot.customers(query, offset: offset, limit: limit)
    }

    public func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage {
        try snapshot.invoices(query, offset: offset, limit: limit)
    }

    public func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview { try snapshot.dunning(asOf: asOf, limit: limit) }

    public func mrr(asOf: LocalDate) throws -> MRROverview { try snapshot.mrr(asOf: asOf) }

    public func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile? { try snapshot.customer(key, asOf: asOf) }

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
