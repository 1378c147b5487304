import BillingStore

extension CustomersCommand {
    /// `billtop customers QUERY --store postgres://...`: the same search and output on the team store, read with
    /// the viewer's rights (nothing is written, so a read-only role is enough).
    func searchPostgres(_ url: PostgresStoreURL) async throws {
        let db = try await PostgresStore.openForReading(url)
        do {
            let sources = Dictionary(uniqueKeysWithValues: try await db.sources().map { ($0.id, $0.name) })
            let text = query.joined(separator: " ")
            let found =
                query.isEmpty
                ? try await db.customers(limit: limit) : try await db.searchCustomers(query: text, limit: limit)
            await db.close()
            print(render(found, sources: sources), terminator: "")
        } catch let refused as PostgresStoreError {
            await db.close()
            throw CommandFailure(refused.message, status: .store)
        }
    }
}
