import Synchronization

/// The one queue every producer (sync progress, store changes, timers) posts into; the UI loop drains it.
public final class EventQueue: Sendable {
    private let pending = Mutex<[Action]>([])

    public init() {}

    /// Adds an action from any thread.
    public func post(_ action: Action) {
        pending.withLock { $0.append(action) }
    }

    /// Takes everything posted so far, in order.
    public func drain() -> [Action] {
        pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }

    public var isEmpty: Bool { pending.withLock { $0.isEmpty } }
}
