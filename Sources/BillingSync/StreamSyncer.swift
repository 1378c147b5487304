import BillingCore
import BillingStore
import Foundation
import Logging

/// Runs one stream of one source: fetch a page, write it with its checkpoint, repeat; then complete
/// (and reconcile after a complete listing). All decisions are `StreamPlanner`'s.
struct StreamSyncer: Sendable {
    let store: BillingStore
    let source: SourceInfo
    let config: SourceConfig
    let client: any SourceClient
    let clock: any SyncClock
    let redactor: SecretRedactor
    let logger: Logger
    let report: @Sendable (SyncProgress) -> Void
    var timings = SyncTimings()
    /// False only for `bench sync --discard-records` (see `SyncRunner.init`).
    var storesRecords = true
    /// Pages of a numbered listing fetched ahead while the current one is written: 4, so that one stream
    /// alone keeps Chargify's 4 slots busy even while it writes a page. 2,000 customers at 200 ms a request
    /// and the cap of 4 (debug build, idle machine): 2 ahead 20-28 s, 3 ahead 14.6-15.6 s, 4 ahead 13.6-14.0 s,
    /// against a bound of 11.3-11.5 s; sending the events' chain of since_id pages (never read ahead) first changed nothing.
    var readAheadDepth = 4

    /// Keys of events that mean a record is gone upstream.
    static let deletionEvents: [String: Tombstone.Table] = [
        "customer_delete": .customer, "customer_deleted": .customer,
        "subscription_deletion": .subscription, "subscription_deleted": .subscription,
    ]

