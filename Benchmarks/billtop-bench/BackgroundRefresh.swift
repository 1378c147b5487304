import Foundation
import Synchronization

/// `billtop-bench tui`: runs the aggregate refresh on a thread of its own, as the dashboard's refresher does
/// off the UI thread, so the bench can draw the first frame meanwhile and then wait for the refresh.
final class BackgroundRefresh: Sendable {
    private let outcome = Mutex<Result<Double, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws -> Bool) {
        let thread = Thread { [self] in
            let clock = ContinuousClock()
            let started = clock.now
            let result = Result { () throws -> Double in
                _ = try body()
                let (s, a) = (clock.now - started).components
                return Double(s) * 1000 + Double(a) / 1e15
            }
            self.outcome.withLock { $0 = result }
            self.done.signal()
        }
        thread.start()
    }

    /// Waits for the refresh; its duration in milliseconds.
    func wait() throws -> Double {
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}
