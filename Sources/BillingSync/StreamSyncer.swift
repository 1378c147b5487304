import BillingCore
import BillingStore
import Foundation
import Logging

/// Runs one stream of one source: fetch a page, write it with its checkpoint, repeat; then complete
/// (and reconcile after a complete listing). All decisions are `StreamPlanner`'s.
struct StreamSyncer: Sendable {
    let store: any RecordStore
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
    /// Follows a first sync's progress and ETA for the sync log (`FirstSyncTracker`); nil where none is wanted.
    var tracker: FirstSyncTracker?

    /// Keys of events that mean a record is gone upstream.
    static let deletionEvents: [String: Tombstone.Table] = [
        "customer_delete": .customer, "customer_deleted": .customer,
        "subscription_deletion": .subscription, "subscription_deleted": .subscription,
    ]

    /// Runs the stream to the end of its listing. Returns nil on success, or the error that stopped it.
    /// Its steps: `begin` (from the stored checkpoint), `nextPage` until the listing ends, then `complete`.
    func run(_ stream: StreamKind, full: Bool) async -> SyncError? {
        var run: StreamRun
        do { run = try await begin(stream, full: full) } catch { return .store(storeFailure(error)) }
        defer { run.reader.cancel() }
        let openInvoices: Task<Int, Never>? = run.openInvoicesFirst ? Task { [self] in await listOpenInvoices() } : nil
        defer { openInvoices?.cancel() }
        var next = StreamRun.Next.more
        while case .more = next { next = await nextPage(stream, run: &run) }
        if case .stopped(let error) = next { return error }
        if let error = await complete(stream, run: run) { return error }
        await run.reader.settle()
        _ = await openInvoices?.valuePassingCancellation()
        return nil
    }

    /// After the last page: a complete listing is reconciled (what it no longer lists is tombstoned), the
    /// state completed, a run-end line written and the deferred indexes built. Nil, or the store's refusal.
    private func complete(_ stream: StreamKind, run: StreamRun) async -> SyncError? {
        let (name, state) = (stream.rawValue, run.state)
        do {
            let completed = StreamPlanner.complete(state, now: now())
            var tombstoned = 0
            if state.fullListing, let table = Self.table(for: stream) {
                tombstoned = try await store.reconcile(
                    sourceID: source.id, stream: name, table: table, at: now(), state: completed)
            } else {
                try await store.saveStreamState(sourceID: source.id, stream: name, state: completed, log: [])
            }
            let summary = "finished: \(state.recordsThisRun) records, \(tombstoned) tombstoned"
            let progress = tracker?.finished(stream).map { [entry(stream, .info, $0)] } ?? []
            try await store.appendLog([entry(stream, .runEnd, summary)] + progress)
            try await rebuildIndexes(stream)
            report(
                .streamFinished(
                    source: source.name, stream: name, records: state.recordsThisRun, requests: run.pages,
                    tombstoned: tombstoned))
        } catch {
            return .store(storeFailure(error))
        }
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
        redactor.clean(store.writeFailure(error))
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

    func stop(_ stream: StreamKind, state: StreamState, error: SyncError, log: LogBuffer) async -> SyncError {
        let message = redactor.clean(error.description)
        let failed = StreamPlanner.fail(state, message: message, now: Int64(clock.now()))
        try? await store.saveStreamState(
            sourceID: source.id, stream: stream.rawValue, state: failed,
            log: log.drain() + [entry(stream, .error, message)])
        logger.error(
            "stream stopped",
            metadata: ["source": "\(source.name)", "stream": "\(stream.rawValue)", "error": "\(message)"])
        report(.streamFailed(source: source.name, stream: stream.rawValue, message: message))
        return error
    }

    func entry(_ stream: StreamKind, _ kind: SyncLogEntry.Kind, _ message: String) -> SyncLogEntry {
        SyncLogEntry(
            sourceID: source.id, stream: stream.rawValue, at: Int64(clock.now()), kind: kind,
            message: redactor.clean(message))
    }
}
