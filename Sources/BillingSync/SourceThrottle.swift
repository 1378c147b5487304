/// Per-source request gate: at most `maxInFlight` requests at once, a source-wide pause after a 429,
/// the error budget (a bounded number of failing requests in any window) and the request budget (a
/// pace). When requests queue, the most urgent goes first (lower `priority`), so what support needs
/// (customers, open invoices) arrives before history (paid invoices, events) on a tight budget.
actor SourceThrottle {
    let maxInFlight: Int
    let clock: any SyncClock
    private var inFlight = 0
    /// Requests waiting for a slot, with their priority and arrival order (which also names the waiter).
    private var waiters: [(priority: Int, order: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var arrivals = 0
    private var pacer: RequestPacer
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
    /// Requests waiting for a slot now (tests wait for a request to queue).
    var queued: Int { waiters.count }

    init(
        maxInFlight: Int, clock: any SyncClock, budget: ErrorBudget = ErrorBudget(limit: 20, window: 10),
        pacer: RequestPacer = RequestPacer(requestsPerHour: nil)
    ) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
        self.budget = budget
        self.pacer = pacer
    }

    /// Waits for a slot (the most urgent `priority` first), for any source pause to end, for room in the
    /// error budget and for the request budget's pace. Returns the seconds spent paused by a rate limit.
    /// Throws `SyncError.gaveUp` while the source is closed.
    func acquire(priority: Int = 0) async throws -> Double {
        if inFlight >= maxInFlight {
            arrivals += 1
            let order = arrivals
            // A cancelled request leaves the queue at once, holding no slot. Waiting on for a slot could wait
            // for ever: a read-ahead page holding the only one stays in flight until its stream lets it go,
            // and a stream cancelled while it awaits an earlier page queued here never does (a test whose
            // transport hung one request saw its cancelled run wait for the hour the request slept).
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { waiters.append((priority, order, $0)) }
            } onCancel: {
                Task { await self.leaveQueue(order) }
            }
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
                // The start is reserved now, in the order slots are granted (most urgent first).
                let paced = pacer.reserve(now: now)
                if paced > 0 { try await clock.sleep(seconds: paced) }
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

    /// Takes a cancelled request out of the queue; one already given a slot goes on and frees it itself.
    private func leaveQueue(_ order: Int) {
        guard let index = waiters.firstIndex(where: { $0.order == order }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func freeSlot() {
        guard
            let next = waiters.indices.min(by: {
                (waiters[$0].priority, waiters[$0].order) < (waiters[$1].priority, waiters[$1].order)
            })
        else {
            inFlight -= 1
            return
        }
        waiters.remove(at: next).continuation.resume()
    }

    /// Pauses every request of the source until `clock.now() + seconds`.
    func pause(seconds: Double) {
        pausedUntil = max(pausedUntil, clock.now() + seconds)
    }

    /// Refuses every request of the source for `seconds` with `reason` (a wait too long to make).
    func close(seconds: Double, reason: String) {
        closed = (clock.now() + seconds, reason)
    }

    /// Paces to a limit the server reported (`requests` per `seconds`), when it differs from the current pace.
    func adoptLimit(requests: Int, perSeconds seconds: Double) {
        pacer.retune(requests: requests, perSeconds: seconds)
    }

    /// The seconds between request starts now (0: unpaced).
    var paceInterval: Double { pacer.interval }

    /// Requests waiting for a slot (tests queue waiters in a known order with it).
    var waitingCount: Int { waiters.count }

    /// Failing requests inside the budget's window now (for tests and the log).
    func recentFailures() -> Int { budget.recent(at: clock.now()) }
}
