import Foundation

/// Counts requests sent (for "at most one request per stream" and the crash test's budget).
final class RequestCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}
