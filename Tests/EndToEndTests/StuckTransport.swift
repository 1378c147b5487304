import BillingSync
import Foundation

/// A transport whose requests never answer until cancelled.
final class StuckTransport: Transport, @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    var waiting: Int { lock.withLock { count } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { count += 1 }
        defer { lock.withLock { count -= 1 } }
        try await Task.sleep(for: .seconds(3_600))
        throw CancellationError()
    }
}
