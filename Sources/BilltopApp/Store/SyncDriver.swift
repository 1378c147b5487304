import BillingSync
import Synchronization

/// Runs the fetcher in the background for the dashboard: a sync now, then again every `interval` seconds
/// or as soon as the user presses `r`, never two runs at once.
public final class SyncDriver: Sendable {
    private let runner: SyncRunner
    private let interval: Double
    private let requested = Mutex(false)

    public init(runner: SyncRunner, interval: Double) {
        self.runner = runner
        self.interval = interval
    }

    /// Asks for a run as soon as the current one (if any) ends.
    public func requestSync() { requested.withLock { $0 = true } }

    /// Syncs until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            requested.withLock { $0 = false }
            _ = await runner.runOnce()
            var waited = 0.0
            while waited < interval, !Task.isCancelled, !requested.withLock({ $0 }) {
                try? await Task.sleep(for: .milliseconds(200))
                waited += 0.2
            }
        }
    }
}
