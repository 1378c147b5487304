import BillingSync
import Foundation

/// The real transport, with the time each request was sent on the fetcher's own clock (a manual clock's
/// time is what the error budget counts in, so windows are checked in that time, not the wall's).
final class ClockedTransport: Transport, @unchecked Sendable {
    // @unchecked: `sent` is only touched under `lock`.
    private let lock = NSLock()
    private var sent: [(at: Double, status: Int?)] = []
    private let inner: any Transport
    private let clock: any SyncClock

    init(_ inner: any Transport = URLSessionTransport(), clock: any SyncClock) {
        self.inner = inner
        self.clock = clock
    }

    /// Every request so far: when it was sent, and its status (nil: no response).
    var requests: [(at: Double, status: Int?)] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let at = clock.now()
        do {
            let response = try await inner.send(request)
            lock.withLock { sent.append((at, response.status)) }
            return response
        } catch {
            lock.withLock { sent.append((at, nil)) }
            throw error
        }
    }
}
