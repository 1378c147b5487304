import Foundation
import Synchronization

/// Actions sent and not yet answered: the loop polls input often while there are some (so the answer is
/// drawn within milliseconds), and tests wait for them with `settleActions`, which suspends instead of
/// blocking: the work runs on the Swift pool, and a test holding a pool thread in a blocking wait could starve it.
final class InFlightActions: Sendable {
    private let count = Mutex(0)

    /// Runs `work` off the loop and posts its action into `events`.
    func run(posting events: EventQueue, _ work: @escaping @Sendable () async -> Action) {
        count.withLock { $0 += 1 }
        Task.detached { [self] in
            let result = await work()
            events.post(result)
            count.withLock { $0 -= 1 }
        }
    }

    var isEmpty: Bool { count.withLock { $0 == 0 } }
}
