import BillingCore
import BillingStore
import Foundation
import Logging

/// What a failed attempt leads to: the retry policy's decision, put in force on the source's throttle,
/// then either a wait before the next attempt or the error that ends the request.
extension RequestExecutor {
    /// Decides on `failed`, pauses or closes the source as decided, frees the slot it held, and then
    /// throws what ends the request or waits (returning for the next attempt).
    func settle(
        _ failed: FailedAttempt, attempt: Int, path: String, stream: String, log: LogBuffer, forbiddenStopsSource: Bool
    ) async throws {
        let decision = await decide(failed, attempt: attempt)
        let request = HTTPStatusText.request(path: path)
        let what =
            failed.status.map { HTTPStatusText.answered(request, status: $0, message: failed.message) }
            ?? HTTPStatusText.noResponse(request, message: failed.message)
        let closing = closeReason(decision)
        switch decision {
        case .retry(let seconds, true): await throttle.pause(seconds: seconds)
        case .waitTooLong(let seconds): await throttle.close(seconds: seconds, reason: closing)
        default: break
        }
        if failed.holdsSlot { await throttle.release(failed: true) }
        guard case .retry(let seconds, let pauseSource) = decision else {
            log.append(entry(stream, .error, status: failed.status, message: what))
            throw ending(
                decision, failed, request: request, what: what, closing: closing,
                forbiddenStopsSource: forbiddenStopsSource)
        }
        if pauseSource {
            report(.rateLimited(source: source.name, seconds: seconds))
            let message = "rate limited; source paused \(Int(seconds.rounded())) s"
            log.append(entry(stream, .rateLimitWait, status: failed.status, message: message))
            logger.notice(
                "rate limited; pausing source", metadata: ["source": "\(source.name)", "seconds": "\(seconds)"])
        } else {
            let reason = Self.retryReason(
                status: failed.status, message: failed.message, path: path, attempt: attempt + 1,
                of: policy.maxAttempts)
            report(.retrying(source: source.name, reason: reason, seconds: seconds))
            log.append(entry(stream, .retry, status: failed.status, message: what))
            logger.info("retrying", metadata: ["source": "\(source.name)", "what": "\(what)"])
            try await clock.sleep(seconds: seconds)
        }
    }

    /// The retry policy's decision; rate limits grow per source, so the next 429 pauses longer whichever
    /// request meets it.
    private func decide(_ failed: FailedAttempt, attempt: Int) async -> RetryPolicy.Decision {
        var attempts = attempt
        if case .status(429, _) = failed.outcome {
            attempts = max(attempt, await throttle.noteRateLimit())
        }
        return policy.decide(
            failed.outcome, attempt: attempts, now: clock.now(), serverNow: failed.serverNow, random: random.unit())
    }

    /// The error that ends a request the policy will not retry. With `forbiddenStopsSource` false, a 403 is
    /// this request's refusal, not the key's.
    private func ending(
        _ decision: RetryPolicy.Decision, _ failed: FailedAttempt, request: String, what: String, closing: String,
        forbiddenStopsSource: Bool
    ) -> SyncError {
        switch decision {
        case .rejectedKey:
            if !forbiddenStopsSource, failed.status == 403 {
                return .rejected(status: 403, message: failed.message, request: request)
            }
            let named = failed.status.map { HTTPStatusText.answered(request, status: $0, message: "") } ?? request
            return .keyRejected(source: source.name, request: named)
        case .originRefused:
            return .originRefused(failed.message)
        case .waitTooLong:
            return .gaveUp(closing)
        case .stop, .retry:
            if case .tooLarge = failed.outcome { return .tooLarge(failed.message) }
            if case .status(let code, _) = failed.outcome, (400..<500).contains(code), code != 408, code != 429 {
                return .rejected(status: code, message: failed.message, request: request)
            }
            return .gaveUp(what)
        }
    }
}