    /// Runs the stream to the end of its listing. Returns nil on success, or the error that stopped it.
    func run(_ stream: StreamKind, full: Bool) async -> SyncError? {
        let name = stream.rawValue
        let now = { Int64(clock.now()) }
        var state: StreamState
        // A run that has committed nothing yet takes its start mark from the server's clock.
        var adoptServerStart = false
        var openInvoicesFirst = false
        var clockNotes: [SyncLogEntry] = []
        do {
            let stored = try store.streamState(sourceID: source.id, stream: name)
            let (saved, futureMark) = StreamPlanner.clampFutureHighWater(stored, now: now())
            if let futureMark {
                let note = "the stored high-water mark \(Timestamp(secondsSinceEpoch: futureMark).iso8601) is in the future; "
                    + "reading from \(Timestamp(secondsSinceEpoch: saved.highWater ?? now()).iso8601) instead"
                clockNotes.append(entry(stream, .info, note))
                logger.warning("future high-water mark clamped", metadata: ["source": "\(source.name)", "stream": "\(name)"])
            }
            let nextEventID = stream == .events ? try store.maxEventID(sourceID: source.id).map { $0 + 1 } : nil
            let begun = StreamPlanner.begin(
                saved, stream: stream, now: now(), full: full, overlap: Int64(config.overlapSeconds),
                nextEventID: nextEventID)
            state = begun.state
            openInvoicesFirst = Self.listsOpenInvoicesFirst(
                stream, saved: saved, fresh: begun.fresh, full: state.fullListing, budgeted: config.requestsPerHour != nil)
            adoptServerStart = begun.fresh || (state.recordsThisRun == 0 && state.page <= 1 && state.cursor == nil)
            if begun.fresh && state.fullListing {
                if let table = Self.table(for: stream) {
                    // Rows above the floor are this listing's own: they need no seen-id (a first listing writes none).
                    state.seenFloor = try store.beginCompleteListing(sourceID: source.id, stream: name, table: table)
                } else {
                    try store.resetSeen(sourceID: source.id, stream: name)
                }
            }
            try deferOrRebuildIndexes(stream, freshFullListing: begun.fresh && state.fullListing, resumedFullListing: state.fullListing)
            try store.saveStreamState(sourceID: source.id, stream: name, state: state, log: clockNotes + [
                entry(stream, .runStart, "\(begun.fresh ? "started" : "resumed") \(state.fullListing ? "a complete listing" : "an incremental run")")
            ])
            report(.streamStarted(source: source.name, stream: name, full: state.fullListing))
        } catch {
            return .store(storeFailure(error))
        }
        // The state last committed with a page: a page the store refuses must not move the checkpoint.
        var committed = state
        var loop = LoopGuard()
        var pages = 0
        var restarts = 0
        let log = LogBuffer()
        var reader = PageReader(client: client, stream: stream, log: log, depth: readAheadDepth, pageSize: config.pageSize)
        defer { reader.cancel() }
        let openInvoices: Task<Int, Never>? = openInvoicesFirst ? Task { [self] in await listOpenInvoices() } : nil
        defer { openInvoices?.cancel() }
        while true {
            let position = FetchPosition(page: state.page, cursor: state.cursor, windowStart: state.windowStart)
            let page: FetchedPage
            let waitStarted = SyncTimings.seconds()
            do {
                page = try await reader.page(at: position)
                timings.addFetchWait(SyncTimings.seconds() - waitStarted)
            } catch let error as SyncError {
                if case .rejected(400, let message, _) = error, position.cursor != nil, restarts < 3,
                    message.lowercased().contains("cursor")
                {
                    // An expired or invalid cursor: list this window again; upserts absorb the repeats.
                    restarts += 1
                    state = StreamPlanner.restartWindow(state, now: now())
                    loop.reset()
                    log.append(entry(stream, .info, "cursor refused (\(message)); restarting the window"))
                    continue
                }
                return stop(stream, state: state, error: error, log: log)
            } catch is CancellationError {
                return stop(stream, state: state, error: .gaveUp("cancelled"), log: log)
            } catch {
                return stop(stream, state: state, error: .gaveUp(redactor.clean(String(describing: error))), log: log)
            }
            if adoptServerStart {
                // The high-water mark of the next run must come from the clock that stamps `updated_at`:
                // ours may run ahead of the server's and a window from it would skip changes.
                if let serverStart = StreamPlanner.trustedServerStart(serverDate: page.serverDate, localNow: now()) {
                    state.runStartedAt = serverStart
                } else if let serverDate = page.serverDate {
                    // A server clock days away from ours is wrong; a window from it would skip or freeze.
                    let days = (serverDate - now()) / 86_400
                    log.append(entry(stream, .info, "the server's clock (Date \(Timestamp(secondsSinceEpoch: serverDate).iso8601)) "
                        + "is \(abs(days)) days from ours; the next window starts from our clock"))
                    logger.warning("server clock not trusted", metadata: ["source": "\(source.name)", "days": "\(days)"])
                }
                adoptServerStart = false
            }
            if StreamPlanner.filterIgnored(state, page: page, stream: stream) {
                // The server listed records outside the window: treat this run as an unfiltered listing.
                log.append(entry(stream, .info, "the server ignored the updated_at filter; reading the full listing"))
                logger.warning("server ignored the window filter", metadata: ["source": "\(source.name)", "stream": "\(name)"])
                state.windowStart = nil
            }
            let step: StreamPlanner.Step
            do {
                step = try StreamPlanner.advance(state, page: page, now: now(), loop: &loop)
            } catch let error as SyncError {
                return stop(stream, state: state, error: error, log: log)
            } catch {
                return stop(stream, state: state, error: .gaveUp("\(error)"), log: log)
            }
            pages += 1
            if case .next = step { reader.readAhead(after: page, at: position) }
            var write = PageWrite(
                sourceID: source.id, stream: name, customers: page.customers, subscriptions: page.subscriptions,
                invoices: page.invoices, events: page.events, tombstones: tombstones(page.events),
                recordSeen: state.fullListing, seenFloor: state.seenFloor, log: [])
            if !storesRecords { write = PageWrite(sourceID: source.id, stream: name) }
            let finished: Bool
            switch step {
            case .next(let next):
                state = next
                finished = false
            case .finished(let last):
                state = last
                finished = true
            }
            write.checkpoint = state
            for line in flagEntries(stream, page: page) { log.append(line) }
            write.log = log.drain()
            let writeStarted = SyncTimings.seconds()
            do {
                try await store.commit(write)
                committed = state
                timings.addWrite(SyncTimings.seconds() - writeStarted)
            } catch {
                // Rolled back: resume at the last committed page, never past the rows that were lost.
                return stop(stream, state: committed, error: .store(storeFailure(error)), log: log)
            }
            report(.page(source: source.name, stream: name, records: page.recordCount, totalRecords: state.recordsThisRun, pages: pages))
            if finished { break }
        }
        do {
            let completed = StreamPlanner.complete(state, now: now())
            var tombstoned = 0
            if state.fullListing, let table = Self.table(for: stream) {
                tombstoned = try store.reconcile(sourceID: source.id, stream: name, table: table, at: now(), state: completed)
            } else {
                try store.saveStreamState(sourceID: source.id, stream: name, state: completed)
            }
            try store.appendLog([entry(stream, .runEnd, "finished: \(state.recordsThisRun) records, \(tombstoned) tombstoned")])
            try rebuildIndexes(stream)
            report(.streamFinished(source: source.name, stream: name, records: state.recordsThisRun, requests: pages, tombstoned: tombstoned))
        } catch {
            return .store(storeFailure(error))
        }
        await reader.settle()
        _ = await openInvoices?.value
        return nil
    }

