import BillingCore
import BillingStore
import BillingSync
import Synchronization

/// Keeps the dashboard in step with the store: after commits (coalesced, off the UI thread) it refreshes the
/// metrics aggregates when a sync finished after them and tells the UI loop to re-query through its event
/// queue; forwards sync progress to the header.
public final class SnapshotRefresher: Sendable {
    private let store: BillingStore
    private let data: StoreDashboardData
    private let events: EventQueue
    private let clock: @Sendable () -> Timestamp
    private let dirty = Mutex(true)

    public init(
        store: BillingStore, data: StoreDashboardData, events: EventQueue, clock: @escaping @Sendable () -> Timestamp
    ) {
        self.store = store
        self.data = data
        self.events = events
        self.clock = clock
    }

    /// Marks the view stale (the next cycle refreshes stale aggregates and redraws).
    public func markDirty() { dirty.withLock { $0 = true } }

    /// Watches the store for commits until cancelled.
    public func watchStore() async {
        for await _ in store.changes(pollInterval: .milliseconds(500)) {
            if Task.isCancelled { return }
            markDirty()
        }
    }

    /// Refreshes at most every `minimumGap` while the store keeps changing, until cancelled.
    public func run(minimumGap: Duration = .milliseconds(700)) async {
        while !Task.isCancelled {
            let stale = dirty.withLock { value -> Bool in
                defer { value = false }
                return value
            }
            if stale {
                do {
                    try data.refresh(asOf: clock().utcDate)
                    events.post(.storeChanged)
                } catch {
                    // A full disk or a lock says so with its way out; anything else as the store said it.
                    let problem = StoreOpenError.environmental(error, path: store.path)?.message
                    events.post(.failed(problem ?? "could not read the store: \(error)"))
                }
            }
            try? await Task.sleep(for: minimumGap)
        }
    }

    /// Shows the fetcher's progress in the header and log until the stream ends.
    public func followProgress(_ progress: AsyncStream<SyncProgress>) async {
        for await event in progress {
            switch event {
            case .streamStarted(let source, let stream, _):
                data.setActivity(.syncing("syncing \(stream)"), source: source)
            case .page(let source, let stream, _, let total, _):
                data.setActivity(.syncing("syncing \(stream): \(total)"), source: source)
            case .rateLimited(let source, let seconds):
                data.setActivity(
                    .waitingRateLimit(until: clock().adding(seconds: Int64(seconds.rounded(.up)))), source: source)
            case .retrying(let source, let reason, let seconds):
                data.setActivity(.retrying("retrying in \(Int(seconds.rounded(.up)))s: \(reason)"), source: source)
            case .streamFinished(let source, _, _, _, _):
                data.setActivity(nil, source: source)
            case .streamFailed(let source, let stream, let message):
                data.setActivity(.failed("\(stream): \(message)"), source: source)
                events.post(.failed("\(source) \(stream): \(message)"))
            case .runFinished:
                break
            }
            if let overview = try? data.syncStatus() { events.post(.syncChanged(overview)) }
        }
    }
}
