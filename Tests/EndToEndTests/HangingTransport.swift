import BillingSync
import Foundation

/// The real transport, except that the Nth request whose URL contains `matching` never answers (the
/// process "dies" there; the test cancels the run).
final class HangingTransport: Transport, @unchecked Sendable {
    // @unchecked: `seen` and `hanging` are only touched under `lock`.
    private let lock = NSLock()
    private let real = URLSessionTransport()
    private let hangOn: Int
    private let matching: String
    private var seen = 0
    private var hanging = false

    init(hangOn: Int, matching: String) {
        self.hangOn = hangOn
        self.matching = matching
    }

    var hung: Bool { lock.withLock { hanging } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let hang = lock.withLock { () -> Bool in
            guard !hanging else { return true }
            if request.url.contains(matching) { seen += 1 }
            hanging = seen >= hangOn
            return hanging
        }
        if hang {
            try await Task.sleep(for: .seconds(3_600))
            throw CancellationError()
        }
        return try await real.send(request)
    }
}
