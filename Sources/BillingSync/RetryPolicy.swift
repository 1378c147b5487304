import BillingCore
import Foundation

/// Decides, for one failed attempt, whether to retry, after how long, and whether the whole source pauses.
///
/// Pure: the caller passes the attempt number, the current time and a uniform random number, so tests
/// drive it with a manual clock and fixed "random" values.
public struct RetryPolicy: Sendable, Hashable {
    /// What came back from one attempt.
    public enum Outcome: Sendable, Hashable {
        /// An HTTP status that was not a success, with its `Retry-After` header if any.
        case status(Int, retryAfter: String?)
        /// No complete response (refused, reset, timeout).
        case transportError
        /// A 2xx whose body was truncated, HTML or otherwise not the JSON expected: never an empty page.
        case badBody
        /// The transport refused a redirect to another origin (`TransportRefusal.redirect`).
        case redirectRefused
        /// The body went over the request's cap (`TransportRefusal.tooLarge`).
        case tooLarge
    }

    /// What to do next.
    public enum Decision: Sendable, Hashable {
        /// Wait `seconds`, then try again; `pauseSource` makes every request of the source wait too (429).
        case retry(seconds: Double, pauseSource: Bool)
        /// The key was rejected (401/403): stop the source at once.
        case rejectedKey
        /// Stop this stream (a 4xx other than 408/429, or attempts exhausted).
        case stop
        /// The server asked for a wait (`Retry-After`) longer than `retryAfterCap`: stop the stream and send
        /// nothing more to the source for `seconds`, instead of retrying early against its wish.
        case waitTooLong(seconds: Double)
        /// The server redirected away from the key's origin: stop the source at once; never retried, since
        /// every retry would be redirected again and the fix is the configured URL.
        case originRefused
    }

    /// Attempts per request before giving up (the first try included).
    public var maxAttempts: Int
    /// Backoff base: attempt n waits a uniform random time in 0 ..< min(cap, base * 2^n) ("full jitter").
    public var baseDelay: Double
    public var maxBackoff: Double
    /// Longest wait a `Retry-After` may impose; a longer one stops the stream (`waitTooLong`).
    public var retryAfterCap: Double
    /// Pause after a 429 without `Retry-After` (doubled per repeat, capped at `retryAfterCap`).
    public var rateLimitPause: Double
    /// Failing requests allowed to one source in any `errorWindow` seconds; more wait (see `ErrorBudget`).
    public var errorBudget: Int
    /// The error budget's window in seconds.
    public var errorWindow: Double

    public init(
        maxAttempts: Int = 8, baseDelay: Double = 0.5, maxBackoff: Double = 30, retryAfterCap: Double = 300,
        rateLimitPause: Double = 30, errorBudget: Int = 20, errorWindow: Double = 10
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.retryAfterCap = retryAfterCap
        self.rateLimitPause = rateLimitPause
        self.errorBudget = errorBudget
        self.errorWindow = errorWindow
    }

    /// The decision after attempt number `attempt` (0 for the first try) failed with `outcome`.
    /// - Parameters:
    ///   - now: our clock, seconds since 1970.
    ///   - serverNow: the response's `Date` (seconds since 1970), when it had a valid one. An HTTP-date
    ///     `Retry-After` is a time on the server's clock, so the delay is measured from the server's `Date`;
    ///     our clock is the fallback, and a skew between the two clocks then shows up as a wrong wait.
    ///   - random: a uniform value in 0..<1 for the jitter.
    public func decide(_ outcome: Outcome, attempt: Int, now: Double, serverNow: Double? = nil, random: Double)
        -> Decision
    {
        let now = serverNow ?? now
        switch outcome {
        case .status(let code, let retryAfter):
            if code == 401 || code == 403 { return .rejectedKey }
            if code == 429 {
                guard attempt + 1 < maxAttempts * 2 else { return .stop }  // rate limits get more patience
                if let retryAfter, let seconds = Self.retryAfterSeconds(retryAfter, now: now) {
                    if seconds > retryAfterCap { return .waitTooLong(seconds: seconds) }
                    return .retry(seconds: max(seconds, 0), pauseSource: true)
                }
                let grown = rateLimitPause * Double(1 << min(attempt, 10))
                // Half fixed, half jittered: long enough to let the limit recover, spread to avoid a herd.
                let pause = min(grown, retryAfterCap) * (0.5 + 0.5 * random)
                return .retry(seconds: pause, pauseSource: true)
            }
            let retryable = code == 408 || (500...599).contains(code)
            guard retryable, attempt + 1 < maxAttempts else { return .stop }
            if let retryAfter, let seconds = Self.retryAfterSeconds(retryAfter, now: now) {
                if seconds > retryAfterCap { return .waitTooLong(seconds: seconds) }
                return .retry(seconds: max(seconds, 0), pauseSource: false)
            }
            return .retry(seconds: backoff(attempt: attempt, random: random), pauseSource: false)
        case .redirectRefused:
            return .originRefused
        case .tooLarge:
            // The server's fault, and a retry would read the same body again: stop the stream.
            return .stop
        case .transportError, .badBody:
            guard attempt + 1 < maxAttempts else { return .stop }
            return .retry(seconds: backoff(attempt: attempt, random: random), pauseSource: false)
        }
    }

    /// Full-jitter exponential backoff for attempt `attempt`.
    public func backoff(attempt: Int, random: Double) -> Double {
        let ceiling = min(maxBackoff, baseDelay * Double(1 << min(attempt, 20)))
        return ceiling * random
    }

    /// `Retry-After` as seconds from `now`: delta seconds or an HTTP-date; nil when unreadable.
    public static func retryAfterSeconds(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(seconds) }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return Double(date) - now
    }
}
