/// `v11-pg-webhooks`: the webhooks `billtop serve` has accepted. A row is written before the sender gets its
/// 200, so a provider's retry of the same webhook id (Chargify sends up to 5) finds it and is dropped, whichever
/// serve of the cluster received either; the leader of the row's source re-reads the named objects and stamps
/// `handled_at`. Every column a sender controls is bounded by a check, since any serve reads every row.
enum PostgresWebhookTables {
    static let statements: [String] = [
        """
        CREATE TABLE webhook_receipt (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            provider text NOT NULL CHECK (provider IN ('chargify', 'ghl')),
            source_id bigint NOT NULL REFERENCES source(id),
            webhook_id text NOT NULL CHECK (length(webhook_id) BETWEEN 1 AND 128),
            event text NOT NULL DEFAULT '' CHECK (length(event) <= 128),
            targets text NOT NULL DEFAULT '' CHECK (length(targets) <= 4096),
            received_at timestamptz NOT NULL DEFAULT now(),
            handled_at timestamptz,
            UNIQUE (provider, source_id, webhook_id)
        )
        """,
        "CREATE INDEX webhook_receipt_open ON webhook_receipt (source_id, id) WHERE handled_at IS NULL",
    ]
}
