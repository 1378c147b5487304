import BillingCore
import BillingStore
import Foundation
import Logging

/// How a stream's run starts: from the stored checkpoint, as a complete or an incremental listing.
extension StreamSyncer {
    /// The run's starting point: the stored checkpoint (a future high-water mark clamped), the planner's
    /// choice of listing, a complete listing's bookkeeping and deferred indexes, and a run-start line.
    func begin(_ stream: StreamKind, full: Bool) async throws -> StreamRun {
        let name = stream.rawValue
        let (saved, clockNotes) = try await storedState(stream)
        let nextEventID = stream == .events ? try await store.maxEventID(sourceID: source.id).map { $0 + 1 } : nil
        let begun = StreamPlanner.begin(
            saved, stream: stream, now: now(), full: full, overlap: Int64(config.overlapSeconds),
            nextEventID: nextEventID)
        var state = begun.state
        let openInvoicesFirst = Self.listsOpenInvoicesFirst(
            stream, saved: saved, fresh: begun.fresh, full: state.fullListing, budgeted: config.requestsPerHour != nil)
        let adoptServerStart = begun.fresh || (state.recordsThisRun == 0 && state.page <= 1 && state.cursor == nil)
        if begun.fresh && state.fullListing { try await beginCompleteListing(stream, state: &state) }
        try await deferOrRebuildIndexes(
            stream, freshFullListing: begun.fresh && state.fullListing, resumedFullListing: state.fullListing)
        let started =
            (begun.fresh ? "started " : "resumed ")
            + (state.fullListing ? "a complete listing" : "an incremental run")
        try await store.saveStreamState(
            sourceID: source.id, stream: name, state: state, log: clockNotes + [entry(stream, .runStart, started)])
        report(.streamStarted(source: source.name, stream: name, full: state.fullListing))
        tracker?.began(stream, firstListing: state.fullListing && saved.highWater == nil, records: state.recordsThisRun)
        let log = LogBuffer()
        let reader = PageReader(
            client: client, stream: stream, log: log, depth: readAheadDepth, pageSize: config.pageSize)
        return StreamRun(
            state: state, adoptServerStart: adoptServerStart, openInvoicesFirst: openInvoicesFirst, log: log,
            reader: reader)
    }

    /// The stored checkpoint, with a high-water mark in the future clamped to now and a log line saying so.
    private func storedState(_ stream: StreamKind) async throws -> (StreamState, [SyncLogEntry]) {
        let stored = try await store.streamState(sourceID: source.id, stream: stream.rawValue)
        let (saved, futureMark) = StreamPlanner.clampFutureHighWater(stored, now: now())
        guard let futureMark else { return (saved, []) }
        let note =
            "the stored high-water mark \(Timestamp(secondsSinceEpoch: futureMark).iso8601) is in the future; "
            + "reading from \(Timestamp(secondsSinceEpoch: saved.highWater ?? now()).iso8601) instead"
        logger.warning(
            "future high-water mark clamped", metadata: ["source": "\(source.name)", "stream": "\(stream.rawValue)"])
        return (saved, [entry(stream, .info, note)])
    }

    /// A fresh complete listing: rows above the store's floor are this listing's own and need no seen-id (a
    /// first listing writes none); the events, which are never reconciled, only forget what was seen.
    private func beginCompleteListing(_ stream: StreamKind, state: inout StreamState) async throws {
        if let table = Self.table(for: stream) {
            state.seenFloor = try await store.beginCompleteListing(
                sourceID: source.id, stream: stream.rawValue, table: table)
        } else {
            try await store.resetSeen(sourceID: source.id, stream: stream.rawValue)
        }
    }

    func now() -> Int64 { Int64(clock.now()) }
}
