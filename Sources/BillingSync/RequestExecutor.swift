import BillingCore
import BillingStore
import Foundation
import Logging

/// Sends a source's requests through its throttle with the retry policy, and decodes the body;
/// a body that does not decode is retried like a 5xx, never taken as an empty page.
final class RequestExecutor: Sendable {
    let source: SourceInfo
    let transport: any Transport
    let throttle: SourceThrottle
    let policy: RetryPolicy
    let clock: any SyncClock
    let headers: [String: String]
    /// Body bytes one response may hold (`max_response_mb`).
    let maxResponseBytes: Int
    /// Why no request may be sent to this source (plain http to a remote host without
    /// `allow_insecure_http`, credentials in the URL); nil when requests may go.
    let urlRefusal: String?
    let redactor: SecretRedactor
    let logger: Logger
    let report: @Sendable (SyncProgress) -> Void
    private let random: LockedRandom
    let counter = RequestCounter()

    init(
        source: SourceInfo, transport: any Transport, maxInFlight: Int, policy: RetryPolicy, clock: any SyncClock,
        headers: [String: String], redactor: SecretRedactor, logger: Logger, seed: UInt64, requestsPerHour: Int? = nil,
        maxResponseBytes: Int = ResponseLimit.defaultBytes, urlRefusal: String? = nil,
        report: @escaping @Sendable (SyncProgress) -> Void
    ) {
        self.source = source
        self.transport = transport
        self.throttle = SourceThrottle(
            maxInFlight: maxInFlight, clock: clock, budget: ErrorBudget(limit: policy.errorBudget, window: policy.errorWindow),
            pacer: RequestPacer(requestsPerHour: requestsPerHour))
        self.policy = policy
        self.clock = clock
        self.headers = headers
        self.maxResponseBytes = maxResponseBytes
        self.urlRefusal = urlRefusal
        self.redactor = redactor
        self.logger = logger
        self.random = LockedRandom(seed: seed)
        self.report = report
    }

    /// GETs `path` (relative to the source's base URL), retrying per the policy, and decodes it.
    /// Log lines for the store's sync log are appended to `log`. With `forbiddenStopsSource` false, a 403 is
    /// this request's refusal (`SyncError.rejected`), not the key's: a key without the permission for one
    /// catalogue listing still reads the rest (a 401 always stops the source).
    func get<T: Sendable>(
        _ path: String, stream: String, log: LogBuffer, forbiddenStopsSource: Bool = true, decode: @Sendable (Data) throws -> T
    ) async throws -> T {
        try await getDated(path, stream: stream, log: log, forbiddenStopsSource: forbiddenStopsSource, decode: decode).value
    }

    /// How urgent a request is when the source's requests queue: its stream's priority, or the open
    /// invoices' when a listing is filtered to them.
    static func priority(_ stream: StreamKind, at position: FetchPosition) -> Int {
        position.status == nil ? stream.priority : StreamKind.openInvoicesPriority
    }

