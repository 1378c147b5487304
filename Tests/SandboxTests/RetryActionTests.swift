import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// `PUT /subscriptions/{id}/retry.json` and `POST .../cancel_dunning.json`.
@Suite struct RetryActionTests {
    @Test func aWorkingCardPaysTheOpenInvoicesAndActivates() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "past_due")
        await ActionFixtures.setCard(server, subscriptionID: s.id, works: true)
        await ActionFixtures.setLastFailure(server, subscriptionID: s.id, reason: "Insufficient funds")
        let open = await server.world.company.invoices.filter { $0.subscriptionID == s.id && $0.status == "open" }
        #expect(!open.isEmpty)
        let before = await ActionFixtures.lastEventID(server)
        let reply = try await client.send(
            "PUT", "/subscriptions/\(s.id)/retry.json", body: ["uniqueness_token": "retry-1"])
        #expect(reply.status == 200)
        let body = ActionFixtures.subscription(reply)
        #expect(body["state"] as? String == "active" && body["previous_state"] as? String == "past_due")
        #expect(body["balance_in_cents"] as? Int == 0)
        let now = await server.world.now
        #expect((body["updated_at"] as? String).flatMap { Timestamp(iso: $0) } == now)
        for invoice in open {
            let fetched = try await client.get("/invoices/\(invoice.uid).json")
            #expect(fetched.object["status"] as? String == "paid")
        }
        let keys = await ActionFixtures.eventKeys(server, subscriptionID: s.id, after: before)
        #expect(keys == Array(repeating: "payment_success", count: open.count) + ["subscription_state_change"])
        let again = try await client.send(
            "PUT", "/subscriptions/\(s.id)/retry.json", body: ["uniqueness_token": "retry-1"])
        #expect(again.status == 409)
    }

    @Test func aFailingCardStaysPastDueWithAFailureEvent() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "past_due")
        await ActionFixtures.setCard(server, subscriptionID: s.id, works: false)
        let before = await ActionFixtures.lastEventID(server)
        let reply = try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil)
        #expect(reply.status == 422)
        #expect(ActionFixtures.errors(reply) == ["Payment declined: Card expired."])
        let after = ActionFixtures.subscription(try await client.get("/subscriptions/\(s.id).json"))
        #expect(after["state"] as? String == "past_due")
        #expect(await ActionFixtures.eventKeys(server, subscriptionID: s.id, after: before) == ["payment_failure"])
        let open = await server.world.company.invoices.filter { $0.subscriptionID == s.id && $0.status == "open" }
        #expect(!open.isEmpty, "nothing was paid")
    }

    @Test func aHardDeclineIsDeclinedAgain() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "past_due")
        await ActionFixtures.setCard(server, subscriptionID: s.id, works: true)
        await ActionFixtures.setLastFailure(server, subscriptionID: s.id, reason: "Do not honor")
        let reply = try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil)
        #expect(reply.status == 422 && ActionFixtures.errors(reply) == ["Payment declined: Do not honor."])
        #expect(try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil).status == 422, "and again")
        await ActionFixtures.setLastFailure(server, subscriptionID: s.id, reason: "Insufficient funds")
        #expect(
            try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil).status == 200,
            "a soft one passes")
    }

    @Test func otherStatesAreNotRetryable() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let reply = try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil)
        #expect(reply.status == 422)
        #expect(ActionFixtures.errors(reply).first?.hasPrefix("Subscription is not in a retryable state") == true)
        #expect(try await client.send("PUT", "/subscriptions/1/retry.json", body: nil).status == 404)
        #expect(
            try await client.send("POST", "/subscriptions/\(s.id)/retry.json", body: nil).status == 404,
            "retry is a PUT")
    }

    @Test func cancelDunningLeavesDunningWithAStateChange() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "past_due")
        let before = await ActionFixtures.lastEventID(server)
        let reply = try await client.send(
            "POST", "/subscriptions/\(s.id)/cancel_dunning.json", body: ["uniqueness_token": "cd-1"])
        #expect(reply.status == 200)
        #expect(ActionFixtures.subscription(reply)["state"] as? String == "active")
        #expect(
            await ActionFixtures.eventKeys(server, subscriptionID: s.id, after: before) == ["subscription_state_change"]
        )
        #expect(
            try await client.send(
                "POST", "/subscriptions/\(s.id)/cancel_dunning.json", body: ["uniqueness_token": "cd-1"]
            ).status == 409)
        let outside = try await client.send("POST", "/subscriptions/\(s.id)/cancel_dunning.json", body: nil)
        #expect(outside.status == 422 && ActionFixtures.errors(outside).first?.contains("not in dunning") == true)
    }
}
