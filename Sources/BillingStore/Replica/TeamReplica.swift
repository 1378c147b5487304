import BillingCore
import Foundation

/// A viewer's copy of a team store (issue 18): a private SQLite store kept in step with the PostgreSQL one by
/// reading the rows stamped after what it has (`v12-pg-row-changes`) and committing them as the fetcher commits
/// pages, so the copy's own aggregates, search and panes serve the dashboard and every read command, at SQLite's
/// speed and offline. The copy never fetches from a provider and holds no key; its journal is the team's.
///
/// A round reads everything committed up to the newest change number, table by table in batches, and records
/// after each batch where it is, so a first copy cut off halfway goes on where it stopped. Rows applied twice
/// are unchanged rows (left alone), so a batch applied before a crash and again after it changes nothing.
public struct TeamReplica: Sendable {
    public let team: PostgresStore
    public let copy: BillingStore
    /// Rows read per statement: big enough that a first copy of 100k customers is a few hundred round trips,
    /// small enough that a batch's commit holds the copy's write lock briefly.
    public var batch: Int

    public init(team: PostgresStore, copy: BillingStore, batch: Int = 500) {
        self.team = team
        self.copy = copy
        self.batch = batch
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        /// Every change up to this number is in the copy now.
        public var appliedSeq: Int64
        /// Rows applied (records, allocations, journal rows).
        public var rows: Int
        /// The copy's ids of the sources whose records changed (their aggregates need a refresh).
        public var changedSources: Set<Int64>
    }

    /// Catches the copy up with everything committed to the team store so far. `progress` hears the rows
    /// applied so far (a first copy of a big store takes minutes).
    @discardableResult
    public func catchUp(progress: (@Sendable (Int) -> Void)? = nil) async throws -> Round {
        var state = try await startingState()
        let upTo = try await team.latestChange()
        var sources = try await sourceMap()
        try await mirrorCheckpoints(sources)
        var round = Round(appliedSeq: upTo, rows: 0, changedSources: [])
        for table in PostgresStore.ReplicaTable.allCases {
            var cursor = state.cursor(table)
            while true {
                let rows = try await team.changedRows(table, after: cursor, upTo: upTo, limit: batch)
                guard let next = rows.next else { break }
                if rows.sourceIDs.contains(where: { sources[$0] == nil }) { sources = try await sourceMap() }
                round.changedSources.formUnion(try await apply(rows, sources: sources))
                round.rows += rows.count
                progress?(round.rows)
                cursor = next
                state.cursors[table.rawValue] = next
                try copy.saveReplicaState(state)
                if rows.count < batch { break }
            }
        }
        state.appliedSeq = max(state.appliedSeq, upTo)
        state.cursors = [:]
        state.logID = try await mirrorLog(after: state.logID, sources: sources)
        try copy.saveReplicaState(state)
        return round
    }

    /// Checks the copy is of this team store and registers its sources, so a screen opened before the first
    /// round has its sources to show.
    public func prepare() async throws {
        _ = try await startingState()
        _ = try await sourceMap()
    }

    /// The copy's state, begun afresh for a new copy; a copy of another store (or of this one before it was made
    /// again) is refused, since its rows would mix with the new ones.
    private func startingState() async throws -> TeamReplicaState {
        let identity = try await team.identity()
        guard let state = try copy.replicaState() else {
            let fresh = TeamReplicaState(identity: identity, origin: team.url.location)
            try copy.saveReplicaState(fresh)
            return fresh
        }
        guard state.identity == identity else {
            throw StoreOpenError(
                "the copy at \(copy.path) was made from another team store (\(TextSanitizer.clean(state.origin))); delete it and billtop copies \(team.url.location) afresh"
            )
        }
        try copy.forgetCopiedJSON()
        return state
    }

    /// The team store's source ids mapped to the copy's, registering in the copy any source it lacks.
    private func sourceMap() async throws -> [Int64: Int64] {
        var map: [Int64: Int64] = [:]
        for source in try await team.sources() {
            let local = try copy.registerSource(
                name: source.name, kind: source.kind, baseURL: source.baseURL, account: source.account)
            map[source.id] = local.id
        }
        return map
    }

    /// Commits one batch as the fetcher commits a page, per source; returns the copy's sources it changed.
    private func apply(_ rows: ChangedRows, sources: [Int64: Int64]) async throws -> Set<Int64> {
        var pages: [Int64: PageWrite] = [:]
        func page(_ team: Int64) -> Int64? {
            guard let local = sources[team] else { return nil }
            if pages[local] == nil { pages[local] = PageWrite(sourceID: local, stream: "team") }
            return local
        }
        for (source, record, deletedAt) in rows.customers {
            guard let local = page(source) else { continue }
            pages[local]?.customers.append(record)
            if let at = deletedAt {
                pages[local]?.tombstones.append(Tombstone(table: .customer, remoteID: record.value.id, at: at))
            }
        }
        for (source, record, deletedAt) in rows.subscriptions {
            guard let local = page(source) else { continue }
            pages[local]?.subscriptions.append(record)
            if let at = deletedAt {
                pages[local]?.tombstones.append(Tombstone(table: .subscription, remoteID: record.value.id, at: at))
            }
        }
        for (source, record, deletedAt) in rows.invoices {
            guard let local = page(source) else { continue }
            pages[local]?.invoices.append(record)
            if let at = deletedAt {
                pages[local]?.tombstones.append(Tombstone(table: .invoice, remoteID: record.value.id, at: at))
            }
        }
        for (source, record) in rows.events {
            guard let local = page(source) else { continue }
            pages[local]?.events.append(record)
        }
        for (source, allocation) in rows.allocations {
            guard let local = page(source) else { continue }
            pages[local]?.allocations.append(allocation)
        }
        for page in pages.values.sorted(by: { $0.sourceID < $1.sourceID }) { try await copy.commit(page) }
        try copy.mirrorJournal(rows.journal, sourceIDs: sources)
        _ = try await applyCRM(rows, sources: sources)
        return Set(pages.keys)
    }

    /// The streams' checkpoints as serve's fetcher left them, so the copy's header and sync screen say what
    /// the team's fetcher is doing and when each stream last completed.
    private func mirrorCheckpoints(_ sources: [Int64: Int64]) async throws {
        for (source, stream, state) in try await team.streamStates() {
            guard let local = sources[source] else { continue }
            try copy.saveStreamState(sourceID: local, stream: stream, state: state)
        }
    }

    /// The fetcher's log lines after `id`, under the copy's source ids; returns the last id copied.
    private func mirrorLog(after id: Int64, sources: [Int64: Int64]) async throws -> Int64 {
        var last = id
        while true {
            let (entries, through) = try await team.syncLog(after: last, limit: 2_000)
            guard through > last else { return last }
            try copy.appendLog(
                entries.map { entry in
                    var entry = entry
                    entry.sourceID = entry.sourceID.flatMap { sources[$0] }
                    return entry
                })
            last = through
        }
    }
}
