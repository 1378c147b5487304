import PostgresNIO

/// Webhooks on the team store: recorded once per provider, source and webhook id whichever serve received them,
/// announced on the change feed so the source's leader wakes, and stamped when the leader has re-read them.
extension PostgresStore {
    /// The providers whose webhooks serve accepts (`webhook_receipt.provider`'s check).
    public enum WebhookProvider: String, Sendable {
        case chargify, ghl
    }

    /// Records a verified webhook; false when its id was recorded before (a retry: drop it, answer 200).
    /// The row and its announcement commit together.
    public func recordWebhook(
        provider: WebhookProvider, sourceID: Int64, webhookID: String, event: String, targets: [WebhookTarget]
    ) async throws -> Bool {
        let webhookID = PostgresText.safe(String(webhookID.prefix(128)))
        let event = PostgresText.safe(String(event.prefix(128)))
        let stored = WebhookTarget.encode(Array(targets.prefix(32)))
        return try await transaction("record a webhook") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO webhook_receipt (provider, source_id, webhook_id, event, targets)
                VALUES (\(provider.rawValue), \(sourceID), \(webhookID), \(event), \(stored))
                ON CONFLICT (provider, source_id, webhook_id) DO NOTHING RETURNING id
                """, logger: PostgresConnector.silent)
            var fresh = false
            for try await _ in rows.decode(Int64.self) { fresh = true }
            if fresh { _ = try await Self.logChange(connection, what: "webhook", sourceID: sourceID, rows: 1) }
            return fresh
        }
    }

    /// The source's webhooks not yet acted on, oldest first.
    public func pendingWebhooks(sourceID: Int64, limit: Int = 100) async throws -> [WebhookReceipt] {
        try await serially("read the webhooks to act on") { connection in
            let rows = try await connection.query(
                """
                SELECT id, provider, source_id, webhook_id, event, targets FROM webhook_receipt
                WHERE source_id = \(sourceID) AND handled_at IS NULL ORDER BY id LIMIT \(Int64(limit))
                """, logger: PostgresConnector.silent)
            var found: [WebhookReceipt] = []
            for try await (id, provider, source, webhookID, event, targets) in rows.decode(
                (Int64, String, Int64, String, String, String).self)
            {
                found.append(
                    WebhookReceipt(
                        id: id, provider: provider, sourceID: source, webhookID: webhookID, event: event,
                        targets: WebhookTarget.decode(targets)))
            }
            return found
        }
    }

    /// Stamps a webhook as acted on.
    public func markWebhookHandled(id: Int64) async throws {
        _ = try await serially("mark a webhook handled") { connection in
            try await connection.query(
                "UPDATE webhook_receipt SET handled_at = now() WHERE id = \(id)", logger: PostgresConnector.silent)
        }
    }
}
