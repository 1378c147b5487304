/// Per-source request gate: at most `maxInFlight` requests at once, and a source-wide pause after a 429.
actor SourceThrottle {
    let maxInFlight: Int
    let clock: any SyncClock
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var pausedUntil: Double = 0
    /// The most requests ever in flight together (tests assert the cap).
    private(set) var peakInFlight = 0

    init(maxInFlight: Int, clock: any SyncClock) {
        self.maxInFlight = max(1, maxInFlight)
        self.clock = clock
    }

    /// Waits for a slot and for any source pause to end. Returns the seconds spent paused.
    func acquire() async throws -> Double {
        if inFlight >= maxInFlight {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            inFlight += 1
        }
        peakInFlight = max(peakInFlight, inFlight)
        var waited = 0.0
        while true {
            let remaining = pausedUntil - clock.now()
            if remaining <= 0 { break }
            waited += remaining
            do { try await clock.sleep(seconds: remaining) } catch {
                release()
                throw error
            }
        }
        return waited
    }

    /// Gives the slot to the next waiter, or frees it.
    func release() {
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
}
