import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// A run cancelled while it waits for the pages read ahead past its listing's end stops at once: those
/// requests are tasks of their own, which the run's cancellation must be passed on to. (A test of the reliability
/// suite hung on this: its cancelled run waited for a request that never answered.)
@Suite struct CancelledSettleTests {
    /// Answers each request only after `seconds` (sooner when its task is cancelled), counting those cancelled.
    final class SlowClient: SourceClient, @unchecked Sendable {
        // @unchecked: `stopped` is only touched under `lock`.
        private let lock = NSLock()
        private var stopped = 0
        let seconds: Int
        var cancelled: Int { lock.withLock { stopped } }

        init(seconds: Int) { self.seconds = seconds }

        func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
            // Short naps until cancelled or out of time, and the task asked at the end: a cancellation that reached
            // the task counts however the naps went.
            let deadline = ContinuousClock.now + .seconds(seconds)
            while !Task.isCancelled && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
            guard !Task.isCancelled else {
                lock.withLock { stopped += 1 }
                throw CancellationError()
            }
            return FetchedPage()
        }
    }

    /// Not timed: each request either saw the cancellation or answered after its own time. That time is long
    /// (120 s, so a run that does not pass the cancellation on fails slowly): the settling run is a task the
    /// cooperative pool must start before it can pass anything on, and in two fresh-clone CI runs of the whole
    /// suite on two cores it started late enough that a request given 20 s had answered first (1 of 2
    /// cancelled, after 63 and 75 s).
    @Test func aCancelledRunCancelsTheRequestsItReadAhead() async throws {
        let client = SlowClient(seconds: 120)
        var reader = PageReader(client: client, stream: .customers, log: LogBuffer(), depth: 2, pageSize: 2)
        var full = FetchedPage()
        full.elementCount = 2
        full.next = .page(2)
        reader.readAhead(after: full, at: FetchPosition(page: 1, cursor: nil, windowStart: 10))
        let settling = Task { [reader] in
            var reader = reader
            await reader.settle()
        }
        settling.cancel()
        await settling.value
        #expect(client.cancelled == 2, "both read-ahead requests are cancelled with the run")
    }
}
