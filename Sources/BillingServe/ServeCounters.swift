import Synchronization

/// What serve has done since it started, for its status line: shared by the webhook server's tasks and the loop.
public final class ServeCounters: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var webhooks = 0
        public var duplicates = 0
        public var refused = 0
        public var performed = 0
        public var rounds = 0
        public var failedRounds = 0
        /// Passes of the loop (a standby's tries to lead among them).
        public var ticks = 0
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func received(duplicate: Bool) {
        state.withLock { duplicate ? ($0.duplicates += 1) : ($0.webhooks += 1) }
    }

    func ticked() { state.withLock { $0.ticks += 1 } }
    func refused() { state.withLock { $0.refused += 1 } }
    func performed() { state.withLock { $0.performed += 1 } }

    func round(failed: Bool) {
        state.withLock {
            $0.rounds += 1
            if failed { $0.failedRounds += 1 }
        }
    }
}
