import GRDB

/// The store's schema history: one ordered, append-only list of every migration, here and nowhere else.
///
/// GRDB records each applied step's name in `grdb_migrations` and runs only the steps a file lacks, in this
/// order, so a store written by any earlier billtop upgrades step by step. The names are what users' stores
/// already hold: never rename, edit, reorder or remove a released step; add a new one at the end (a name that
/// says what it does) and put its body with the tables it changes. A store holding a name this list lacks was
/// written by a newer billtop and is refused (`StoreOpenError.newer`).
public enum StoreMigrations {
    /// A named schema step.
    public struct Step: Sendable {
        public let name: String
        public let apply: @Sendable (Database) throws -> Void
        /// How GRDB checks foreign keys: `.deferred` (the default) runs the step with them off, then checks the
        /// whole file (about 20 s at 1M customers); a step that only updates columns no foreign key names runs
        /// with them on (`.immediate`) and skips that check.
        public let foreignKeyChecks: DatabaseMigrator.ForeignKeyChecks
        public init(
            _ name: String, foreignKeyChecks: DatabaseMigrator.ForeignKeyChecks = .deferred,
            _ apply: @escaping @Sendable (Database) throws -> Void
        ) {
            self.name = name
            self.foreignKeyChecks = foreignKeyChecks
            self.apply = apply
        }
    }

    /// Every migration, oldest first. The first two are the schema of the first release.
    public static let all: [Step] = [
        Step("v1-core", CoreTables.create),
        Step("v1-search", SearchTables.createFullText),
        Step("v1-metrics", MetricsTables.create),
        Step("v2-dashperf-customer-rows", CustomerRowTables.create),
        Step("v2-dashperf-invoice-sums", InvoiceSumTables.createSums),
        Step("v3-truto-sync-log-record-issue", SyncTables.addRecordIssue),
        Step("v3-search-invoice-sorts", SearchTables.createInvoiceSorts),
        Step("v3-write-fts-batch", SearchTables.moveIndexingToPages),
        Step("v4-store-seen-floor", SyncTables.addSeenFloor),
        Step("v4-store-drop-unread-indexes", CoreTables.dropUnreadIndexes),
        Step("v4-deferred-indexes", DeferredIndexes.createTable),
        Step("v4-read-invoice-day-sums", InvoiceSumTables.createDaySums),
        Step("v4-read-owed-issue-date", InvoiceSumTables.addIssueDateToOwedIndex),
        Step("v5-invoice-raw-apart", InvoiceColumns.moveRawApart),
        Step("v5-source-data-generation", DataGeneration.addColumns),
        Step("v5-subscription-content-digest", DataGeneration.addSubscriptionDigest),
        Step("v5-refresh-completion-mark", DataGeneration.addCompletionMark),
        Step("v6-invoice-sums-per-page", InvoiceSumsBatch.guardInsertTriggers),
        Step("v7-subscription-expires-at", SubscriptionExpiry.addColumn),
        Step("v7-subscription-mrr-gaps", MRRGapIndex.create),
        Step("v7-invoice-unreadable-amounts", InvoiceColumns.addUnreadableAmounts),
        Step("v8-customer-timeline-index", CustomerTimelineIndex.create),
        Step("v8-action-journal", ActionJournalTable.create),
        Step("v9-crm", CRMTables.create),
        Step("v9-mrr-observed-history", HistoryTables.create),
        Step("v9-movement-by-customer", MovementByCustomerIndex.create),
        Step("v10-component-allocation", AllocationTables.create),
        Step("v10-metrics-incremental", IncrementalMetricsTables.create),
        Step("v10-allocation-dirty-customers", AllocationDirtyTriggers.create),
        Step("v11-alert-order", AlertOrderTables.create),
        Step("v11-price-counts", PriceCountTables.create),
        Step(PaneReadTables.name, PaneReadTables.create),
        Step(TeamReplicaTables.name, TeamReplicaTables.create),
        Step(SortNameFold.name, foreignKeyChecks: .immediate, SortNameFold.apply),
        Step(CustomerInitialTables.name, CustomerInitialTables.create),
    ]

    /// A GRDB migrator holding `all` (or the first `count` steps, for upgrade tests).
    public static func migrator(upTo count: Int? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in all.prefix(count ?? all.count) {
            migrator.registerMigration(step.name, foreignKeyChecks: step.foreignKeyChecks, migrate: step.apply)
        }
        return migrator
    }
}
