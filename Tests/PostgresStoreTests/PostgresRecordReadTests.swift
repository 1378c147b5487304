import BillingCore
import BillingStore
import BillingSync
import Testing

/// The team store reads a customer back as the SQLite store does: every subscription with its components and
/// coupons, every invoice with its lines and payments, each with its own children (the children of many
/// records are read in one query per table and handed back by parent).
@Suite struct PostgresRecordReadTests {
    @Test func everyCustomerReadsBackAsOnSQLite() async throws {
        let twin = try await SyncTwin.start("reads")
        defer { Task { await twin.stop() } }
        let synced = try await twin.syncBoth(full: true)
        #expect(synced.sqlite.ok && synced.postgres.ok)
        let customers = try twin.sqlite.customers(limit: 1_000).items
        #expect(customers.count > 10)
        var withChildren = 0
        for stored in customers {
            let lite = try #require(try twin.sqlite.customer(stored.key))
            let team = try #require(try await twin.postgres.customer(stored.key))
            #expect(team.subscriptions.map { "\($0.value)" } == lite.subscriptions.map { "\($0.value)" })
            #expect(team.invoices.map { "\($0.value)" } == lite.invoices.map { "\($0.value)" })
            if lite.subscriptions.count > 1 || lite.invoices.count > 1 { withChildren += 1 }
        }
        // Customers with several records are what tells a child row put under the wrong parent.
        #expect(withChildren > 5)
    }
}
