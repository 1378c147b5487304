import Foundation
import Testing

@testable import Sandbox

/// Same seed and the same writes give the same company, also after the world has lived on.
@Suite struct ActionDeterminismTests {
    /// Every kind of write, on records chosen by state, then a week of world time; the company's bytes after.
    static func run(writes: Bool) async throws -> [Data] {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let pastDue = try await ActionFixtures.subscription(server, state: "past_due")
        let active = try await ActionFixtures.subscription(server, state: "active") { !$0.cancelAtEndOfPeriod }
        let canceled = try await ActionFixtures.subscription(server, state: "canceled")
        let invoice = try await ActionFixtures.openInvoice(server)
        if writes {
            _ = try await client.send("PUT", "/subscriptions/\(pastDue.id)/retry.json", body: nil)
            _ = try await client.send("POST", "/subscriptions/\(active.id)/delayed_cancel.json", body: nil)
            _ = try await client.send("PUT", "/subscriptions/\(canceled.id)/reactivate.json", body: nil)
            _ = try await client.send("POST", "/subscriptions/\(active.id)/notes.json", body: ["note": ["body": "n"]])
            _ = try await client.send(
                "POST", "/invoices/\(invoice.uid)/payments.json", body: ["payment": ["amount": "1"]])
            _ = try await client.send("POST", "/invoices/\(invoice.uid)/deliveries.json", body: [:] as [String: Any])
        }
        await server.world.advance(seconds: 7 * 86_400)
        var pages: [Data] = []
        // Whole lists where they fit; the paid invoice by itself, as the list pages hold the newest 200 only.
        for path in [
            "/subscriptions.json?per_page=200", "/invoices/\(invoice.uid).json", "/events.json?per_page=200",
            "/invoices.json?per_page=200&payments=true", "/subscriptions/\(active.id)/notes.json",
        ] {
            pages.append(try await client.get(path).body)
        }
        let effects = await server.sideEffects().map { "\($0.kind) \($0.worldTime) \($0.amount ?? 0)" }
        pages.append(Data(effects.joined(separator: "\n").utf8))
        return pages
    }

    @Test func sameSeedAndWritesGiveTheSameCompany() async throws {
        let first = try await Self.run(writes: true)
        let second = try await Self.run(writes: true)
        #expect(first == second)
        let untouched = try await Self.run(writes: false)
        #expect(
            first[0] != untouched[0] && first[1] != untouched[1] && first[2] != untouched[2],
            "the writes changed the company")
    }
}
