import BillingStore
import Foundation

/// Sync-log lines gathered while fetching a page, written with the page's transaction.
final class LogBuffer: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [SyncLogEntry] = []
    func append(_ entry: SyncLogEntry) { lock.withLock { entries.append(entry) } }
    func drain() -> [SyncLogEntry] {
        lock.withLock {
            defer { entries = [] }
            return entries
        }
    }
}
