import Foundation
import Synchronization

/// GHL's limits as the sandbox enforces them: `max` requests in any `interval` (a sliding window, 100 per
/// 10 s by default) and a daily allowance (200,000), reported on every answer in GHL's `X-RateLimit-*` headers.
/// A request over either limit is answered 429 and counted, so tests can count the 429s a client met.
public final class GHLRateLimiter: Sendable {
    struct State {
        var max = 100
        var intervalMilliseconds = 10_000
        var dailyMax = 200_000
        var dailyUsed = 0
        /// Start times (ms) of the requests admitted in the current window, oldest first.
        var recent: [Int64] = []
        var rejected = 0
        var admitted = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Changes the limits (tests use a short window so that a paced client finishes quickly).
    public func configure(max: Int, intervalMilliseconds: Int, dailyMax: Int = 200_000) {
        state.withLock {
            $0.max = Swift.max(1, max)
            $0.intervalMilliseconds = Swift.max(1, intervalMilliseconds)
            $0.dailyMax = dailyMax
            $0.recent = []
            $0.dailyUsed = 0
        }
    }

    /// The 429s answered so far.
    public var rejectedCount: Int { state.withLock { $0.rejected } }
    /// The requests let through so far.
    public var admittedCount: Int { state.withLock { $0.admitted } }

    /// Counts a request now; returns whether it may go on and the headers to send either way.
    func admit(nowMilliseconds: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) -> (
        allowed: Bool, headers: [(String, String)]
    ) {
        state.withLock { s in
            s.recent.removeAll { $0 <= nowMilliseconds - Int64(s.intervalMilliseconds) }
            let allowed = s.recent.count < s.max && s.dailyUsed < s.dailyMax
            if allowed {
                s.recent.append(nowMilliseconds)
                s.dailyUsed += 1
                s.admitted += 1
            } else {
                s.rejected += 1
            }
            let headers = [
                ("X-RateLimit-Limit-Daily", String(s.dailyMax)),
                ("X-RateLimit-Daily-Remaining", String(Swift.max(0, s.dailyMax - s.dailyUsed))),
                ("X-RateLimit-Interval-Milliseconds", String(s.intervalMilliseconds)),
                ("X-RateLimit-Max", String(s.max)),
                ("X-RateLimit-Remaining", String(Swift.max(0, s.max - s.recent.count))),
            ]
            return (allowed, headers)
        }
    }
}
