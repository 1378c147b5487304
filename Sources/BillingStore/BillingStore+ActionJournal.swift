import Foundation
import GRDB

/// The action journal's typed API: begin (before any request), mark sent, finish, and read back the
/// unfinished attempts to resume and every attempt for the audit.
extension BillingStore {
    /// What a new attempt is about; `begin` adds the token, the time and the row id.
    public struct ActionDraft: Sendable, Hashable {
        public var sourceID: Int64
        public var kind: String
        public var objectKind: String
        public var objectID: String
        public var customerID: String?
        public var parameters: String
        public var who: String
        public var host: String

        public init(
            sourceID: Int64, kind: String, objectKind: String, objectID: String, customerID: String?,
            parameters: String, who: String, host: String
        ) {
            self.sourceID = sourceID
            self.kind = kind
            self.objectKind = objectKind
            self.objectID = objectID
            self.customerID = customerID
            self.parameters = parameters
            self.who = who
            self.host = host
        }
    }

    /// Journals a new attempt with a fresh token, committed before this returns: the request may leave only
    /// after it. `token` is for tests; a random UUID otherwise (unguessable, unique per attempt).
    public func beginAction(_ draft: ActionDraft, token: String = UUID().uuidString.lowercased(), now: Date = Date())
        throws -> ActionJournalEntry
    {
        let created = Self.milliseconds(now)
        return try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO action_journal (source_id, kind, object_kind, object_id, customer_id, parameters,
                        token, who, host, created_at, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
                    """,
                arguments: [
                    draft.sourceID, draft.kind, draft.objectKind, draft.objectID, draft.customerID, draft.parameters,
                    token, draft.who, draft.host, created,
                ])
            return ActionJournalEntry(
                id: db.lastInsertedRowID, sourceID: draft.sourceID, kind: draft.kind, objectKind: draft.objectKind,
                objectID: draft.objectID, customerID: draft.customerID, parameters: draft.parameters, token: token,
                who: draft.who, host: draft.host, createdAt: created)
        }
    }

    /// Records that the request is about to leave (again): state `sent`, one more send. Committed before the
    /// request goes, so a crash from here on leaves an attempt to resume with the same token.
    public func markActionSent(id: Int64, now: Date = Date()) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE action_journal SET state = 'sent', sent_at = ?, sends = sends + 1 WHERE id = ?",
                arguments: [Self.milliseconds(now), id])
        }
    }

    /// Records how an attempt ended; `message` must already be sanitised. A state that is not final (`sent`: no
    /// answer, or one that does not say whether the provider acted) keeps the attempt open to be resumed.
    public func finishAction(
        id: Int64, state: ActionJournalEntry.State, providerStatus: Int?, message: String, durationMs: Int?,
        now: Date = Date()
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE action_journal SET state = ?, provider_status = ?, message = ?, duration_ms = ?,
                        finished_at = ? WHERE id = ?
                    """,
                arguments: [
                    state.rawValue, providerStatus, message, durationMs, state.isFinal ? Self.milliseconds(now) : nil,
                    id,
                ])
        }
    }

    /// Attempts of `sourceID` that were journalled or sent but never finished, oldest first: the next attempt
    /// on the same object resumes them with their token instead of making a new one.
    public func pendingActions(sourceID: Int64) throws -> [ActionJournalEntry] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM action_journal WHERE source_id = ? AND state IN ('pending', 'sent') ORDER BY id",
                arguments: [sourceID]
            ).map(Self.journalEntry)
        }
    }

    /// The attempt with row id `id`, if any.
    public func action(id: Int64) throws -> ActionJournalEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM action_journal WHERE id = ?", arguments: [id]).map(
                Self.journalEntry)
        }
    }

    /// The attempt journalled under `token`, if any. One person's journal is small, so no index is kept for it.
    public func action(token: String) throws -> ActionJournalEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM action_journal WHERE token = ?", arguments: [token]).map(
                Self.journalEntry)
        }
    }

    /// Every attempt (or those about `customerID`), newest first, at most `limit`.
    public func actions(customerID: String? = nil, limit: Int = 10_000) throws -> [ActionJournalEntry] {
        try pool.read { db in
            if let customerID {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM action_journal WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
                    arguments: [customerID, limit]
                ).map(Self.journalEntry)
            }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM action_journal ORDER BY id DESC LIMIT ?", arguments: [limit]
            ).map(Self.journalEntry)
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// One row as an entry; a state written by a newer billtop reads as `failed` (never resumed).
    static func journalEntry(_ row: Row) -> ActionJournalEntry {
        ActionJournalEntry(
            id: row["id"], sourceID: row["source_id"], kind: row["kind"], objectKind: row["object_kind"],
            objectID: row["object_id"], customerID: row["customer_id"], parameters: row["parameters"],
            token: row["token"], who: row["who"], host: row["host"], createdAt: row["created_at"],
            sentAt: row["sent_at"], finishedAt: row["finished_at"], sends: row["sends"],
            state: ActionJournalEntry.State(rawValue: row["state"]) ?? .failed, providerStatus: row["provider_status"],
            message: row["message"], durationMs: row["duration_ms"])
    }
}
