/// Per-source request gate: at most `maxInFlight` requests at once, a source-wide pause after a 429,
/// and the error budget (a bounded number of failing requests in any window).
actor SourceThrottle {
    let maxInFlight: Int
    let clock: any SyncClock
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil: Double = 0
    /// Set when the server asked for a wait longer than billtop will make: every request fails at once.
    private var closed: (until: Double, reason: String)?
    private var budget: ErrorBudget
    /// 429s in a row since the last success.
    private var rateLimitStreak = 0
    /// Requests past the gate and not yet answered (they count against the budget until they answer).
    private var sending = 0
    /// The most requests ever in flight together (tests assert the cap).
    private(set) var peakInFlight = 0

    init(maxInFlight: Int, clock: any SyncClock, budget: ErrorBudget = ErrorBudget(limit: 20, window: 10)) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
        self.budget = budget
    }

    /// Waits for a slot, for any source pause to end and for room in the error budget. Returns the
    /// seconds spent paused by a rate limit. Throws `SyncError.gaveUp` while the source is closed.
    func acquire() async throws -> Double {
        if inFlight >= maxInFlight {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            inFlight += 1
        }
        peakInFlight = max(peakInFlight, inFlight)
        var waited = 0.0
        do {
            while true {
                let now = clock.now()
                if let closed, closed.until > now {
                    throw SyncError.gaveUp(closed.reason)
                }
                let remaining = pausedUntil - now
                if remaining > 0 {
                    waited += remaining
                    try await clock.sleep(seconds: remaining)
                    continue
                }
                guard let delay = budget.delay(now: now, inFlight: sending) else {
                    // Only unanswered requests fill the budget: wait for one of them.
                    try await clock.sleep(seconds: 0.05)
                    await Task.yield()
                    continue
                }
                if delay > 0 {
                    try await clock.sleep(seconds: delay)
                    continue
                }
                break
            }
        } catch {
            freeSlot()
            throw error
        }
        sending += 1
        return waited
    }

    /// Ends a request that passed `acquire`: counts a failure against the budget, frees the slot.
    func release(failed: Bool) {
        sending -= 1
        if failed { budget.recordFailure(at: clock.now()) } else { rateLimitStreak = 0 }
        freeSlot()
    }

    /// Notes a 429; returns how many came before it in a row (0 for the first).
    func noteRateLimit() -> Int {
        defer { rateLimitStreak += 1 }
        return rateLimitStreak
    }

    /// Counts a failure found after the slot was freed (a 2xx body that did not decode).
    func recordFailure() { budget.recordFailure(at: clock.now()) }

    private func freeSlot() {
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    /// Pauses every request of the source until `clock.now() + seconds`.
    func pause(seconds: Double) {
        pausedUntil = max(pausedUntil, clock.now() + seconds)
    }

    /// Refuses every request of the source for `seconds` with `reason` (a wait too long to make).
    func close(seconds: Double, reason: String) {
        closed = (clock.now() + seconds, reason)
    }

    /// Failing requests inside the budget's window now (for tests and the log).
    func recentFailures() -> Int { budget.recent(at: clock.now()) }
}
