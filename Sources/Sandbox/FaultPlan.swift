/// The faults a sandbox server injects; every random decision is drawn from `seed` and the request's
/// sequence number, so the same plan and the same requests fail the same way on every run.
public struct FaultPlan: Sendable, Equatable {
    /// How a 429 says when to come back.
    public enum RetryAfter: Sendable, Equatable {
        /// `Retry-After: N` (delta seconds).
        case seconds(Int)
        /// `Retry-After: <HTTP-date>` N seconds from now.
        case httpDate(secondsFromNow: Int)
        /// No `Retry-After` header at all (Chargify does not document one).
        case absent
    }

    /// Seed of the per-request draws.
    public var seed: UInt64
    /// Requests allowed per minute (per server, all APIs); the rest of the minute is answered 429.
    public var rateLimitPerMinute: Int?
    /// What the rate-limit 429 carries.
    public var retryAfter: RetryAfter
    /// Chargify requests allowed in flight at once (the real limit is 4); beyond it 429.
    public var concurrencyCap: Int?
    /// Fraction (0...1) of requests answered with a 5xx (500, 502, 503 or 504).
    public var serverErrorRate: Double
    /// Fraction of successful JSON bodies cut off in the middle.
    public var truncatedBodyRate: Double
    /// Fraction of requests answered 200 with an HTML page (a proxy's or a maintenance page).
    public var htmlBodyRate: Double
    /// Extra latency added to every request, in milliseconds.
    public var latencyMilliseconds: Int
    /// When set, bodies are sent in chunks of this many bytes with `trickleDelayMilliseconds` between.
    public var trickleChunkBytes: Int?
    /// Pause between trickled chunks.
    public var trickleDelayMilliseconds: Int
    /// Truto cursors are refused (400, "cursor expired") once this many seconds old; 0 expires every cursor.
    public var cursorExpirySeconds: Int?

    public init(
        seed: UInt64 = 1,
        rateLimitPerMinute: Int? = nil,
        retryAfter: RetryAfter = .seconds(60),
        concurrencyCap: Int? = nil,
        serverErrorRate: Double = 0,
        truncatedBodyRate: Double = 0,
        htmlBodyRate: Double = 0,
        latencyMilliseconds: Int = 0,
        trickleChunkBytes: Int? = nil,
        trickleDelayMilliseconds: Int = 20,
        cursorExpirySeconds: Int? = nil
    ) {
        self.seed = seed
        self.rateLimitPerMinute = rateLimitPerMinute
        self.retryAfter = retryAfter
        self.concurrencyCap = concurrencyCap
        self.serverErrorRate = serverErrorRate
        self.truncatedBodyRate = truncatedBodyRate
        self.htmlBodyRate = htmlBodyRate
        self.latencyMilliseconds = latencyMilliseconds
        self.trickleChunkBytes = trickleChunkBytes
        self.trickleDelayMilliseconds = trickleDelayMilliseconds
        self.cursorExpirySeconds = cursorExpirySeconds
    }

    /// No faults: every request is answered promptly and correctly.
    public static let none = FaultPlan()

    /// Chargify's documented limit: 4 requests in flight, the rest throttled.
    public static let chargifyConcurrency = FaultPlan(concurrencyCap: 4)

    /// Whether any fault is switched on.
    public var isActive: Bool { self != FaultPlan(seed: seed) }
}
