import ArgumentParser
import Sandbox

/// The fault-injection flags of `billtop sandbox serve`, turned into a `FaultPlan`.
struct SandboxFaultOptions: ParsableArguments {
    @Option(help: "Seed of the fault draws.") var faultSeed: UInt64 = 1
    @Option(help: "Requests allowed per minute; the rest are answered 429.") var rateLimit: Int?
    @Option(help: "What a 429 says: seconds:N, date:N (HTTP-date N seconds ahead) or none.") var retryAfter = "seconds:60"
    @Option(help: "Chargify requests allowed in flight (the real limit is 4); more are answered 429.") var concurrencyCap: Int?
    @Option(help: "Fraction of requests answered 5xx (0...1).") var errorRate = 0.0
    @Option(help: "Fraction of bodies cut off mid-JSON (0...1).") var truncateRate = 0.0
    @Option(help: "Fraction of requests answered 200 with an HTML page (0...1).") var htmlRate = 0.0
    @Option(help: "Latency added to every request, in milliseconds.") var latency = 0
    @Option(help: "Send bodies in chunks of this many bytes (slow trickle).") var trickle: Int?
    @Option(help: "Pause between trickled chunks, in milliseconds.") var trickleDelay = 20
    @Option(help: "Truto cursors expire after this many seconds.") var cursorExpiry: Int?

    func validate() throws {
        for (name, rate) in [("--error-rate", errorRate), ("--truncate-rate", truncateRate), ("--html-rate", htmlRate)] {
            guard (0...1).contains(rate) else { throw ValidationError("\(name) must be between 0 and 1") }
        }
        guard retryAfterValue != nil else { throw ValidationError("--retry-after must be seconds:N, date:N or none") }
        if let rateLimit, rateLimit < 1 { throw ValidationError("--rate-limit must be at least 1") }
        if let concurrencyCap, concurrencyCap < 1 { throw ValidationError("--concurrency-cap must be at least 1") }
        if let trickle, trickle < 1 { throw ValidationError("--trickle must be at least 1 byte") }
        guard latency >= 0, trickleDelay >= 0 else { throw ValidationError("--latency and --trickle-delay must be 0 or more") }
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
        FaultPlan(seed: faultSeed, rateLimitPerMinute: rateLimit, retryAfter: retryAfterValue ?? .seconds(60),
                  concurrencyCap: concurrencyCap, serverErrorRate: errorRate, truncatedBodyRate: truncateRate,
                  htmlBodyRate: htmlRate, latencyMilliseconds: latency, trickleChunkBytes: trickle,
                  trickleDelayMilliseconds: trickleDelay, cursorExpirySeconds: cursorExpiry)
    }
}
