import Foundation
import PostgresNIO

/// The actions journal on PostgreSQL (`action_journal`, the same columns as SQLite's): every step committed
/// before this returns, so a request leaves only after its row is there, as `BillingStore+ActionJournal` says.
extension PostgresStore {
    public func beginAction(
        _ draft: BillingStore.ActionDraft, token: String = UUID().uuidString.lowercased(), now: Date = Date()
    ) async throws -> ActionJournalEntry {
        let created = BillingStore.milliseconds(now)
        let d = draft
        let (kind, objectKind, objectID, parameters) = (
            PostgresText.safe(d.kind), PostgresText.safe(d.objectKind), PostgresText.safe(d.objectID),
            PostgresText.safe(d.parameters)
        )
        let (customerID, who, host) = (
            PostgresText.safe(d.customerID), PostgresText.safe(d.who), PostgresText.safe(d.host)
        )
        return try await transaction("journal an action") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO action_journal (source_id, kind, object_kind, object_id, customer_id, parameters, token,
                    who, host, created_at, state)
                VALUES (\(d.sourceID), \(kind), \(objectKind), \(objectID), \(customerID), \(parameters), \(token),
                    \(who), \(host), \(created), 'pending')
                RETURNING id
                """, logger: PostgresConnector.silent)
            for try await id in rows.decode(Int64.self) {
                _ = try await Self.logChange(connection, what: "action_journal", sourceID: d.sourceID, rows: 1)
                return ActionJournalEntry(
                    id: id, sourceID: d.sourceID, kind: d.kind, objectKind: d.objectKind, objectID: d.objectID,
                    customerID: d.customerID, parameters: d.parameters, token: token, who: d.who, host: d.host,
                    createdAt: created)
            }
            throw PostgresStoreError(message: "the store returned no journal id", sqlState: nil)
        }
    }

    public func markActionSent(id: Int64, now: Date = Date()) async throws {
        let at = BillingStore.milliseconds(now)
        _ = try await serially("mark an action sent") { connection in
            try await connection.query(
                "UPDATE action_journal SET state = 'sent', sent_at = \(at), sends = sends + 1 WHERE id = \(id)",
                logger: PostgresConnector.silent)
        }
    }

    public func finishAction(
        id: Int64, state: ActionJournalEntry.State, providerStatus: Int?, message: String, durationMs: Int?,
        now: Date = Date()
    ) async throws {
        let finished = state.isFinal ? BillingStore.milliseconds(now) : nil
        let (status, duration) = (providerStatus, durationMs)
        let message = PostgresText.safe(message)
        try await transaction("record how an action ended") { connection in
            let rows = try await connection.query(
                """
                UPDATE action_journal SET state = \(state.rawValue), provider_status = \(status), message = \(message),
                    duration_ms = \(duration), finished_at = \(finished) WHERE id = \(id) RETURNING source_id
                """, logger: PostgresConnector.silent)
            for try await source in rows.decode(Int64.self) {
                _ = try await Self.logChange(connection, what: "action_journal", sourceID: source, rows: 1)
            }
        }
    }

    public func pendingActions(sourceID: Int64) async throws -> [ActionJournalEntry] {
        try await journal(
            "SELECT * FROM action_journal WHERE source_id = \(sourceID) AND state IN ('pending', 'sent') ORDER BY id")
    }

    public func action(id: Int64) async throws -> ActionJournalEntry? {
        try await journal("SELECT * FROM action_journal WHERE id = \(id)").first
    }

    /// Unique by `v11-pg-journal-token`, so two writers can never journal one request twice.
    public func action(token: String) async throws -> ActionJournalEntry? {
        try await journal("SELECT * FROM action_journal WHERE token = \(token)").first
    }

    public func actions(customerID: String? = nil, limit: Int = 10_000) async throws -> [ActionJournalEntry] {
        try await journal(
            """
            SELECT * FROM action_journal WHERE (\(customerID)::text IS NULL OR customer_id = \(customerID))
            ORDER BY id DESC LIMIT \(limit)
            """)
    }

    private func journal(_ query: PostgresQuery) async throws -> [ActionJournalEntry] {
        try await serially("read its action journal") { connection in
            try await PostgresRows.all(connection.query(query, logger: PostgresConnector.silent)).map {
                BillingStore.journalEntry($0.row)
            }
        }
    }
}
