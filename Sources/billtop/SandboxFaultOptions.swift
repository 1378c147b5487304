import ArgumentParser
import Foundation
import Sandbox

/// The fault-injection flags of `billtop sandbox serve`, turned into a `FaultPlan`.
struct SandboxFaultOptions: ParsableArguments {
    @Option(help: "Seed of the fault draws.") var faultSeed: UInt64 = 1
    @Option(help: "Requests allowed per minute; the rest are answered 429.") var rateLimit: Int?
    @Option(help: "What a 429 says: seconds:N, date:N (HTTP-date N seconds ahead) or none.") var retryAfter =
        "seconds:60"
    @Option(help: "Chargify requests allowed in flight (the real limit is 4); more are answered 429.")
    var concurrencyCap: Int?
    @Option(help: "Fraction of requests answered 5xx (0...1).") var errorRate = 0.0
    @Option(help: "Fraction of bodies cut off mid-JSON (0...1).") var truncateRate = 0.0
    @Option(help: "Fraction of requests answered 200 with an HTML page (0...1).") var htmlRate = 0.0
    @Option(help: "Latency added to every request, in milliseconds.") var latency = 0
    @Option(help: "Send bodies in chunks of this many bytes (slow trickle).") var trickle: Int?
    @Option(help: "Pause between trickled chunks, in milliseconds.") var trickleDelay = 20
    @Option(help: "Truto cursors expire after this many seconds.") var cursorExpiry: Int?
    @Option(help: "Answer these requests (N or N-M, counted from 1) 429 with --retry-after.") var rateLimitRequests:
        String?
    @Option(help: "Trickle only these requests (N or N-M); needs --trickle.") var trickleRequests: String?
    @Option(help: "Refuse the Nth..Mth requests that carry a Truto cursor as expired (N or N-M).")
    var expireCursorRequests: String?
    @Option(help: "Break paging: same-page (every page is page 1) or repeat-cursor (Truto).") var pagingTrap: String?
    @Flag(help: "Ignore updated_at/created_at filters.") var ignoreTimeFilter = false
    @Option(help: "Write Chargify times in this IANA zone's local offset, DST included (e.g. America/New_York).")
    var siteTimeZone: String?
    @Option(help: "Hold each write's response this many milliseconds after the write is done and logged.")
    var holdWriteResponse = 0
    @Option(help: "Hold only these writes (N or N-M, counting POST/PUT/DELETE from 1); needs --hold-write-response.")
    var holdWriteRequests: String?

    func validate() throws {
        for (name, rate) in [("--error-rate", errorRate), ("--truncate-rate", truncateRate), ("--html-rate", htmlRate)]
        {
            guard (0...1).contains(rate) else { throw ValidationError("\(name) must be between 0 and 1") }
        }
        guard retryAfterValue != nil else { throw ValidationError("--retry-after must be seconds:N, date:N or none") }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1") }
        if let concurrencyCap, concurrencyCap < 1 { throw ValidationError("--concurrency-cap must be at least 1") }
        if let trickle, trickle < 1 { throw ValidationError("--trickle must be at least 1 byte") }
        guard latency >= 0, trickleDelay >= 0, holdWriteResponse >= 0 else {
            throw ValidationError("--latency, --trickle-delay and --hold-write-response must be 0 or more")
        }
        for (name, text) in [
            ("--rate-limit-requests", rateLimitRequests), ("--trickle-requests", trickleRequests),
            ("--expire-cursor-requests", expireCursorRequests),
            ("--hold-write-requests", holdWriteRequests),
        ] {
            if let text, Self.range(text) == nil { throw ValidationError("\(name) must be N or N-M with 1 <= N <= M") }
        }
        if let pagingTrap, FaultPlan.PagingTrap(option: pagingTrap) == nil {
            throw ValidationError("--paging-trap must be same-page or repeat-cursor")
        }
        if let siteTimeZone, TimeZone(identifier: siteTimeZone) == nil {
            throw ValidationError("--site-time-zone must be an IANA zone such as America/New_York")
        }
    }

    /// "3" or "3-5" as a range of request numbers.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let low = parts.first ?? nil, let high = parts.last ?? nil, low >= 1,
            low <= high
        else { return nil }
        return low...high
    }

    var retryAfterValue: FaultPlan.RetryAfter? {
        if retryAfter == "none" { return FaultPlan.RetryAfter.absent }
        let parts = retryAfter.split(separator: ":")
        guard parts.count == 2, let value = Int(parts[1]), value >= 0 else { return nil }
        switch parts[0] {
        case "seconds": return .seconds(value)
        case "date": return .httpDate(secondsFromNow: value)
        default: return nil
        }
    }

    var plan: FaultPlan {
        FaultPlan(
            seed: faultSeed, rateLimitPerMinute: rateLimit, retryAfter: retryAfterValue ?? .seconds(60),
            concurrencyCap: concurrencyCap, serverErrorRate: errorRate, truncatedBodyRate: truncateRate,
            htmlBodyRate: htmlRate, latencyMilliseconds: latency, trickleChunkBytes: trickle,
            trickleDelayMilliseconds: trickleDelay, cursorExpirySeconds: cursorExpiry,
            rateLimitedRequests: rateLimitRequests.flatMap(Self.range),
            trickleRequests: trickleRequests.flatMap(Self.range),
            expiredCursorRequests: expireCursorRequests.flatMap(Self.range),
            pagingTrap: pagingTrap.flatMap(FaultPlan.PagingTrap.init(option:)), ignoresTimeFilter: ignoreTimeFilter,
            siteTimeZone: siteTimeZone, holdWriteResponseMilliseconds: holdWriteResponse,
            holdWriteRequests: holdWriteRequests.flatMap(Self.range))
    }
}

extension FaultPlan.PagingTrap {
    /// From the `--paging-trap` spelling.
    init?(option: String) {
        switch option {
        case "same-page": self = .samePageForever
        case "repeat-cursor": self = .repeatCursor
        default: return nil
        }
    }
}
