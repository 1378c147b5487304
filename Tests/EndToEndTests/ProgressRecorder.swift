import BillingSync
import Foundation

/// Progress events seen so far.
final class ProgressRecorder: @unchecked Sendable {
    // @unchecked: `events` and `task` are only touched under `lock` (task is set once, before use).
    private let lock = NSLock()
    private var events: [SyncProgress] = []
    var task: Task<Void, Never>?
    func append(_ event: SyncProgress) { lock.withLock { events.append(event) } }
    var all: [SyncProgress] { lock.withLock { events } }
    func stop() { task?.cancel() }
}
