import BillingSync
import Foundation
import Sandbox
import Synchronization

/// A network that holds every request whose URL contains `path` after the first `allowed`, until `release()`,
/// and then fails them for good: the stream listing it waits mid-listing (a test can look at what was committed
/// before anything stops it), then stops as a fetcher cut off between pages does.
final class CutAfterPages: Transport, Sendable {
    let path: String
    let allowed: Int
    private let seen = Mutex(0)
    private let released = Mutex(false)
    private let inner = URLSessionTransport()

    init(path: String, allowed: Int) {
        self.path = path
        self.allowed = allowed
    }

    func release() { released.withLock { $0 = true } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.url.contains(path) {
            let count = seen.withLock { count in
                count += 1
                return count
            }
            if count > allowed {
                while !released.withLock({ $0 }) && !Task.isCancelled { try await Task.sleep(nanoseconds: 10_000_000) }
                throw TransportError("connection reset (cut by the test)")
            }
        }
        return try await inner.send(request)
    }
}

/// A network that loses the answer to a write the provider has done: the request goes, the sandbox acts and
/// holds its answer (`FaultPlan.holdWriteResponseMilliseconds`), and this throws as a timeout would, then lets
/// the held answer go to nobody. Reads pass through.
final class LostAnswer: Transport, Sendable {
    let server: SandboxServer
    private let inner = URLSessionTransport()

    init(server: SandboxServer) { self.server = server }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method != "GET" else { return try await inner.send(request) }
        let inner = self.inner
        let sent = Task { try await inner.send(request) }
        // Bounded (2,000 x 10 ms), never a timing assertion: the hold is 60 s, so the write is done well before.
        for _ in 0..<2_000 where server.heldResponses() == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        guard server.heldResponses() > 0 else { throw TransportError("the sandbox never held the write's answer") }
        sent.cancel()
        server.releaseHeldResponses()
        throw TransportError("the request timed out (its answer lost by the test)")
    }
}
