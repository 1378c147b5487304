import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// The events' `since_id` chain sends its next request as soon as a page is read, while that page is
/// written; a short page sends nothing more.
@Suite struct EventsReadAheadTests {
    /// Records every position asked for and answers an empty page.
    final class RecordingClient: SourceClient, @unchecked Sendable {
        // @unchecked: `asked` is only touched under `lock`.
        private let lock = NSLock()
        private var asked: [FetchPosition] = []
        var positions: [FetchPosition] { lock.withLock { asked } }

        func fetch(_ stream: StreamKind, at position: FetchPosition, log: LogBuffer) async throws -> FetchedPage {
            lock.withLock { asked.append(position) }
            return FetchedPage()
        }

        /// Yields until `count` positions were asked for, at most `rounds` times (no clock involved).
        func waitFor(_ count: Int, rounds: Int = 100_000) async -> [FetchPosition] {
            for _ in 0..<rounds where positions.count < count { await Task.yield() }
            return positions
        }
    }

    func page(elements: Int, next: FetchedPage.Next) -> FetchedPage {
        var page = FetchedPage()
        page.elementCount = elements
        page.next = next
        return page
    }

    @Test func aFullPageSendsForTheNextSinceIDBeforeItIsWritten() async throws {
        let client = RecordingClient()
        var reader = PageReader(client: client, stream: .events, log: LogBuffer(), depth: 4, pageSize: 2)
        let here = FetchPosition(page: 1, cursor: nil, windowStart: 10)
        reader.readAhead(after: page(elements: 2, next: .sinceID(42)), at: here)
        // Nothing has asked for the page yet: the request is already on its way.
        let next = FetchPosition(page: 1, cursor: nil, windowStart: 42)
        #expect(await client.waitFor(1) == [next])
        _ = try await reader.page(at: next)
        // Served from the read-ahead: no second request for it.
        #expect(client.positions == [next])
    }

    @Test func aShortPageOrNoReadAheadSendsNothingMore() async throws {
        let client = RecordingClient()
        var reader = PageReader(client: client, stream: .events, log: LogBuffer(), depth: 4, pageSize: 2)
        let here = FetchPosition(page: 1, cursor: nil, windowStart: 10)
        reader.readAhead(after: page(elements: 1, next: .done), at: here)
        var off = PageReader(client: client, stream: .events, log: LogBuffer(), depth: 0, pageSize: 2)
        off.readAhead(after: page(elements: 2, next: .sinceID(42)), at: here)
        await reader.settle()
        await off.settle()
        #expect(client.positions.isEmpty)
    }
}
