/// The persisted position of one stream (customers, invoices, ...) of one source.
///
/// It is written in the same transaction as the page it describes, so after a crash the next run
/// resumes exactly after the last committed page.
public struct StreamState: Hashable, Sendable, Codable {
    /// Where the stream stands.
    public enum Phase: String, Sendable, Codable {
        /// Never run, or the last run finished: the next run starts a new window.
        case idle
        /// A run is in progress; `cursor`/`page` say where to continue.
        case running
        /// The last run stopped with `lastError`; the next run resumes at the checkpoint.
        case failed
    }

    public var phase: Phase
    /// When the current (or last) run started; becomes `highWater` when the run completes.
    public var runStartedAt: Int64?
    /// The window being listed, inclusive (`updated_at` seconds); nil start = full listing.
    public var windowStart: Int64?
    public var windowEnd: Int64?
    /// Opaque cursor of the next page (Truto), or nil.
    public var cursor: String?
    /// Next page number (Chargify), from 1; 0 when unused.
    public var page: Int
    /// True while the run is a complete listing (first run or `--full`).
    public var fullListing: Bool
    /// The start time of the last completed run: the next window starts here minus the overlap.
    public var highWater: Int64?
    public var lastCompletedAt: Int64?
    public var lastFullAt: Int64?
    /// Records stored by the current (or last) run.
    public var recordsThisRun: Int
    /// The last error, sanitised, or nil.
    public var lastError: String?
    /// When this state was written.
    public var updatedAt: Int64
    /// During a complete listing: the stream's table's largest row id when the listing began. Rows above it
    /// were inserted by this listing (so they need no `sync_seen` row); nil records every id (the old rule).
    public var seenFloor: Int64?

    public init(
        phase: Phase = .idle, runStartedAt: Int64? = nil, windowStart: Int64? = nil, windowEnd: Int64? = nil,
        cursor: String? = nil, page: Int = 0, fullListing: Bool = false, highWater: Int64? = nil,
        lastCompletedAt: Int64? = nil, lastFullAt: Int64? = nil, recordsThisRun: Int = 0,
        lastError: String? = nil, updatedAt: Int64 = 0, seenFloor: Int64? = nil
    ) {
        self.phase = phase
        self.runStartedAt = runStartedAt
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.cursor = cursor
        self.page = page
        self.fullListing = fullListing
        self.highWater = highWater
        self.lastCompletedAt = lastCompletedAt
        self.lastFullAt = lastFullAt
        self.recordsThisRun = recordsThisRun
        self.lastError = lastError
        self.updatedAt = updatedAt
        self.seenFloor = seenFloor
    }
}

/// One stream's status for the sync pane.
public struct StreamStatus: Hashable, Sendable {
    public var sourceID: Int64
    public var sourceName: String
    public var stream: String
    public var state: StreamState

    public init(sourceID: Int64, sourceName: String, stream: String, state: StreamState) {
        self.sourceID = sourceID
        self.sourceName = sourceName
        self.stream = stream
        self.state = state
    }
}
