import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// The record cache must never change a byte: pages spliced from cached records equal pages written from
/// scratch, after writes, after the world advances, after edits that leave `updated_at` alone, and
/// under a budget so small that entries are evicted all the time.
@Suite struct EncodedRecordCacheTests {
    /// Every cached listing shape, several page sizes and orders.
    static let chargifyQueries: [(path: String, query: String)] = [
        ("/customers.json", "per_page=40&page=2"), ("/subscriptions.json", "per_page=40"),
        ("/invoices.json", "per_page=40"), ("/invoices.json", "per_page=30&page=2&line_items=true"),
        ("/invoices.json", "per_page=30&payments=true&direction=asc"),
        ("/invoices.json", "per_page=40&line_items=true&payments=true&sort=updated_at"),
        ("/invoices.json", "per_page=40&line_items=true&payments=true&status=open"),
    ]
    static let trutoQueries: [(path: String, query: String)] = [
        ("/unified/subscription-management/customers", "limit=40"),
        ("/unified/subscription-management/invoices", "limit=40"),
        ("/unified/subscription-management/invoices", "limit=30&sort_by[created_at]=asc"),
        ("/proxy/invoices", "limit=40&line_items=true&payments=true"),
    ]

    /// Each query's body from routes that use `records`, and from routes that encode everything anew.
    static func bodies(_ company: Company, records: EncodedRecordCache?) -> [[UInt8]] {
        let engine = ListingEngine(cache: ListingCache(), version: company.version, records: records)
        let chargify = ChargifyRoutes(company: company, engine: engine)
        let truto = TrutoRoutes(company: company, engine: engine, plan: .none, wallClock: 0)
        var out: [[UInt8]] = []
        for (path, query) in chargifyQueries {
            let request = SandboxRequest(method: "GET", path: path, rawQuery: query)
            out.append(chargify.handle(request, segments: path.split(separator: "/").map(String.init))?.body ?? [])
        }
        for (path, query) in trutoQueries {
            out.append(truto.handle(SandboxRequest(method: "GET", path: path, rawQuery: query)).body)
        }
        return out
    }

    static func expectCachedEqualsFresh(_ company: Company, _ records: EncodedRecordCache, _ note: String) {
        let fresh = bodies(company, records: nil)
        let cached = bodies(company, records: records)
        #expect(fresh.allSatisfy { $0.count > 2 }, "\(note): every query answered")
        for (index, pair) in zip(fresh, cached).enumerated() {
            // Compared as a Bool so a failure names the first differing byte instead of printing both pages.
            let common = min(pair.0.count, pair.1.count)
            let firstDifference =
                (0..<common).first { pair.0[$0] != pair.1[$0] } ?? (pair.0.count == pair.1.count ? nil : common)
            #expect(
                firstDifference == nil,
                "\(note): query \(index) differs from byte \(firstDifference ?? 0) when spliced from the cache")
        }
    }

    @Test func cachedPagesEqualFreshOnesAfterWritesAndAdvances() async throws {
        let (server, client) = try await TestSandbox.start(hostile: true)
        defer { Task { await server.stop() } }
        let records = EncodedRecordCache()
        // A record is stored on its second read and served from the cache from its third.
        Self.expectCachedEqualsFresh(await server.world.company, records, "first read")
        Self.expectCachedEqualsFresh(await server.world.company, records, "second read")
        Self.expectCachedEqualsFresh(await server.world.company, records, "third read")
        #expect(records.counts.hits > 0, "the third read is served from the cache")
        let body: [String: Any] = ["customer": ["first_name": "Zoë", "last_name": "Q", "email": "zq@example.com"]]
        #expect(try await client.send("POST", "/customers.json", body: body).status == 201)
        Self.expectCachedEqualsFresh(await server.world.company, records, "after a write")
        for days: Int64 in [2, 30] {
            await server.world.advance(seconds: days * 86_400)
            Self.expectCachedEqualsFresh(await server.world.company, records, "after advancing \(days) days")
        }
    }

    @Test func anEditThatKeepsUpdatedAtStillRefreshesTheRecord() async throws {
        var company = CompanyGenerator.generate(TestSandbox.configuration())
        let records = EncodedRecordCache()
        Self.expectCachedEqualsFresh(company, records, "seen")
        Self.expectCachedEqualsFresh(company, records, "stored")
        // The embedded customer changes, the invoice itself does not; and a subscription changes
        // without its updated_at moving (as a dunning retry date does).
        let customerID = company.invoices[company.invoices.count - 1].customerID
        let position = try #require(company.customerIndex(id: customerID))
        company.customers[position].email = "renamed@example.com"
        company.subscriptions[5].nextAssessmentAt = (company.subscriptions[5].nextAssessmentAt ?? 0) + 86_400
        company.invoices[0].memo = "edited in place"
        let misses = records.counts.misses
        Self.expectCachedEqualsFresh(company, records, "after in-place edits")
        #expect(records.counts.misses > misses, "changed records were encoded again")
        let invoices = Self.bodies(company, records: records)[2]
        #expect(String(decoding: invoices, as: UTF8.self).contains("renamed@example.com"))
    }

    @Test func aRecordIsStoredOnlyOnItsSecondRead() {
        let company = CompanyGenerator.generate(TestSandbox.configuration())
        let records = EncodedRecordCache()
        let engine = ListingEngine(cache: ListingCache(), version: company.version, records: records)
        let routes = ChargifyRoutes(company: company, engine: engine)
        let request = SandboxRequest(method: "GET", path: "/customers.json", rawQuery: "per_page=10")
        let bodies = (0..<3).map { _ in routes.handle(request, segments: ["customers.json"])?.body ?? [] }
        #expect(bodies[0] == bodies[1] && bodies[1] == bodies[2])
        #expect(records.counts.hits == 10 && records.counts.misses == 20, "read 1 and 2 encode, read 3 splices")
        #expect(records.size.entries == 10)
    }

    @Test func aTinyBudgetEvictsButNeverChangesBytes() {
        let company = CompanyGenerator.generate(TestSandbox.configuration())
        let records = EncodedRecordCache(budgetBytes: 64 << 10)
        for round in 1...3 { Self.expectCachedEqualsFresh(company, records, "round \(round)") }
        let size = records.size
        #expect(size.bytes <= 64 << 10, "stays within its budget (\(size.bytes) bytes in \(size.entries) entries)")
        #expect(size.entries > 0)
    }
}
