import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// A run cancelled while it waits for the pages read ahead past its listing's end stops at once: those
/// requests are tasks of their own, which the run's cancellation must be passed on to. (A test of the reliability
/// suite hung on this: its cancelled run waited for a request that never answered.)
@Suite struct CancelledSettleTests {
    /// Answers each request after `seconds` (sooner when its task is cancelled), counting those cancelled.
    final class SlowClient: SourceClient, @unchecked Sendable {
        // @unchecked: `stopped` is only touched under `lock`.
        private let lock = NSLock()
        private var stopped = 0
        let seconds: Int
        var cancelled: Int { lock.withLock { stopped } }

        init(seconds: Int) { self.seconds = seconds }

        func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
            // Whether the cancellation reached this request is asked after the wait, not read from the wait's
            // error: in one loaded CI run a request counted as not cancelled after a 63 s test, which fits a
            // sleep that missed a cancellation arriving as it began (inferred, not reproduced). The property
            // under test is the cancellation reaching the task, which this still counts, only later.
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else {
                lock.withLock { stopped += 1 }
                throw CancellationError()
            }
            return FetchedPage()
        }
    }

    /// Not timed (a loaded machine may start the tasks late): each request either saw the cancellation or
    /// answered after its 20 s.
    @Test func aCancelledRunCancelsTheRequestsItReadAhead() async throws {
        let client = SlowClient(seconds: 20)
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