    /// As `get`, also returning the server's clock when the request was sent: its `Date` header minus
    /// the request's duration (rounded up), or nil when the response had no valid `Date`.
    func getDated<T: Sendable>(
        _ path: String, stream: String, priority: Int? = nil, log: LogBuffer, forbiddenStopsSource: Bool = true,
        decode: @Sendable (Data) throws -> T
    ) async throws -> (value: T, serverDate: Int64?) {
        let url = source.baseURL + path
        if let urlRefusal { throw SyncError.configuration(urlRefusal) }
        var attempt = 0
        while true {
            try Task.checkCancellation()
            let waited = try await throttle.acquire(priority: priority ?? StreamKind(rawValue: stream)?.priority ?? 0)
            if waited > 0 {
                log.append(entry(stream, .rateLimitWait, message: "waited \(Int(waited.rounded())) s for the source's rate-limit pause"))
            }
            let started = clock.now()
            let outcome: RetryPolicy.Outcome
            var status: Int?
            var serverNow: Double?
            var serverMessage = ""
            // A failed request keeps its slot until its decision (a source pause, a closed source) is in
            // force, so no other request of the source slips out first.
            var holdsSlot = true
            do {
                let response = try await transport.send(HTTPRequest(url: url, headers: headers, maxResponseBytes: maxResponseBytes))
                if (200..<300).contains(response.status) {
                    // Freed before decoding (the slow part); a body that does not decode counts as a failure below.
                    await throttle.release(failed: false)
                    holdsSlot = false
                    if let reset = Self.exhaustedLimitReset(response.headers, cap: policy.retryAfterCap) {
                        // Truto reports the provider's limit on every response: at zero left, wait for the reset
                        // instead of spending requests on 429s.
                        await throttle.pause(seconds: reset)
                    }
                }
                counter.increment()
                status = response.status
                let elapsed = Int(((clock.now() - started) * 1000).rounded())
                // Debug lines carry the whole URL and the header names: the redactor is what keeps keys out.
                logger.debug(
                    "GET \(redactor.clean(url)) -> \(response.status)",
                    metadata: ["ms": "\(elapsed)", "headers": "\(headers.keys.sorted().joined(separator: ","))"])
                if (200..<300).contains(response.status) {
                    do {
                        let value = try decode(response.body)
                        log.append(entry(stream, .request, status: response.status, duration: elapsed, message: HTTPStatusText.request(path: path)))
                        let serverDate = response.headers["date"].flatMap(HTTPDate.parse).map {
                            $0 - Int64((Double(elapsed) / 1000).rounded(.up))
                        }
                        return (value, serverDate)
                    } catch {
                        await throttle.recordFailure()
                        outcome = .badBody
                        serverMessage = "the body was not the JSON expected (\(response.body.count) bytes)"
                    }
                } else {
                    outcome = .status(response.status, retryAfter: response.headers["retry-after"])
                    serverNow = response.headers["date"].flatMap(HTTPDate.parse).map(Double.init)
                    serverMessage = redactor.clean(ErrorMessage.extract(from: response.body, status: response.status))
                }
            } catch let error as TransportError {
                counter.increment()
                outcome = .transportError
                serverMessage = redactor.clean(error.message)
            } catch let refusal as TransportRefusal {
                counter.increment()
                switch refusal {
                case .redirect: outcome = .redirectRefused
                case .tooLarge: outcome = .tooLarge
                }
                serverMessage = redactor.clean(refusal.description)
            } catch {
                await throttle.release(failed: false)
                throw error
            }
            var attempts = attempt
            if case .status(429, _) = outcome {
                // Rate limits grow per source: the next 429 pauses longer whichever request meets it.
                attempts = max(attempt, await throttle.noteRateLimit())
            }
            let decision = policy.decide(outcome, attempt: attempts, now: clock.now(), serverNow: serverNow, random: random.unit())
            let request = HTTPStatusText.request(path: path)
            let what = status.map { HTTPStatusText.answered(request, status: $0, message: serverMessage) }
                ?? HTTPStatusText.noResponse(request, message: serverMessage)
            let closing = closeReason(decision)
            switch decision {
            case .retry(let seconds, true): await throttle.pause(seconds: seconds)
            case .waitTooLong(let seconds): await throttle.close(seconds: seconds, reason: closing)
            default: break
            }
            if holdsSlot { await throttle.release(failed: true) }
            switch decision {
            case .rejectedKey:
                log.append(entry(stream, .error, status: status, message: what))
                if !forbiddenStopsSource, status == 403 {
                    throw SyncError.rejected(status: 403, message: serverMessage, request: request)
                }
                throw SyncError.keyRejected(
                    source: source.name, request: status.map { HTTPStatusText.answered(request, status: $0, message: "") } ?? request)
            case .originRefused:
                log.append(entry(stream, .error, status: status, message: what))
                throw SyncError.originRefused(serverMessage)
            case .stop:
                log.append(entry(stream, .error, status: status, message: what))
                if case .tooLarge = outcome { throw SyncError.tooLarge(serverMessage) }
                if case .status(let code, _) = outcome, (400..<500).contains(code), code != 408, code != 429 {
                    throw SyncError.rejected(status: code, message: serverMessage, request: request)
                }
                throw SyncError.gaveUp(what)
            case .waitTooLong:
                log.append(entry(stream, .error, status: status, message: what))
                throw SyncError.gaveUp(closing)
            case .retry(let seconds, let pauseSource):
                if pauseSource {
                    report(.rateLimited(source: source.name, seconds: seconds))
                    log.append(entry(stream, .rateLimitWait, status: status, message: "rate limited; source paused \(Int(seconds.rounded())) s"))
                    logger.notice("rate limited; pausing source", metadata: ["source": "\(source.name)", "seconds": "\(seconds)"])
                } else {
                    report(.retrying(source: source.name, reason: Self.retryReason(
                        status: status, message: serverMessage, path: path, attempt: attempt + 1, of: policy.maxAttempts), seconds: seconds))
                    log.append(entry(stream, .retry, status: status, message: what))
                    logger.info("retrying", metadata: ["source": "\(source.name)", "what": "\(what)"])
                    try await clock.sleep(seconds: seconds)
                }
                attempt += 1
            }
        }
    }

