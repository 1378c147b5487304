import BillingServe
import BillingStore
import Foundation
import Testing

/// A database restart ends every session. `billtop serve` and a viewer run for weeks, so their stores open a new
/// connection at their next use instead of failing every tick until someone restarts them; the leadership lock's
/// connection does not (its locks died with its session), and serve takes the lead again on a new one.
@Suite struct PostgresReconnectTests {
    /// What a restart does to this database's sessions: every one but the caller's is ended.
    static func endEverySession(_ url: PostgresStoreURL) async throws {
        let cluster = try PostgresTestCluster.shared()
        try await AdminSQL.execute(
            cluster.adminURL(database: url.database),
            [
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                """
            ])
    }

    @Test func aStoreWhoseSessionWasEndedReconnectsAndAClosedOneDoesNot() async throws {
        let url = try await PostgresTestCluster.shared().database("reconnect")
        let store = try await PostgresStore.open(url)
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        try await Self.endEverySession(url)
        // A statement sent before the driver noticed the end may fail; the next use has a new session.
        try await eventually(10, "the store answers again") { (try? await store.sources()) != nil }
        #expect(try await store.sources().map(\.id) == [source.id])
        await store.close()
        await #expect(throws: PostgresStoreError.self) { try await store.sources() }
    }

    @Test func theLeadershipConnectionNeverReconnectsBehindServesBack() async throws {
        let url = try await PostgresTestCluster.shared().database("leadgone")
        let lead = try await PostgresLeadership.connect(url)
        #expect(try await lead.tryLead(sourceID: 1))
        try await Self.endEverySession(url)
        try await eventually(10, "the lost session shows") { (try? await lead.check()) == nil }
        // Still gone: a new session would hold no lock while serve believed it led.
        await #expect(throws: PostgresStoreError.self) { try await lead.check() }
        await #expect(throws: PostgresStoreError.self) { try await lead.tryLead(sourceID: 1) }
        await lead.close()
    }

    @Test func aServeWhoseSessionsWereAllEndedLeadsActsAndTakesWebhooksAgain() async throws {
        let harness = try await ServeHarness.make("serverestart")
        let serve = try harness.start(
            "a", listen: true,
            secrets: try ServeSecrets(chargifyKeys: ["acme": ServeWebhookTests.key], ghlPublicKeyPEM: nil))
        try await eventually(10, "serve leads and listens") {
            let leading = await serve.loop.leading
            let port = await serve.loop.webhookPort
            return leading == ["acme"] && port != nil
        }
        let port = try #require(await serve.loop.webhookPort)
        try await Self.endEverySession(harness.url)

        // A request queued after the restart is performed (serve's own store and its lead, both anew).
        let store = try await PostgresStore.open(harness.url)
        let id = try await store.requestAction(ServeQueueTests.draft(harness.source, 1))
        try await eventually(20, "the request queued after the restart finished") {
            try await store.actionRequest(id: id)?.isFinished == true
        }
        #expect(try await store.actionRequest(id: id)?.outcome == "done: retry")
        #expect(await serve.loop.leading == ["acme"])

        // A webhook after the restart is recorded (the webhook server's store) and re-read.
        let body = Array("id=77&event=payment_success&payload[subscription][id]=31".utf8)
        let headers = [
            "X-Chargify-Webhook-Id": "77",
            "X-Chargify-Webhook-Signature-Hmac-Sha-256": ServeWebhookTests.hmac(body),
        ]
        try await eventually(10, "the webhook accepted") {
            (try? await WebhookPost.send(
                port: port, path: "/webhooks/chargify/acme", body: body, headers: headers)) == 200
        }
        try await eventually(10, "the webhook's subscription re-read") { await !harness.ledger.rereads.isEmpty }
        await store.close()
        try await serve.stop()
    }
}
