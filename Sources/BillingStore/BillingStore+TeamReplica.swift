import Foundation
import GRDB

/// The SQL of a viewer's copy of a team store (`TeamReplica`): where it stands, and the team's action journal
/// mirrored under the team store's ids (the copy never journals an attempt of its own: serve performs them).
extension BillingStore {
    /// Where the copy stands, or nil for a store that is not a copy (or a copy that has read nothing yet).
    public func replicaState() throws -> TeamReplicaState? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT identity, origin, applied_seq, cursors, log_id, updated_at FROM team_replica WHERE id = 1
                        """)
            else { return nil }
            var state = TeamReplicaState(identity: row["identity"], origin: row["origin"])
            state.appliedSeq = row["applied_seq"]
            state.logID = row["log_id"]
            state.updatedAt = row["updated_at"]
            let cursors: String = row["cursors"]
            state.cursors =
                (try? JSONDecoder().decode([String: ChangedRows.Cursor].self, from: Data(cursors.utf8))) ?? [:]
            return state
        }
    }

    /// Records where the copy stands.
    public func saveReplicaState(_ state: TeamReplicaState, now: Date = Date()) throws {
        let cursors = String(decoding: try JSONEncoder().encode(state.cursors), as: UTF8.self)
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO team_replica (id, identity, origin, applied_seq, cursors, log_id, updated_at)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET identity = excluded.identity, origin = excluded.origin,
                        applied_seq = excluded.applied_seq, cursors = excluded.cursors, log_id = excluded.log_id,
                        updated_at = excluded.updated_at
                    """,
                arguments: [
                    state.identity, state.origin, state.appliedSeq, cursors, state.logID,
                    Int64(now.timeIntervalSince1970),
                ])
        }
    }

    /// Drops the raw JSON a copy made before copies left it out (`PostgresStore.copyColumns`): invoices' and
    /// subscriptions'; no pane reads it and the team store keeps it. Such a copy holds invoices' JSON, so that is
    /// the one question asked every round; the invoices' table goes in one statement with no WHERE, which SQLite
    /// carries out by freeing its pages. The file keeps its size and reuses them.
    public func forgetCopiedJSON() throws {
        // Read first: a copy with nothing to drop takes no write lock for it.
        guard try pool.read({ try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM invoice_raw)") }) == true
        else { return }
        try pool.write { db in
            try db.execute(sql: "DELETE FROM invoice_raw")
            try db.execute(sql: "UPDATE subscription SET raw = '' WHERE raw != ''")
        }
    }

    /// The sources with a stream mid-listing (`running`): a copy leaves their aggregates to the stream's end, as
    /// the dashboard does for its own fetcher, instead of refreshing them after every page.
    public func sourcesSyncing() throws -> Set<Int64> {
        try pool.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT source_id FROM sync_state WHERE phase = 'running'"))
        }
    }

    /// Writes the team's journal rows as they are there (same id, token, times, outcome), each under the copy's
    /// own id for its source: the audit, the customer's timeline and the action history read them as they read
    /// a single user's journal.
    public func mirrorJournal(_ entries: [ActionJournalEntry], sourceIDs: [Int64: Int64]) throws {
        guard !entries.isEmpty else { return }
        try pool.write { db in
            for e in entries {
                guard let source = sourceIDs[e.sourceID] else { continue }
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO action_journal (id, source_id, kind, object_kind, object_id, customer_id,
                            parameters, token, who, host, created_at, sent_at, finished_at, sends, state,
                            provider_status, message, duration_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        e.id, source, e.kind, e.objectKind, e.objectID, e.customerID, e.parameters, e.token, e.who,
                        e.host, e.createdAt, e.sentAt, e.finishedAt, e.sends, e.state.rawValue, e.providerStatus,
                        e.message, e.durationMs,
                    ])
            }
        }
    }
}
