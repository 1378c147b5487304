import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// A run cancelled while it waits for the pages read ahead past its listing's end stops at once: those
/// requests are tasks of their own, which the run's cancellation must be passed on to. (A test of the reliability
/// suite hung on this: its cancelled run waited for a request that never answered.)
@Suite struct CancelledSettleTests {
    /// Answers each request after `seconds`, or fails at once when its task is cancelled.
    struct SlowClient: SourceClient {
        let seconds: Int

        func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
            try await Task.sleep(for: .seconds(seconds))
            return FetchedPage()
        }
    }

    @Test func aCancelledRunDoesNotWaitForItsReadAhead() async throws {
        var reader = PageReader(
            client: SlowClient(seconds: 30), stream: .customers, log: LogBuffer(), depth: 2, pageSize: 2)
        var full = FetchedPage()
        full.elementCount = 2
        full.next = .page(2)
        reader.readAhead(after: full, at: FetchPosition(page: 1, cursor: nil, windowStart: 10))
        let started = ContinuousClock.now
        let settling = Task { [reader] in
            var reader = reader
            await reader.settle()
        }
        settling.cancel()
        await settling.value
        // The requests would answer after 30 s; cancelled, they end at once.
        #expect(ContinuousClock.now - started < .seconds(10))
    }
}
