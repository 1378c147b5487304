import Foundation

/// GHL's limits as its `X-RateLimit-*` headers state them on every answer: `max` requests per
/// `interval-milliseconds` (100 per 10 s) and a daily allowance. billtop paces to 90% of the window's limit,
/// so the other clients of the same app and location keep some room and a 429 stays rare; with none left in
/// the window it waits the window out, and with the day spent it stops the source until the next run.
struct GHLRateHeaders: Sendable, Equatable {
    var max: Int
    var intervalSeconds: Double
    var remaining: Int?
    var dailyRemaining: Int?

    /// The share of the window's limit billtop uses.
    static let share = 0.9

    /// nil when the answer carries no GHL limit.
    init?(_ headers: [String: String]) {
        func number(_ name: String) -> Int? { headers[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        guard let max = number("x-ratelimit-max"), max > 0,
            let interval = number("x-ratelimit-interval-milliseconds"), interval > 0
        else { return nil }
        self.max = max
        self.intervalSeconds = Double(interval) / 1000
        self.remaining = number("x-ratelimit-remaining")
        self.dailyRemaining = number("x-ratelimit-daily-remaining")
    }

    /// Requests per window billtop allows itself: 90% of the limit, at least one.
    var pacedRequests: Int { Swift.max(1, Int((Double(max) * Self.share).rounded(.down))) }

    /// Puts the limit in force on the source's throttle.
    func apply(to throttle: SourceThrottle, cap: Double) async {
        await throttle.adoptLimit(requests: pacedRequests, perSeconds: intervalSeconds)
        if let dailyRemaining, dailyRemaining <= 0 {
            await throttle.close(
                seconds: cap,
                reason: "GHL's daily request allowance for this location is spent; run again tomorrow")
        } else if let remaining, remaining <= 0 {
            await throttle.pause(seconds: intervalSeconds)
        }
    }
}
