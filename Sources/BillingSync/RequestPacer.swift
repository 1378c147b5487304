/// Spaces a source's requests to a budget (`requests_per_hour`): each request may start no sooner than
/// one interval after the previous one. No burst: a server that counts requests per fixed window (a
/// minute, an hour) then never sees more than its limit in any window, whereas a token bucket's burst
/// would spend the next window's allowance at the end of this one and meet a 429.
///
/// Pure: the throttle reserves a start (`reserve(now:)`) as it grants a slot, in the slots' priority order,
/// then sleeps until it; reserving at the grant, not after the sleep, keeps that order (requests woken
/// together would otherwise start in whatever order the scheduler wakes them).
struct RequestPacer: Sendable, Equatable {
    /// Seconds between request starts (0: unpaced).
    private(set) var interval: Double
    /// When the next request may start.
    private(set) var nextStart: Double = -.infinity

    /// - Parameter requestsPerHour: nil or 0 for no pacing.
    init(requestsPerHour: Int?) {
        // 1% slack: a server's window and ours never start at the same instant, and a request counted at the
        // very end of one window must not make the next one hold a request too many.
        interval = (requestsPerHour ?? 0) > 0 ? 3_600 / Double(requestsPerHour!) * 1.01 : 0
    }

    /// Paces to `requests` in every `seconds` from now on (a limit the server reported), keeping the next start.
    mutating func retune(requests: Int, perSeconds seconds: Double) {
        guard requests > 0, seconds > 0 else { return }
        interval = seconds / Double(requests) * 1.01
    }

    /// Seconds to wait before the next request may start (0: now).
    func delay(now: Double) -> Double {
        interval > 0 ? max(0, nextStart - now) : 0
    }

    /// Records a request starting at `now`.
    mutating func take(now: Double) {
        guard interval > 0 else { return }
        nextStart = max(now, nextStart) + interval
    }

    /// Reserves the next start for a request granted at `now`; returns how long it waits for it.
    mutating func reserve(now: Double) -> Double {
        let wait = delay(now: now)
        take(now: now + wait)
        return wait
    }

}
