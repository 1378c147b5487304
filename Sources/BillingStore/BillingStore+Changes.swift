import GRDB

/// Change notification for readers that redraw when the store changes.
extension BillingStore {
    /// Yields once after every committed write: at once for writes made through this `BillingStore`
    /// (GRDB region observation), and within `pollInterval` for writes by another process (e.g.
    /// `billtop sync --watch` in another terminal), detected by `PRAGMA data_version` on a private
    /// connection. Consumers should coalesce: a burst of pages is a burst of yields.
    public func changes(pollInterval: Duration = .milliseconds(500)) -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let observation = DatabaseRegionObservation(tracking: .fullDatabase)
        let cancellable = observation.start(in: pool, onError: { _ in }, onChange: { _ in continuation.yield() })
        let path = self.path
        let poller = Task.detached {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(5)
            guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return }
            var last = try? await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                let now = try? await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
                if let now, now != last {
                    last = now
                    continuation.yield()
                }
            }
        }
        continuation.onTermination = { _ in
            cancellable.cancel()
            poller.cancel()
        }
        return stream
    }
}
