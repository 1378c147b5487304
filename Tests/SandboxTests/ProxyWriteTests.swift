import Foundation
import Testing

@testable import Sandbox

/// Writes through Truto's proxy: the same Chargify routes, `Idempotency-Key` replays, and the provider's
/// refusals in Truto's envelope.
@Suite struct ProxyWriteTests {
    @Test func theSameIdempotencyKeyReplaysWithoutActingAgain() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let (client, account) = ActionFixtures.truto(server, idempotencyKey: "idem-1")
        let path = "/proxy/subscriptions/\(s.id)/notes?\(account)"
        let first = try await client.send("POST", path, body: ["note": ["body": "Through Truto"]])
        #expect(first.status == 200 && first.header(SandboxServer.replayedHeader) == nil)
        #expect((first.object["note"] as? [String: Any])?["body"] as? String == "Through Truto")
        let second = try await client.send("POST", path, body: ["note": ["body": "Through Truto"]])
        #expect(second.status == 200 && second.body == first.body)
        #expect(second.header(SandboxServer.replayedHeader) == "true")
        #expect(await server.sideEffects().count == 1)
        await server.world.idle(seconds: 3_600)
        let later = try await client.send("POST", path, body: ["note": ["body": "Through Truto"]])
        #expect(later.header(SandboxServer.replayedHeader) == nil, "a key holds 60 world minutes")
        #expect(await server.sideEffects().count == 2)
        let log = await server.requestLog().map { "\($0.method) \($0.path)" }
        #expect(log == Array(repeating: "POST /proxy/subscriptions/\(s.id)/notes", count: 3))
    }

    @Test func providerRefusalsComeInTrutosEnvelope() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        let (client, account) = ActionFixtures.truto(server)
        let refused = try await client.send("PUT", "/proxy/subscriptions/\(s.id)/retry?\(account)", body: nil)
        #expect(refused.status == 422)
        #expect(refused.object["truto_is_remote_error"] as? Bool == true && refused.object["statusCode"] as? Int == 422)
        #expect((refused.object["message"] as? String)?.hasPrefix("Subscription is not in a retryable state") == true)
        let raw = try #require(refused.object["raw_response"] as? String)
        let provider = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        #expect((provider["errors"] as? [String])?.count == 1)
        let body: [String: Any] = ["uniqueness_token": "tok-9"]
        let uid = await server.world.company.invoices[0].uid
        #expect(try await client.send("POST", "/proxy/invoices/\(uid)/deliveries?\(account)", body: body).status == 204)
        let reused = try await client.send("POST", "/proxy/invoices/\(uid)/deliveries?\(account)", body: body)
        #expect(reused.status == 409 && reused.object["truto_is_remote_error"] as? Bool == true)
        #expect(try await client.send("POST", "/proxy/subscriptions/1/hold?\(account)", body: nil).status == 404)
    }

    @Test func putAndDeleteReachTheProvider() async throws {
        let (server, _) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let canceled = try await ActionFixtures.subscription(server, state: "canceled")
        let active = try await ActionFixtures.subscription(server, state: "active") { !$0.cancelAtEndOfPeriod }
        let (client, account) = ActionFixtures.truto(server)
        let reactivated = try await client.send(
            "PUT", "/proxy/subscriptions/\(canceled.id)/reactivate?\(account)", body: nil)
        #expect(ActionFixtures.subscription(reactivated)["state"] as? String == "active")
        #expect(
            try await client.send("POST", "/proxy/subscriptions/\(active.id)/delayed_cancel?\(account)", body: nil)
                .status == 200)
        #expect(await server.world.company.subscription(id: active.id)?.cancelAtEndOfPeriod == true)
        #expect(
            try await client.send("DELETE", "/proxy/subscriptions/\(active.id)/delayed_cancel?\(account)", body: nil)
                .status == 200)
        #expect(await server.world.company.subscription(id: active.id)?.cancelAtEndOfPeriod == false)
        let coupon = try await client.send(
            "POST", "/proxy/subscriptions/\(active.id)/add_coupon?code=NOPE&\(account)", body: nil)
        #expect(coupon.status == 422, "the query reaches the provider")
        let (anonymous, _) = ActionFixtures.truto(server)
        #expect(
            try await anonymous.send("POST", "/proxy/subscriptions/\(active.id)/hold", body: nil).status == 400,
            "integrated_account_id is still required")
    }
}
