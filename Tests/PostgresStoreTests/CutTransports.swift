import BillingSync
import Foundation
import Sandbox
import Synchronization

/// A network that holds every request whose URL contains `path` for a page past `allowed` (its `page=` query), until
/// `release()`, and then fails them for good: the stream listing it waits mid-listing (a test can look at what was
/// committed before anything stops it), then stops as a fetcher cut off between pages does.
///
/// By page number, not by arrival: numbered pages are read ahead concurrently, and counting the first `allowed`
/// requests let page 4 through and held page 3 when they were sent in that order (seen in a run).
final class CutAfterPages: Transport, Sendable {
    let path: String
    let allowed: Int
    private let released = Mutex(false)
    private let inner = URLSessionTransport()

    init(path: String, allowed: Int) {
        self.path = path
        self.allowed = allowed
    }

    func release() { released.withLock { $0 = true } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.url.contains(path), Self.page(of: request.url) > allowed {
            while !released.withLock({ $0 }) && !Task.isCancelled { try await Task.sleep(nanoseconds: 10_000_000) }
            throw TransportError("connection reset (cut by the test)")
        }
        return try await inner.send(request)
    }

    /// The `page=` query's number; 1 without one.
    static func page(of url: String) -> Int {
        guard let query = URLComponents(string: url)?.queryItems else { return 1 }
        return query.first { $0.name == "page" }?.value.flatMap { Int($0) } ?? 1
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