    static func table(for stream: StreamKind) -> Tombstone.Table? {
        switch stream {
        case .customers: .customer
        case .subscriptions: .subscription
        case .invoices: .invoice
        case .events: nil
        }
    }

    func tombstones(_ events: [Incoming<BillingEvent>]) -> [Tombstone] {
        events.compactMap { item in
            let e = item.value
            guard let table = Self.deletionEvents[e.key] else { return nil }
            let id = table == .customer ? e.customerID : e.subscriptionID
            return id.map { Tombstone(table: table, remoteID: $0, at: e.createdAt?.secondsSinceEpoch ?? 0) }
        }
    }

    /// One line for a store that refused a write (disk full, locked, read-only), with the way out.
    func storeFailure(_ error: any Error) -> String {
        redactor.clean(StoreOpenError.writeFailure(error, path: store.path).message)
    }

    /// Sync log lines for records kept with decode flags and for elements dropped without an id, so a
    /// user reading the log sees which record holds a field billtop could not read.
    func flagEntries(_ stream: StreamKind, page: FetchedPage) -> [SyncLogEntry] {
        var entries: [SyncLogEntry] = []
        func flagged(_ kind: String, _ id: String, _ flags: [String]) {
            guard !flags.isEmpty else { return }
            var line = entry(stream, .info, "flagged \(kind) \(id): \(flags.joined(separator: "; "))")
            line.recordIssue = .flagged
            entries.append(line)
        }
        for item in page.customers { flagged("customer", item.value.id, item.flags) }
        for item in page.subscriptions { flagged("subscription", item.value.id, item.flags) }
        for item in page.invoices { flagged("invoice", item.value.id, item.flags) }
        for item in page.events { flagged("event", "\(item.value.id)", item.flags) }
        let dropped = page.elementCount - page.recordCount
        if dropped > 0 {
            var line = entry(stream, .error, "skipped \(dropped) record\(dropped == 1 ? "" : "s") without a usable id")
            line.records = dropped
            line.recordIssue = .skipped
            entries.append(line)
        }
        return entries
    }

    func stop(_ stream: StreamKind, state: StreamState, error: SyncError, log: LogBuffer) -> SyncError {
        let message = redactor.clean(error.description)
        let failed = StreamPlanner.fail(state, message: message, now: Int64(clock.now()))
        try? store.saveStreamState(
            sourceID: source.id, stream: stream.rawValue, state: failed, log: log.drain() + [entry(stream, .error, message)])
        logger.error("stream stopped", metadata: ["source": "\(source.name)", "stream": "\(stream.rawValue)", "error": "\(message)"])
        report(.streamFailed(source: source.name, stream: stream.rawValue, message: message))
        return error
    }

    func entry(_ stream: StreamKind, _ kind: SyncLogEntry.Kind, _ message: String) -> SyncLogEntry {
        SyncLogEntry(sourceID: source.id, stream: stream.rawValue, at: Int64(clock.now()), kind: kind, message: redactor.clean(message))
    }
}
