import BillingCore
import BillingStore
import Foundation
import Logging

/// One page of a stream's run: fetch it, take the server's clock, plan the next position, commit the page
/// with that position as its checkpoint.
extension StreamSyncer {
    /// Fetches, plans and commits the page at the run's position.
    func nextPage(_ stream: StreamKind, run: inout StreamRun) async -> StreamRun.Next {
        let position = run.position
        let page: FetchedPage
        do {
            guard let fetched = try await fetch(stream, at: position, run: &run) else { return .more }
            page = fetched
        } catch {
            return .stopped(await stop(stream, state: run.state, error: error, log: run.log))
        }
        adoptServerClock(stream, page: page, run: &run)
        if StreamPlanner.filterIgnored(run.state, page: page, stream: stream) {
            // The server listed records outside the window: treat this run as an unfiltered listing.
            run.log.append(entry(stream, .info, "the server ignored the updated_at filter; reading the full listing"))
            let metadata: Logger.Metadata = ["source": "\(source.name)", "stream": "\(stream.rawValue)"]
            logger.warning("server ignored the window filter", metadata: metadata)
            run.state.windowStart = nil
        }
        let step: StreamPlanner.Step
        do {
            step = try StreamPlanner.advance(run.state, page: page, now: now(), loop: &run.loop)
        } catch {
            let reason = error as? SyncError ?? .gaveUp("\(error)")
            return .stopped(await stop(stream, state: run.state, error: reason, log: run.log))
        }
        run.pages += 1
        if case .next = step { run.reader.readAhead(after: page, at: position) }
        return await commit(stream, page: page, step: step, run: &run)
    }

    /// The page at `position`, counting the time spent waiting for it; nil when the server refused an
    /// expired or invalid cursor (at most three times a run): the window is listed again, and upserts absorb
    /// the repeats.
    private func fetch(
        _ stream: StreamKind, at position: FetchPosition, run: inout StreamRun
    ) async throws(SyncError) -> FetchedPage? {
        let waitStarted = SyncTimings.seconds()
        do {
            let page = try await run.reader.page(at: position)
            timings.addFetchWait(SyncTimings.seconds() - waitStarted)
            return page
        } catch let error as SyncError {
            guard case .rejected(400, let message, _) = error, position.cursor != nil, run.restarts < 3,
                message.lowercased().contains("cursor")
            else { throw error }
            run.restarts += 1
            run.state = StreamPlanner.restartWindow(run.state, now: now())
            run.loop.reset()
            run.log.append(entry(stream, .info, "cursor refused (\(message)); restarting the window"))
            return nil
        } catch is CancellationError {
            throw .gaveUp("cancelled")
        } catch {
            throw .gaveUp(redactor.clean(String(describing: error)))
        }
    }

    /// Until a page is committed, the next run's high-water mark must come from the clock that stamps
    /// `updated_at`: ours may run ahead of the server's and a window from it would skip changes. A server
    /// clock days away from ours is wrong (a window from it would skip or freeze), so then ours stays.
    private func adoptServerClock(_ stream: StreamKind, page: FetchedPage, run: inout StreamRun) {
        guard run.adoptServerStart else { return }
        run.adoptServerStart = false
        if let serverStart = StreamPlanner.trustedServerStart(serverDate: page.serverDate, localNow: now()) {
            run.state.runStartedAt = serverStart
        } else if let serverDate = page.serverDate {
            let days = (serverDate - now()) / 86_400
            let said = Timestamp(secondsSinceEpoch: serverDate).iso8601
            run.log.append(
                entry(
                    stream, .info,
                    "the server's clock (Date \(said)) "
                        + "is \(abs(days)) days from ours; the next window starts from our clock"))
            logger.warning("server clock not trusted", metadata: ["source": "\(source.name)", "days": "\(days)"])
        }
    }

    /// Writes `page` with the planned state as its checkpoint, in one transaction. A write the store refuses
    /// is rolled back: the run stops at the last committed page, never past the rows that were lost.
    private func commit(_ stream: StreamKind, page: FetchedPage, step: StreamPlanner.Step, run: inout StreamRun) async
        -> StreamRun.Next
    {
        var write = pageWrite(stream, page: page, state: run.state)
        let finished: Bool
        switch step {
        case .next(let next): (run.state, finished) = (next, false)
        case .finished(let last): (run.state, finished) = (last, true)
        }
        write.checkpoint = run.state
        for line in flagEntries(stream, page: page) { run.log.append(line) }
        let progress = tracker?.committed(
            stream, subscriptions: page.subscriptions.map(\.value), records: run.state.recordsThisRun, pages: run.pages)
        if let progress { run.log.append(entry(stream, .info, progress)) }
        write.log = run.log.drain()
        let writeStarted = SyncTimings.seconds()
        do {
            try await store.commit(write)
        } catch {
            return .stopped(
                await stop(stream, state: run.committed, error: .store(storeFailure(error)), log: run.log))
        }
        run.committed = run.state
        timings.addWrite(SyncTimings.seconds() - writeStarted)
        report(
            .page(
                source: source.name, stream: stream.rawValue, records: page.recordCount,
                totalRecords: run.state.recordsThisRun, pages: run.pages))
        return finished ? .finished : .more
    }

    /// The page's records as the store writes them (none for `bench sync --discard-records`), marked seen
    /// when the run is a complete listing.
    private func pageWrite(_ stream: StreamKind, page: FetchedPage, state: StreamState) -> PageWrite {
        guard storesRecords else { return PageWrite(sourceID: source.id, stream: stream.rawValue) }
        return PageWrite(
            sourceID: source.id, stream: stream.rawValue, customers: page.customers, subscriptions: page.subscriptions,
            invoices: page.invoices, events: page.events, allocations: page.allocations,
            tombstones: tombstones(page.events),
            recordSeen: state.fullListing, seenFloor: state.seenFloor, log: [])
    }
}
