import BillingCore

/// Everything one fetched page changes, committed atomically with the stream's new checkpoint.
public struct PageWrite: Sendable {
    public var sourceID: Int64
    /// The stream whose checkpoint this page advances (and whose ids a full listing records as seen).
    public var stream: String
    public var customers: [Incoming<Customer>]
    public var subscriptions: [Incoming<Subscription>]
    public var invoices: [Incoming<Invoice>]
    public var events: [Incoming<BillingEvent>]
    /// The allocation histories read for the page's subscriptions (kept once, never rewritten).
    public var allocations: [ComponentAllocation]
    /// Records deleted upstream (from deletion events): tombstoned, never removed.
    public var tombstones: [Tombstone]
    /// The stream's state after this page; nil leaves it unchanged.
    public var checkpoint: StreamState?
    /// Remember the page's ids as seen by the current full listing (for `--full` reconciliation).
    public var recordSeen: Bool
    /// The complete listing's `StreamState.seenFloor`: rows of the stream's table above it were inserted by
    /// this listing and get no `sync_seen` row (nil: every id gets one).
    public var seenFloor: Int64?
    public var log: [SyncLogEntry]
    /// Whether a replaced subscription's version is kept in `subscription_observation` (always, but for
    /// `billtop-bench history`, which measures what the lookup costs).
    package var keepsReplacedVersions = true

    public init(
        sourceID: Int64, stream: String, customers: [Incoming<Customer>] = [],
        subscriptions: [Incoming<Subscription>] = [], invoices: [Incoming<Invoice>] = [],
        events: [Incoming<BillingEvent>] = [], allocations: [ComponentAllocation] = [], tombstones: [Tombstone] = [],
        checkpoint: StreamState? = nil,
        recordSeen: Bool = false, seenFloor: Int64? = nil, log: [SyncLogEntry] = []
    ) {
        self.sourceID = sourceID
        self.stream = stream
        self.customers = customers
        self.subscriptions = subscriptions
        self.invoices = invoices
        self.events = events
        self.allocations = allocations
        self.tombstones = tombstones
        self.checkpoint = checkpoint
        self.recordSeen = recordSeen
        self.seenFloor = seenFloor
        self.log = log
    }

    /// Number of records in the page.
    public var recordCount: Int { customers.count + subscriptions.count + invoices.count + events.count }
}

/// A record to mark deleted: which table, which remote id.
public struct Tombstone: Hashable, Sendable {
    public enum Table: String, Sendable { case customer, subscription, invoice }
    public var table: Table
    public var remoteID: String
    public var at: Int64

    public init(table: Table, remoteID: String, at: Int64) {
        self.table = table
        self.remoteID = remoteID
        self.at = at
    }
}
