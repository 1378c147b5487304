import BillingStore

/// Fetches a stream's pages for the syncer, reading ahead: on numbered listings, while page N is being
/// written, pages N+1...N+depth are already on their way (each request still passes the source's
/// throttle, so the in-flight cap holds). A `since_id` listing (Chargify's events) knows its next position
/// only from the page itself, so its next page is sent as soon as the page is read, while it is written:
/// the chain is the longest of a first sync, and waiting for each write (behind the other streams' writes)
/// left the cap's other slots idle at its end. Cursor listings are not read ahead.
struct PageReader {
    let client: any SourceClient
    let stream: StreamKind
    let log: LogBuffer
    /// Pages fetched ahead at most.
    let depth: Int
    /// A page with fewer elements is the last one: never read ahead past it.
    let pageSize: Int
    private var ahead: [(position: FetchPosition, task: Task<FetchedPage, any Error>)] = []

    init(client: any SourceClient, stream: StreamKind, log: LogBuffer, depth: Int, pageSize: Int) {
        self.client = client
        self.stream = stream
        self.log = log
        self.depth = depth
        self.pageSize = pageSize
    }

    /// The page at `position`: the one read ahead for it, or a fresh fetch (which drops any read-ahead,
    /// since the listing went somewhere else: a restarted window, an ignored filter).
    mutating func page(at position: FetchPosition) async throws -> FetchedPage {
        if let first = ahead.first, first.position == position {
            ahead.removeFirst()
            return try await first.task.valuePassingCancellation()
        }
        cancel()
        return try await client.fetch(stream, at: position, log: log)
    }

    /// After `page` (fetched at `position`): when it was full and names a next page number, keep the
    /// following `depth` pages in flight; when it names a next `since_id` (only a full events page does),
    /// send that one request. A short page, a cursor or the end reads nothing ahead, so a run with nothing
    /// new still makes one request per stream.
    mutating func readAhead(after page: FetchedPage, at position: FetchPosition) {
        if depth > 0, case .sinceID(let id) = page.next {
            // The planner's next position after a `since_id` page (`StreamPlanner.advance`).
            let wanted = FetchPosition(page: 1, cursor: nil, windowStart: id)
            if let first = ahead.first, first.position != wanted { cancel() }
            guard ahead.isEmpty else { return }
            let (client, stream, log) = (client, stream, log)
            ahead.append((wanted, Task { try await client.fetch(stream, at: wanted, log: log) }))
            return
        }
        guard depth > 0, case .page(let next) = page.next, page.elementCount >= pageSize else { return }
        if let first = ahead.first, first.position.page != next || first.position.windowStart != position.windowStart {
            cancel()
        }
        var number = ahead.last.map { $0.position.page + 1 } ?? next
        while ahead.count < depth {
            let wanted = FetchPosition(page: number, cursor: nil, windowStart: position.windowStart)
            let (client, stream, log) = (client, stream, log)
            ahead.append((wanted, Task { try await client.fetch(stream, at: wanted, log: log) }))
            number += 1
        }
    }

    /// Waits for the pages read ahead past the end of a finished listing, and drops them. Cancelling them
    /// would free their slots while the server still works on them: the next requests would then exceed the
    /// source's in-flight cap as the server counts it (Chargify answers 429 past 4), so they keep their
    /// slots until they are answered. A run cancelled meanwhile cancels them (each wait passes the cancellation
    /// on, and once cancelled, the next wait cancels its task at once).
    mutating func settle() async {
        let pending = ahead
        ahead.removeAll()
        for item in pending { _ = try? await item.task.valuePassingCancellation() }
    }

    /// Cancels every page read ahead (the run stopped or moved elsewhere).
    mutating func cancel() {
        for item in ahead { item.task.cancel() }
        ahead.removeAll()
    }
}
