/// What the fetcher writes beyond customers (migration `v11-pg-sync`): the columns SQLite's writer keeps to
/// leave unchanged rows alone (a subscription's content digest, an invoice's raw digest), the events, the
/// allocation histories, a complete listing's seen ids and the sync log, in the SQLite store's shape
/// (`Schema/CoreTables.swift`, `Schema/AllocationTables.swift`). An invoice's raw JSON stays in its row here:
/// SQLite moved it apart only to keep its scans short, which PostgreSQL's out-of-line storage does by itself.
enum PostgresSyncTables {
    static let statements: [String] = [
        "ALTER TABLE subscription ADD COLUMN content_digest bigint, ADD COLUMN expires_at bigint",
        "ALTER TABLE invoice ADD COLUMN raw_digest bigint, ADD COLUMN unreadable_amounts integer NOT NULL DEFAULT 0",
        """
        CREATE TABLE event (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES source(id),
            remote_id bigint NOT NULL,
            key text NOT NULL, message text NOT NULL,
            subscription_remote_id text, customer_remote_id text,
            created_at bigint,
            data text NOT NULL,
            raw text NOT NULL,
            UNIQUE (source_id, remote_id)
        )
        """,
        "CREATE INDEX event_by_subscription ON event (source_id, subscription_remote_id, remote_id)",
        """
        CREATE TABLE component_allocation (
            source_id bigint NOT NULL REFERENCES source(id),
            subscription_remote_id text NOT NULL,
            component_id text NOT NULL,
            allocation_id bigint NOT NULL,
            at bigint NOT NULL,
            quantity text NOT NULL,
            previous_quantity text NOT NULL,
            price_point_id text,
            previous_price_point_id text,
            PRIMARY KEY (source_id, subscription_remote_id, component_id, allocation_id)
        )
        """,
        """
        CREATE TABLE sync_seen (
            source_id bigint NOT NULL,
            stream text NOT NULL,
            remote_id text NOT NULL,
            PRIMARY KEY (source_id, stream, remote_id)
        )
        """,
        """
        CREATE TABLE sync_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source_id bigint,
            stream text,
            at bigint NOT NULL,
            kind text NOT NULL,
            status integer,
            duration_ms bigint,
            records bigint,
            message text NOT NULL,
            record_issue text
        )
        """,
        "CREATE INDEX sync_log_by_time ON sync_log (at, id)",
    ]
}
