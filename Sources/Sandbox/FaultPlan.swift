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

    /// How a server breaks the paging contract.
    public enum PagingTrap: String, Sendable, Equatable {
        /// Every page of every listing is the first page again (Chargify `page=N`, Truto cursors alike).
        case samePageForever
        /// A Truto listing hands back, as `next_cursor`, the cursor it was just given.
        case repeatCursor
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

    // Scripted faults: request numbers count from 1 for every request since this plan took effect
    // (`SandboxServer.setFaults` or the server's start), so a test knows exactly which requests fail.

    /// These requests are answered 429 with `retryAfter` (a deterministic rate limit, no wall-clock minute).
    public var rateLimitedRequests: ClosedRange<Int>?
    /// These requests are trickled (when `trickleChunkBytes` is set); nil trickles every request.
    public var trickleRequests: ClosedRange<Int>?
    /// The Nth..Mth requests that carry a Truto `next_cursor` are refused as expired (counting only those).
    public var expiredCursorRequests: ClosedRange<Int>?
    /// Only requests to these paths count for `expiredCursorRequests` (empty: every path), so a test can aim
    /// at one listing while others page alongside.
    public var expiredCursorPaths: Set<String>
    /// A server that breaks the paging contract on every listing (see `PagingTrap`).
    public var pagingTrap: PagingTrap?
    /// The server ignores `updated_at`/`created_at` filters (`start_datetime`, `updated_at[gte]`, ...).
    public var ignoresTimeFilter: Bool
    /// Before answering request N, the world lives on by S seconds: records change while a client pages.
    public var advanceWorldBeforeRequests: [Int: Int64]
    /// A Chargify site in this IANA time zone ("America/New_York"): every UTC time in a Chargify or proxy
    /// body is written with the zone's offset at that instant, so offsets change across a DST change.
    public var siteTimeZone: String?
    /// Request paths answered 404 as by a site or Truto integration that lacks them (e.g.
    /// `/subscriptions_components.json`, `/proxy/subscriptions_components`), so a client's fallback runs.
    public var missingEndpoints: Set<String>
    /// Request paths answered 403 as for a key without the permission to read them (e.g. `/components.json`,
    /// `/proxy/coupons`), while every other path answers as usual.
    public var forbiddenEndpoints: Set<String>
    /// A write's response is held this long (milliseconds) after the write is done and logged, so a test can
    /// kill the client between the server's "done" and the client hearing it. 0: no hold.
    public var holdWriteResponseMilliseconds: Int
    /// Only these writes are held (counting write requests, any method but GET, from 1); nil holds every write.
    public var holdWriteRequests: ClosedRange<Int>?
    /// Writes (counted as `holdWriteRequests` are) that are done and then answered 502, as a gateway that
    /// lost the answer does: the client cannot tell that the provider acted.
    public var failWritesAfterActing: ClosedRange<Int>?
    /// `/mrr_movements.json` reports one extra expansion of $12.34 (USD) in the month before the world's
    /// current month, as a provider whose own report is off: a cross-check must show that month's difference.
    public var skewsMRRMovements = false

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
        cursorExpirySeconds: Int? = nil,
        rateLimitedRequests: ClosedRange<Int>? = nil,
        trickleRequests: ClosedRange<Int>? = nil,
        expiredCursorRequests: ClosedRange<Int>? = nil,
        pagingTrap: PagingTrap? = nil,
        ignoresTimeFilter: Bool = false,
        advanceWorldBeforeRequests: [Int: Int64] = [:],
        siteTimeZone: String? = nil,
        missingEndpoints: Set<String> = [],
        forbiddenEndpoints: Set<String> = [],
        expiredCursorPaths: Set<String> = [],
        holdWriteResponseMilliseconds: Int = 0,
        holdWriteRequests: ClosedRange<Int>? = nil,
        failWritesAfterActing: ClosedRange<Int>? = nil
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
        self.rateLimitedRequests = rateLimitedRequests
        self.trickleRequests = trickleRequests
        self.expiredCursorRequests = expiredCursorRequests
        self.pagingTrap = pagingTrap
        self.ignoresTimeFilter = ignoresTimeFilter
        self.advanceWorldBeforeRequests = advanceWorldBeforeRequests
        self.siteTimeZone = siteTimeZone
        self.missingEndpoints = missingEndpoints
        self.forbiddenEndpoints = forbiddenEndpoints
        self.expiredCursorPaths = expiredCursorPaths
        self.holdWriteResponseMilliseconds = holdWriteResponseMilliseconds
        self.holdWriteRequests = holdWriteRequests
        self.failWritesAfterActing = failWritesAfterActing
    }

    /// No faults: every request is answered promptly and correctly.
    public static let none = FaultPlan()

    /// Chargify's documented limit: 4 requests in flight, the rest throttled.
    public static let chargifyConcurrency = FaultPlan(concurrencyCap: 4)

    /// Whether write number `number` (counted from 1 since the plan took effect) has its response held.
    func holdsWrite(_ number: Int) -> Bool {
        holdWriteResponseMilliseconds > 0 && (holdWriteRequests?.contains(number) ?? true)
    }

    /// Whether any fault is switched on.
    public var isActive: Bool { self != FaultPlan(seed: seed) }
}
