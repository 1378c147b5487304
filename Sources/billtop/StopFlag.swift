import Foundation

/// A flag set once from another task, read by a polling loop (quit waits a bounded time for the sandbox).
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