    /// Why the source is closed after a `Retry-After` too long to wait, with when to come back ("" otherwise).
    func closeReason(_ decision: RetryPolicy.Decision) -> String {
        guard case .waitTooLong(let seconds) = decision else { return "" }
        let resume = Timestamp(secondsSinceEpoch: Int64((clock.now() + seconds).rounded(.up)))
        return "the server asked billtop to wait \(Int(seconds.rounded())) s (Retry-After), longer than the "
            + "\(Int(policy.retryAfterCap)) s it waits; nothing more is sent to \(source.name) until \(resume.iso8601): run the sync again then"
    }

    /// What a retry reports while it waits, the cause first so that a header cut to the terminal's width
    /// still says why: "connection refused (network error -1004), attempt 3 of 8: GET /customers.json".
    static func retryReason(status: Int?, message: String, path: String, attempt: Int, of attempts: Int) -> String {
        let cause = status.map { message.isEmpty ? "HTTP \($0)" : "HTTP \($0): \(message)" } ?? message
        return "\(cause), attempt \(attempt) of \(attempts): \(HTTPStatusText.request(path: path))"
    }

    /// Seconds until the limit resets when a response says none is left (`ratelimit-remaining: 0`, as Truto
    /// forwards the provider's), at most `cap` (the longest wait billtop makes); nil otherwise.
    static func exhaustedLimitReset(_ headers: [String: String], cap: Double) -> Double? {
        guard let remaining = headers["ratelimit-remaining"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            remaining <= 0, let reset = headers["ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
            reset.isFinite, reset > 0
        else { return nil }
        return min(reset, cap)
    }


    func entry(
        _ stream: String, _ kind: SyncLogEntry.Kind, status: Int? = nil, duration: Int? = nil, message: String
    ) -> SyncLogEntry {
        SyncLogEntry(
            sourceID: source.id, stream: stream, at: Int64(clock.now()), kind: kind, status: status,
            durationMs: duration, message: redactor.clean(message))
    }
}

/// Counts requests sent (for "at most one request per stream" and the crash test's budget).
final class RequestCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// A thread-safe seeded random source for jitter.
final class LockedRandom: @unchecked Sendable {
    // @unchecked: `generator` is only touched under `lock`.
    private let lock = NSLock()
    private var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    func unit() -> Double { lock.withLock { generator.unit() } }
}

/// Sync-log lines gathered while fetching a page, written with the page's transaction.
final class LogBuffer: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [SyncLogEntry] = []
    func append(_ entry: SyncLogEntry) { lock.withLock { entries.append(entry) } }
    func drain() -> [SyncLogEntry] {
        lock.withLock {
            defer { entries = [] }
            return entries
        }
    }
}
