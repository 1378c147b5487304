import BillingCore
import BillingStore
import Foundation
import Logging

/// One attempt of a request: send it on the slot already taken, free the slot, decode the body.
extension RequestExecutor {
    /// Sends `path` once and decodes its 2xx body; anything else is thrown as a `FailedAttempt` for the
    /// retry policy (other errors, such as cancellation, free the slot and go up as they are).
    func attempt<T: Sendable>(
        _ path: String, stream: String, log: LogBuffer, method: String = "GET", body: Data? = nil,
        decode: @Sendable (Data) throws -> T
    ) async throws -> (value: T, serverDate: Int64?) {
        let url = source.baseURL + path
        let started = clock.now()
        let response = try await send(url, method: method, body: body)
        let succeeded = (200..<300).contains(response.status)
        if succeeded { await releaseBeforeDecoding(response.headers) }
        counter.increment()
        let elapsed = Int(((clock.now() - started) * 1000).rounded())
        // Debug lines carry the whole URL and the header names: the redactor is what keeps keys out.
        logger.debug(
            "\(method) \(redactor.clean(url)) -> \(response.status)",
            metadata: ["ms": "\(elapsed)", "headers": "\(headers.keys.sorted().joined(separator: ","))"])
        guard succeeded else {
            throw FailedAttempt(
                outcome: .status(response.status, retryAfter: response.headers["retry-after"]), status: response.status,
                serverNow: response.headers["date"].flatMap(HTTPDate.parse).map(Double.init),
                message: redactor.clean(ErrorMessage.extract(from: response.body, status: response.status)),
                holdsSlot: true)
        }
        let value: T
        do {
            value = try decode(response.body)
        } catch {
            await throttle.recordFailure()
            throw FailedAttempt(
                outcome: .badBody, status: response.status,
                message: "the body was not the JSON expected (\(response.body.count) bytes)", holdsSlot: false)
        }
        let line = HTTPStatusText.request(path: path)
        log.append(entry(stream, .request, status: response.status, duration: elapsed, message: line))
        let serverDate = response.headers["date"].flatMap(HTTPDate.parse).map {
            $0 - Int64((Double(elapsed) / 1000).rounded(.up))
        }
        return (value, serverDate)
    }

    /// The transport's answer; no answer at all (a network error, a refused redirect or body) is a
    /// `FailedAttempt` that still holds its slot.
    private func send(_ url: String, method: String, body: Data?) async throws -> HTTPResponse {
        do {
            return try await transport.send(
                HTTPRequest(method: method, url: url, headers: headers, maxResponseBytes: maxResponseBytes, body: body))
        } catch let error as TransportError {
            counter.increment()
            throw FailedAttempt(outcome: .transportError, message: redactor.clean(error.message), holdsSlot: true)
        } catch let refusal as TransportRefusal {
            counter.increment()
            let outcome: RetryPolicy.Outcome =
                switch refusal {
                case .redirect: .redirectRefused
                case .tooLarge: .tooLarge
                }
            throw FailedAttempt(outcome: outcome, message: redactor.clean(refusal.description), holdsSlot: true)
        } catch {
            await throttle.release(failed: false)
            throw error
        }
    }

    /// Frees the slot of a 2xx before decoding (the slow part); a body that does not decode counts as a
    /// failure afterwards. Truto reports the provider's limit on every response: at zero left, the source
    /// waits for the reset instead of spending requests on 429s.
    private func releaseBeforeDecoding(_ headers: [String: String]) async {
        await throttle.release(failed: false)
        if let reset = Self.exhaustedLimitReset(headers, cap: policy.retryAfterCap) {
            await throttle.pause(seconds: reset)
        }
        if let limit = GHLRateHeaders(headers) { await limit.apply(to: throttle, cap: policy.retryAfterCap) }
    }
}
