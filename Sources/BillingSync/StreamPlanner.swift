import BillingStore

/// The pure state machine of one stream: where a run starts, how each page moves it, when it ends.
/// No I/O: the syncer feeds it pages and persists what it returns.
enum StreamPlanner {
    /// The next step after a page.
    enum Step: Equatable {
        /// Write the page with this checkpoint and fetch again.
        case next(StreamState)
        /// Write the page with this checkpoint; the listing is complete.
        case finished(StreamState)
    }

    /// Starts a run, or resumes an interrupted one at its checkpoint.
    /// - Parameters:
    ///   - full: a complete listing was asked for (`--full`); a first run is always complete.
    ///   - nextEventID: for the events stream, the first event id not yet stored (nil: none stored).
    /// - Returns: the state to save, and whether it is a fresh run (false: resuming).
    static func begin(
        _ state: StreamState, stream: StreamKind, now: Int64, full: Bool, overlap: Int64, nextEventID: Int64?
    ) -> (state: StreamState, fresh: Bool) {
        var s = state
        let interrupted = (s.phase == .running || s.phase == .failed) && s.runStartedAt != nil
        if interrupted && (!full || s.fullListing) {
            s.phase = .running
            s.lastError = nil
            s.updatedAt = now
            return (s, false)
        }
        s.phase = .running
        s.runStartedAt = now
        s.cursor = nil
        s.page = 1
        s.recordsThisRun = 0
        s.lastError = nil
        s.updatedAt = now
        // A complete listing gets its floor from the store (`beginCompleteListing`); an old one's means nothing.
        s.seenFloor = nil
        if stream == .events {
            // Events are append-only with increasing ids: the "window" is the first id wanted.
            s.fullListing = false
            s.windowStart = nextEventID
        } else {
            s.fullListing = full || s.highWater == nil
            s.windowStart = s.fullListing ? nil : s.highWater.map { $0 - overlap }
        }
        s.windowEnd = nil
        return (s, true)
    }

    /// How far a server's `Date` may stray from our clock and still be believed (a day). Within it, the
    /// server's clock is the better start mark (it stamps `updated_at`); beyond it, the server's clock is
    /// wrong, and one response dated 2100 would otherwise freeze every later window in 2100.
    static let maxServerSkew: Int64 = 86_400

    /// The start mark a fresh run takes from its first page: the server's clock when it is within
    /// `maxServerSkew` of ours (`localNow`, read when the page arrived), else nil (keep our own start, and say so).
    static func trustedServerStart(serverDate: Int64?, localNow: Int64) -> Int64? {
        guard let serverDate, abs(serverDate - localNow) <= maxServerSkew else { return nil }
        return serverDate
    }

    /// A stored high-water mark more than `maxServerSkew` in the future (a lying server clock adopted by an
    /// earlier release, or a clock that jumped back) is clamped to the last time we completed a run on our own
    /// clock, so the next window reads what changed since then instead of asking for records from the future
    /// forever. Returns the state and the mark it replaced (nil: nothing to clamp).
    static func clampFutureHighWater(_ state: StreamState, now: Int64) -> (state: StreamState, replaced: Int64?) {
        guard let highWater = state.highWater, highWater > now + maxServerSkew else { return (state, nil) }
        var s = state
        s.highWater = min(state.lastCompletedAt ?? now, now)
        return (s, highWater)
    }

    /// Moves the state past `page`; throws `SyncError.pagingLoop` when the server repeats itself.
    static func advance(_ state: StreamState, page: FetchedPage, now: Int64, loop: inout LoopGuard) throws -> Step {
        var s = state
        s.recordsThisRun += page.recordCount
        s.updatedAt = now
        try loop.check(page: page, position: FetchPosition(page: s.page, cursor: s.cursor, windowStart: s.windowStart))
        switch page.next {
        case .done:
            return .finished(s)
        case .page(let n):
            s.page = n
        case .cursor(let c):
            s.cursor = c
        case .sinceID(let id):
            s.windowStart = id
            s.page = 1
        }
        if case .cursor = page.next {} else { s.cursor = nil }
        return .next(s)
    }

    /// True when a windowed page holds records updated before the window: the server ignored the filter.
    static func filterIgnored(_ state: StreamState, page: FetchedPage, stream: StreamKind) -> Bool {
        guard stream != .events, let start = state.windowStart else { return false }
        return page.updatedTimes.contains { $0 < start }
    }

    /// The state after a complete run: idle, the run's start becomes the next window's high-water mark.
    static func complete(_ state: StreamState, now: Int64) -> StreamState {
        var s = state
        s.phase = .idle
        if let started = s.runStartedAt { s.highWater = max(s.highWater ?? .min, started) }
        s.lastCompletedAt = now
        if s.fullListing { s.lastFullAt = now }
        s.cursor = nil
        s.page = 0
        s.windowEnd = nil
        s.updatedAt = now
        return s
    }

    /// After an expired or invalid cursor: list the current window again from its start.
    static func restartWindow(_ state: StreamState, now: Int64) -> StreamState {
        var s = state
        s.cursor = nil
        s.page = 1
        s.updatedAt = now
        return s
    }

    /// The state after a stopped run: resumable at the checkpoint, with the error for the status pane.
    static func fail(_ state: StreamState, message: String, now: Int64) -> StreamState {
        var s = state
        s.phase = .failed
        s.lastError = message
        s.updatedAt = now
        return s
    }
}

/// Catches a server that loops: a cursor seen before, or the same non-empty page twice in a row.
struct LoopGuard {
    private var cursors: Set<String> = []
    private var lastFingerprint: Int?

    mutating func check(page: FetchedPage, position: FetchPosition) throws {
        if page.recordCount > 0, page.fingerprint == lastFingerprint {
            throw SyncError.pagingLoop("the server returned the same page twice (page \(position.page))")
        }
        lastFingerprint = page.recordCount > 0 ? page.fingerprint : nil
        switch page.next {
        case .cursor(let cursor):
            if cursor == position.cursor || !cursors.insert(cursor).inserted {
                throw SyncError.pagingLoop("the server repeated a cursor")
            }
        case .sinceID(let id):
            if let start = position.windowStart, id <= start {
                throw SyncError.pagingLoop("the event listing did not advance past id \(start)")
            }
        default: break
        }
    }

    /// Forget what was seen (after a window restart, the same pages legitimately come again).
    mutating func reset() {
        cursors = []
        lastFingerprint = nil
    }
}
