import GRDB

/// Migration `v7-subscription-expires-at`: subscriptions keep the provider's `expires_at`, the end of an
/// expired subscription in MRR history (before it, the end was guessed from the current period, which
/// usually runs past the day a subscription expired).
///
/// Rows written before it get the value from their raw JSON (the envelope `{"subscription": {...}}` or the
/// bare object), so an upgraded store's history is right at once rather than when each row next changes.
enum SubscriptionExpiry {
    static func addColumn(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE subscription ADD COLUMN expires_at INTEGER")
        // `strftime('%s', ...)` reads ISO 8601 with a `Z` or `±HH:MM` offset; anything else stays NULL.
        try db.execute(
            sql: """
                UPDATE subscription SET expires_at = CAST(strftime('%s', value) AS INTEGER)
                FROM (SELECT id AS row_id, coalesce(json_extract(raw, '$.subscription.expires_at'), json_extract(raw, '$.expires_at')) AS value
                      FROM subscription WHERE json_valid(raw)) AS found
                WHERE subscription.id = found.row_id AND found.value IS NOT NULL AND strftime('%s', found.value) IS NOT NULL
                """)
    }
}
