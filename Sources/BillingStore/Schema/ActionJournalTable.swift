import GRDB

/// The action journal (issue 17): one row per attempt to change something at a provider, written before the
/// request leaves, so a crash, a lost connection or a timeout after sending leaves a row whose token the next
/// attempt reuses. The same rows are the audit trail.
enum ActionJournalTable {
    static func create(_ db: Database) throws {
        // Times are milliseconds since 1970 (UTC): an action finishes in well under a second on a near server,
        // and the audit shows how long it took. `parameters` is JSON text that never holds a key.
        try db.execute(
            sql: """
                CREATE TABLE action_journal (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    kind TEXT NOT NULL,
                    object_kind TEXT NOT NULL,
                    object_id TEXT NOT NULL,
                    customer_id TEXT,
                    parameters TEXT NOT NULL DEFAULT '{}',
                    token TEXT NOT NULL,
                    who TEXT NOT NULL DEFAULT '',
                    host TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER,
                    finished_at INTEGER,
                    sends INTEGER NOT NULL DEFAULT 0,
                    state TEXT NOT NULL DEFAULT 'pending',
                    provider_status INTEGER,
                    message TEXT NOT NULL DEFAULT '',
                    duration_ms INTEGER
                );
                CREATE INDEX action_journal_open ON action_journal (source_id, state) WHERE state IN ('pending', 'sent');
                CREATE INDEX action_journal_customer ON action_journal (customer_id, id);
                """)
    }
}
