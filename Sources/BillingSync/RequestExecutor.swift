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
    let random: LockedRandom
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
            maxInFlight: maxInFlight, clock: clock,
            budget: ErrorBudget(limit: policy.errorBudget, window: policy.errorWindow),
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
        _ path: String, stream: String, log: LogBuffer, forbiddenStopsSource: Bool = true,
        decode: @Sendable (Data) throws -> T
    ) async throws -> T {
        try await getDated(path, stream: stream, log: log, forbiddenStopsSource: forbiddenStopsSource, decode: decode)
            .value
    }

    /// How urgent a request is when the source's requests queue: its stream's priority, or the open
    /// invoices' when a listing is filtered to them.
    static func priority(_ stream: StreamKind, at position: FetchPosition) -> Int {
        position.status == nil ? stream.priority : StreamKind.openInvoicesPriority
    }

    /// As `get`, also returning the server's clock when the request was sent: its `Date` header minus
    /// the request's duration (rounded up), or nil when the response had no valid `Date`.
    /// Each attempt takes a slot (`acquireSlot`), is sent and decoded (`attempt`); a failed one goes to the
    /// retry policy (`settle`), which either waits for the next attempt or throws what ends the request.
    func getDated<T: Sendable>(
        _ path: String, stream: String, priority: Int? = nil, log: LogBuffer, forbiddenStopsSource: Bool = true,
        method: String = "GET", body: Data? = nil, repeatable: Bool = true, decode: @Sendable (Data) throws -> T
    ) async throws -> (value: T, serverDate: Int64?) {
        if let urlRefusal { throw SyncError.configuration(urlRefusal) }
        var attempt = 0
        while true {
            try Task.checkCancellation()
            try await acquireSlot(stream: stream, priority: priority, log: log)
            do {
                return try await self.attempt(
                    path, stream: stream, log: log, method: method, body: body, decode: decode)
            } catch let failed as FailedAttempt where !repeatable && UnansweredWrite.isUncertain(failed.outcome) {
                // Sending again could act twice: hand the doubt to the caller, which looks before resending.
                if failed.holdsSlot { await throttle.release(failed: true) }
                let request = HTTPStatusText.request(method: method, path: path)
                log.append(entry(stream, .error, status: failed.status, message: "\(request): \(failed.message)"))
                throw UnansweredWrite(request: request, status: failed.status, message: failed.message)
            } catch let failed as FailedAttempt {
                try await settle(
                    failed, attempt: attempt, path: path, stream: stream, log: log,
                    forbiddenStopsSource: forbiddenStopsSource)
            }
            attempt += 1
        }
    }

    /// Waits for one of the source's slots (behind any pause), noting a rate-limit wait in the sync log.
    private func acquireSlot(stream: String, priority: Int?, log: LogBuffer) async throws {
        let waited = try await throttle.acquire(priority: priority ?? StreamKind(rawValue: stream)?.priority ?? 0)
        if waited > 0 {
            let message = "waited \(Int(waited.rounded())) s for the source's rate-limit pause"
            log.append(entry(stream, .rateLimitWait, duration: Int(waited * 1000), message: message))
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
            remaining <= 0,
            let reset = headers["ratelimit-reset"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
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
