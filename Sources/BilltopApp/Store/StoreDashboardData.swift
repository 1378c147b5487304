import BillingCore
import BillingStore
import Synchronization

/// The dashboard's data read from the store through BillingStore's read model (`CustomerRows`, `InvoiceList`)
/// and the metrics aggregates (`MetricsStore`) for MRR, overdue and dunning, so no query reads the whole store.
/// This type adapts them to the panes' `DashboardData` and keeps what a window may reuse.
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
    let customerCount = Mutex<(query: CustomerQuery, generation: Int, matches: CustomerMatches)?>(nil)
    /// The customers a CRM filter (`owner:`, `tag:`) admits, kept while the store has not changed.
    let linkedCustomers = Mutex<(filter: CRMContactFilter, generation: Int, ids: [Int64])?>(nil)
    /// The generation at which the customer rows' sort keys were last checked against the aggregates (nil: never).
    let rowsChecked = Mutex<Int?>(nil)
    /// A search matching more customers lists only this many (in order) and shows the count as "N+".
    let searchCap: Int
    let customerRows: CustomerRows
    let invoiceList: InvoiceList
    /// The dunning pane's alerts as last decoded: a load decodes only the alerts whose stored text changed.
    let alertReuse = DunningAlertReuse()

    public convenience init(
        store: BillingStore, settings: MetricsSettings = .standard, searchCap: Int = CustomerRows.cap
    ) {
        self.init(store: store, settings: settings, searchCap: searchCap, referenceSearch: false)
    }

    /// `referenceSearch`: searches take the reference plan only (every FTS match materialised), to compare plans
    /// in tests and benchmarks; `searchLimits` choose among the fast plans (tests, the benchmark's comparison).
    package init(
        store: BillingStore, settings: MetricsSettings = .standard, searchCap: Int = CustomerRows.cap,
        referenceSearch: Bool, searchLimits: CustomerSearchLimits = .standard
    ) {
        self.store = store
        self.settings = settings
        self.searchCap = max(1, searchCap)
        customerRows = CustomerRows(store: store, referenceSearch: referenceSearch, searchLimits: searchLimits)
        invoiceList = InvoiceList(store: store)
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
        return try customerRows.refreshStale()
    }

    /// Records what the fetcher is doing for a source right now (shown until the store says otherwise).
    public func setActivity(_ activity: SyncOverview.Source.Activity?, source: String) {
        liveActivity.withLock { $0[source] = activity }
    }

    public func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow> {
        // A caller that never ran `refresh` (a test, a one-off read) still gets sort keys that follow the
        // aggregates; otherwise `refresh` keeps them, off the UI thread.
        if rowsChecked.withLock({ $0 }) == nil { try refreshCustomerRows() }
        let now = generation.withLock { $0 }
        let (filter, rest) = CRMContactFilter.parse(query.text)
        if let filter {
            // The linked customers are worked out once per filter while the store has not changed: the words
            // typed after it only narrow them.
            let ids =
                try linkedCustomers.withLock { c in
                    c.flatMap { $0.filter == filter && $0.generation == now ? $0.ids : nil }
                }
                ?? customerRows.linkedCustomerRowIDs(filter)
            linkedCustomers.withLock { $0 = (filter, now, ids) }
            var plain = query
            plain.text = rest
            let page = try customerRows.page(plain, within: ids, offset: offset, limit: limit)
            return RowWindow(
                offset: page.offset, rows: page.rows.map(Self.customerRow), total: page.total, isCapped: false)
        }
        // The last text's matches while the store has not changed: the same text's count, or (typing on) the
        // ids the next keystroke narrows.
        let last = customerCount.withLock { c in c.flatMap { $0.generation == now ? $0 : nil } }
        let page = try customerRows.page(
            query, offset: offset, limit: limit, cap: searchCap,
            known: last.flatMap { $0.query.text == query.text ? $0.matches : nil }, previous: last?.matches)
        customerCount.withLock { $0 = (query, now, page.matches) }
        return RowWindow(
            offset: page.offset, rows: page.rows.map(Self.customerRow), total: page.total, isCapped: page.isCapped)
    }

    /// A store row as the pane's row.
    static func customerRow(_ row: CustomerListRow) -> CustomerRow {
        let customer = row.customer
        return CustomerRow(
            key: CustomerKey(source: row.sourceName, id: customer.id), name: customer.displayName,
            email: customer.email, organization: customer.organization, reference: customer.reference,
            mrr: row.mrr, state: row.state, overdue: row.overdue)
    }

    public func sourceHealth(now: Timestamp) throws -> [SourceHealth] {
        try store.sourceHealth(now: now.secondsSinceEpoch)
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
