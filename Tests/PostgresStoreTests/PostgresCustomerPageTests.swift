import BillingCore
import BillingStore
import Testing

/// A customers page on PostgreSQL: rows and checkpoint in one transaction, one announced change per page that
/// changed something, and the type-ahead search over what was written.
@Suite struct PostgresCustomerPageTests {
    static func customer(_ id: String, _ first: String, _ last: String, _ email: String, org: String = "")
        -> Incoming<Customer>
    {
        Incoming(
            value: Customer(id: id, firstName: first, lastName: last, email: email, organization: org),
            raw: #"{"id":\#(id)}"#)
    }

    static let page = [
        customer("1", "Ada", "Lovelace", "ada@analytical.example", org: "Analytical Engines"),
        customer("2", "Grace", "Hopper", "grace@navy.example", org: "Navy"),
        customer("3", "Alan", "Turing", "alan@bletchley.example"),
    ]

    @Test func aPageCommitsWithItsCheckpointAndOneChange() async throws {
        let url = try await PostgresTestCluster.shared().database("page")
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        let before = try await store.latestChange()
        let checkpoint = StreamState(phase: .running, page: 2, recordsThisRun: 3, updatedAt: 1_700_000_000)
        let changed = try await store.commitCounting(
            PageWrite(sourceID: source.id, stream: "customers", customers: Self.page, checkpoint: checkpoint))
        #expect(changed == 3)
        #expect(try await store.streamState(sourceID: source.id, stream: "customers") == checkpoint)
        let changes = try await store.changes(after: before)
        #expect(changes.map(\.what) == ["customers"])
        #expect(changes.map(\.rows) == [3])
        #expect(changes.map(\.sourceID) == [source.id])

        // The same page again changes no row, so nothing is announced; the checkpoint still moves.
        let next = StreamState(phase: .idle, page: 0, recordsThisRun: 3, updatedAt: 1_700_000_060)
        let again = try await store.commitCounting(
            PageWrite(sourceID: source.id, stream: "customers", customers: Self.page, checkpoint: next))
        #expect(again == 0)
        #expect(try await store.changes(after: before).count == 1)
        #expect(try await store.streamState(sourceID: source.id, stream: "customers") == next)
        await store.close()
    }

    @Test func aPageTheServerRefusesHalfwayWritesNothing() async throws {
        let url = try await PostgresTestCluster.shared().database("refused")
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        // The server refuses the page's invoices, written after its customers: the customers must go too.
        try await AdminSQL.execute(
            url,
            [
                """
                CREATE FUNCTION refuse_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'no invoices today'; END $$
                """,
                "CREATE TRIGGER refuse BEFORE INSERT ON invoice FOR EACH ROW EXECUTE FUNCTION refuse_invoice()",
            ])
        let invoice = Incoming(
            value: Invoice(
                id: "inv_1", number: "1", customerID: "1", status: .open, currency: .usd,
                total: Money(minorUnits: 100, currency: .usd), due: Money(minorUnits: 100, currency: .usd)),
            raw: "{}")
        let before = try await store.latestChange()
        await #expect {
            try await store.commit(
                PageWrite(
                    sourceID: source.id, stream: "customers", customers: Self.page, invoices: [invoice],
                    checkpoint: StreamState(phase: .running, page: 2, updatedAt: 1)))
        } throws: { error in
            "\(error)".contains("no invoices today")
        }
        #expect(try await store.customers(limit: 10).isEmpty)
        #expect(try await store.streamState(sourceID: source.id, stream: "customers").page == 0)
        #expect(try await store.latestChange() == before)
        await store.close()
    }

    @Test func aNulInAnAPIStringIsStoredNotFatal() async throws {
        let url = try await PostgresTestCluster.shared().database("nul")
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        let hostile = Self.customer("9", "Eve\u{0}", "Null", "eve@example.com")
        try await store.commit(PageWrite(sourceID: source.id, stream: "customers", customers: [hostile]))
        #expect(try await store.customers(limit: 10).map(\.value.firstName) == ["Eve\u{FFFD}"])
        await store.close()
    }

    @Test func searchFindsWordPrefixesAndPartsOfAddresses() async throws {
        let url = try await PostgresTestCluster.shared().database("search")
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        try await store.commit(PageWrite(sourceID: source.id, stream: "customers", customers: Self.page))
        func ids(_ query: String) async throws -> [String] {
            try await store.searchCustomers(query: query, limit: 10).map(\.value.id)
        }
        #expect(try await ids("lov") == ["1"])  // a word's prefix (full-text)
        #expect(try await ids("analyt eng") == ["1"])  // every word must match
        #expect(try await ids("bletchley") == ["3"])  // inside an e-mail address (trigram)
        #expect(try await ids("a") == ["1", "3", "2"])  // by name: ada, alan, grace
        #expect(try await ids("hopper navy") == ["2"])
        #expect(try await ids("nobody") == [])
        #expect(try await ids("'); DROP TABLE customer; --") == [])
        #expect(try await store.customers(limit: 10).count == 3)
        await store.close()
    }
}
