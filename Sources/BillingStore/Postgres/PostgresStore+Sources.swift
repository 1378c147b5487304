import Foundation
import PostgresNIO

extension PostgresStore {
    /// Registers (or updates) the source called `name`, as `BillingStore.registerSource` does.
    public func registerSource(name: String, kind: String, baseURL: String, account: String = "") async throws
        -> SourceInfo
    {
        let now = Int64(Date().timeIntervalSince1970)
        let (name, kind, baseURL, account) = (
            PostgresText.safe(name), PostgresText.safe(kind), PostgresText.safe(baseURL), PostgresText.safe(account)
        )
        return try await serially("register the source") { connection in
            let rows = try await connection.query(
                """
                INSERT INTO source (name, kind, base_url, account, created_at) VALUES (\(name), \(kind), \(baseURL),
                    \(account), \(now))
                ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, base_url = excluded.base_url,
                    account = excluded.account
                RETURNING id
                """, logger: PostgresConnector.silent)
            for try await id in rows.decode(Int64.self) {
                return SourceInfo(id: id, name: name, kind: kind, baseURL: baseURL, account: account)
            }
            throw PostgresStoreError(message: "the store returned no source id", sqlState: nil)
        }
    }

    /// Every registered billing source, by name; with `includingCRM`, the GHL locations serve registered too
    /// (kind `ghl`, the location id as account), which serve leads and takes webhooks for like billing sources.
    /// Everything else (viewers' copies, actions, read commands) deals in billing sources only, as a SQLite
    /// store keeps GHL locations apart from its sources.
    public func sources() async throws -> [SourceInfo] { try await sources(includingCRM: false) }

    public func sources(includingCRM: Bool) async throws -> [SourceInfo] {
        try await serially("list the sources") { connection in
            let rows = try await connection.query(
                "SELECT id, name, kind, base_url, account FROM source WHERE \(includingCRM) OR kind <> 'ghl' ORDER BY name",
                logger: PostgresConnector.silent)
            var sources: [SourceInfo] = []
            for try await (id, name, kind, baseURL, account) in rows.decode(
                (Int64, String, String, String, String).self)
            {
                sources.append(SourceInfo(id: id, name: name, kind: kind, baseURL: baseURL, account: account))
            }
            return sources
        }
    }
}
