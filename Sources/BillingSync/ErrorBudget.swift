/// At most `limit` failing requests to one source in any `window` seconds, counting requests still in
/// flight as failures until they answer (so four parallel failures cannot overshoot the limit).
///
/// Pure: the caller passes the time; `SourceThrottle` holds one per source and waits as it says.
public struct ErrorBudget: Sendable, Hashable {
    /// Failing requests allowed in any window.
    public let limit: Int
    /// The window's length in seconds.
    public let window: Double
    /// When recent failures finished, oldest first (only those still inside the window are kept).
    private(set) var failures: [Double] = []

    /// - Parameters:
    ///   - limit: failing requests allowed per window (at least 1).
    ///   - window: seconds (more than 0).
    public init(limit: Int, window: Double) {
        self.limit = max(1, limit)
        self.window = max(0.001, window)
    }

    /// Notes a request that failed (5xx, 429, timeout, bad body) at `now`.
    public mutating func recordFailure(at now: Double) {
        forget(before: now)
        failures.append(now)
    }

    /// Failures inside the window ending at `now`.
    public mutating func recent(at now: Double) -> Int {
        forget(before: now)
        return failures.count
    }

    /// Seconds to wait before one more request may be sent, given `inFlight` requests not yet answered;
    /// 0 when it may go now. When only in-flight requests fill the budget, returns `nil`: wait for one of
    /// them to answer instead.
    public mutating func delay(now: Double, inFlight: Int) -> Double? {
        forget(before: now)
        guard failures.count + inFlight >= limit else { return 0 }
        // Enough failures must leave the window to make room for the in-flight ones and this request.
        let mustExpire = failures.count + inFlight - limit + 1
        guard mustExpire <= failures.count else { return nil }
        return max(0, failures[mustExpire - 1] + window - now)
    }

    private mutating func forget(before now: Double) {
        let cutoff = now - window
        if let keep = failures.firstIndex(where: { $0 > cutoff }) {
            if keep > 0 { failures.removeFirst(keep) }
        } else {
            failures.removeAll()
        }
    }
}
