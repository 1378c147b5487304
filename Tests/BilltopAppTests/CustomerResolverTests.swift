import BillingCore
import BillingStore
import BilltopApp
import Testing

/// Which customers `billtop open` finds for each kind of argument, and where the dashboard then opens.
struct CustomerResolverTests {
    func start(_ text: String, _ fixture: OpenStore, configured: [CustomerResolver.Site] = []) throws -> StartPoint {
        try CustomerResolver(store: fixture.store, configured: configured)
            .startPoint(for: try OpenArgument.parse(text), raw: text)
    }

    func failure(_ text: String, _ fixture: OpenStore) -> String? {
        do {
            _ = try start(text, fixture)
            return nil
        } catch let error as OpenFailure { return error.message } catch { return "\(error)" }
    }

    let jane = StartPoint.customer(CustomerKey(source: "acme", id: "1001"))

    @Test func oneMatchOpensTheCustomer() throws {
        let f = try OpenStore()
        defer { f.remove() }
        #expect(try start("CRM-1", f) == jane)
        #expect(try start("https://acme.chargify.com/customers/1001", f) == jane)
        #expect(try start("https://ACME.chargify.com:443/subscriptions/50", f) == jane)
        #expect(try start("https://acme.chargify.com/invoices/inv_7a", f) == jane)
        #expect(try start("seven@ACME.io", f) == .customer(CustomerKey(source: "acme", id: "7")))
    }

    @Test func severalMatchesOpenTheSearch() throws {
        let f = try OpenStore()
        defer { f.remove() }
        // Jane is in two sources under one email and one id.
        #expect(try start("jane@acme.io", f) == .search("jane@acme.io"))
        #expect(try start("1001", f) == .search("1001"))
        // "7" is customer 7's id and Jane's invoice number: both are shown, neither is guessed.
        let resolver = CustomerResolver(store: f.store)
        #expect(
            try resolver.matches(.text("7")) == [
                CustomerKey(source: "acme", id: "7"), CustomerKey(source: "acme", id: "1001"),
            ])
        #expect(try start("7", f) == .search("7"))
    }

    @Test func noMatchSaysSoInOneSanitisedLine() throws {
        let f = try OpenStore()
        defer { f.remove() }
        let none = try #require(failure("nobody\u{1B}[2J@x.com", f))
        #expect(none.hasPrefix("no customer matches nobody") && !none.contains("\u{1B}"))
        #expect(failure("https://acme.chargify.com/customers/999", f)?.hasPrefix("no customer matches") == true)
        // A customer id of the right site only: beta's 1001 is not acme's URL.
        #expect(failure("https://acme.chargify.com/invoices/inv_nope", f)?.hasPrefix("no customer matches") == true)
    }

    @Test func onlyAKnownSitesHostIsAccepted() throws {
        let f = try OpenStore()
        defer { f.remove() }
        let unknown = try #require(failure("https://evil.example/customers/1001", f))
        #expect(unknown.contains("unknown host evil.example"))
        #expect(unknown.contains("acme.chargify.com") && unknown.contains("127.0.0.1:9"))
        // Same host, another port: another site.
        #expect(failure("http://127.0.0.1:10/customers/1001", f)?.contains("unknown host 127.0.0.1") == true)
        #expect(try start("http://127.0.0.1:9/customers/1001", f) == .customer(CustomerKey(source: "beta", id: "1001")))
        // A configured source's host counts, even when the store has nothing of it yet.
        let site = CustomerResolver.Site(name: "gamma", baseURL: "https://gamma.chargify.com")
        #expect(throws: OpenFailure.self) { try start("https://gamma.chargify.com/customers/1", f, configured: [site]) }
        do {
            _ = try start("https://gamma.chargify.com/customers/1", f, configured: [site])
        } catch let error as OpenFailure { #expect(error.message.hasPrefix("no customer matches")) }
    }
}
