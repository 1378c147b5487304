import BillingCore
import Testing

@testable import Sandbox

@Suite struct WorldTests {
    @Test func advancingMakesDeterministicDeltas() async throws {
        let config = TestSandbox.configuration(customers: 120)
        let world = SandboxWorld(config)
        let before = await world.company
        await world.advance(seconds: 35 * 86_400)
        let after = await world.company
        #expect(after.now.secondsSinceEpoch == before.now.secondsSinceEpoch + 35 * 86_400)
        #expect(after.invoices.count > before.invoices.count, "renewals issue invoices")
        #expect(after.events.count > before.events.count)
        #expect(zip(after.events, after.events.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(zip(after.invoices, after.invoices.dropFirst()).allSatisfy { $0.number < $1.number })
        #expect(after.customers.count > before.customers.count, "customers sign up")
        let changed = after.subscriptions.filter { $0.updatedAt > before.now.secondsSinceEpoch }
        #expect(!changed.isEmpty)
        let keys = Set(after.events.suffix(after.events.count - before.events.count).map(\.key))
        #expect(keys.contains("payment_success") && keys.contains("signup_success"))
        for invoice in after.invoices.suffix(after.invoices.count - before.invoices.count) {
            #expect(after.invoice(uid: invoice.uid) == invoice)
            #expect(invoice.total == invoice.subtotal - invoice.discount + invoice.tax)
        }
        let twin = SandboxWorld(config)
        await twin.advance(seconds: 35 * 86_400)
        let twinCompany = await twin.company
        #expect(twinCompany.invoices == after.invoices && twinCompany.events == after.events)
        #expect(twinCompany.subscriptions == after.subscriptions)
    }

    @Test func tickingAdvancesTheServedClock() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let start = await server.world.now
        server.startTicking(every: 0.05)
        var moved = false
        for _ in 0..<100 where !moved {
            try await Task.sleep(for: .milliseconds(20))
            moved = await server.world.now > start
        }
        #expect(moved)
        #expect(try await client.get("/customers.json").status == 200)
    }
}
