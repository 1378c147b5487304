import BillingServe
import BillingStore
import Crypto
import Foundation
import PostgresNIO
import Testing
import _CryptoExtras

/// Webhooks through a running serve on a loopback port: only a correctly signed body is recorded, a retry of
/// a recorded id is dropped, and the leader re-reads what a recorded one names, once.
@Suite struct ServeWebhookTests {
    static let key = "the-site-shared-key"

    static func hmac(_ body: [UInt8], key: String = key) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    static func pendingOrHandled(_ harness: ServeHarness) async throws -> Int {
        let cluster = try PostgresTestCluster.shared()
        let admin = try await AdminSQL.connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: harness.url.database)
        let rows = try await admin.raw.query("SELECT count(*) FROM webhook_receipt", logger: AdminSQL.logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    @Test func chargifyWebhooksAreVerifiedDedupedAndTurnedIntoTargetsOnce() async throws {
        let harness = try await ServeHarness.make("chargifyhook")
        let serve = try harness.start(
            "a", listen: true, secrets: try ServeSecrets(chargifyKeys: ["acme": Self.key], ghlPublicKeyPEM: nil),
            bodyLimit: 4096)
        try await eventually(10, "serve leads and listens") {
            let leading = await serve.loop.leading
            let port = await serve.loop.webhookPort
            return leading == ["acme"] && port != nil
        }
        let port = try #require(await serve.loop.webhookPort)
        let path = "/webhooks/chargify/acme"
        let body = Array(
            "id=9001&event=payment_failure&payload[subscription][id]=123&payload[subscription][customer][id]=456&payload[transaction][invoice_uid]=inv_7&payload[note]=..%2F..%2Fetc"
                .utf8)
        let id = ["X-Chargify-Webhook-Id": "9001"]
        let signature = "X-Chargify-Webhook-Signature-Hmac-Sha-256"

        // Missing, forged (another key), and a right signature over other bytes: refused, nothing recorded.
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: id) == 401)
        let forged = Self.hmac(body, key: "a-guess")
        #expect(
            try await WebhookPost.send(
                port: port, path: path, body: body, headers: id.merging([signature: forged]) { $1 }) == 401)
        let tampered = body + Array("&payload[customer][id]=999".utf8)
        #expect(
            try await WebhookPost.send(
                port: port, path: path, body: tampered, headers: id.merging([signature: Self.hmac(body)]) { $1 }) == 401
        )
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: [signature: "zz"]) == 401)
        // Over the bound: refused before it is read.
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 5000)
        #expect(
            try await WebhookPost.send(port: port, path: path, body: huge, headers: [signature: Self.hmac(huge)]) == 413
        )
        // An unknown source has no key to prove anything with.
        #expect(
            try await WebhookPost.send(
                port: port, path: "/webhooks/chargify/other", body: body, headers: [signature: Self.hmac(body)]) == 404)
        #expect(try await Self.pendingOrHandled(harness) == 0)

        // The real one, then Chargify's retry with the same id: both answered 200, recorded once.
        let signed = id.merging([signature: Self.hmac(body)]) { $1 }
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: signed) == 200)
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: signed) == 200)
        #expect(try await Self.pendingOrHandled(harness) == 1)
        #expect(serve.loop.counters.snapshot.duplicates == 1)
        try await eventually(10, "the leader re-read the webhook's objects") {
            await !harness.ledger.rereads.isEmpty
        }
        let store = try await PostgresStore.open(harness.url)
        try await eventually(10, "the receipt handled") {
            try await store.pendingWebhooks(sourceID: harness.source.id).isEmpty
        }
        await store.close()
        let expected = [
            WebhookTarget(.subscription, "123"), WebhookTarget(.customer, "456"), WebhookTarget(.invoice, "inv_7"),
        ].compactMap { $0 }
        #expect(await harness.ledger.rereads == [expected])
        #expect(serve.loop.counters.snapshot.refused == 6)
        try await serve.stop()
    }

    @Test func ghlWebhooksAreCheckedAgainstThePublishedKey() async throws {
        let harness = try await ServeHarness.make("ghlhook", kind: "ghl", account: "loc1")
        let ghl = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let impostor = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let serve = try harness.start(
            "a", listen: true,
            secrets: try ServeSecrets(chargifyKeys: [:], ghlPublicKeyPEM: ghl.publicKey.pemRepresentation))
        try await eventually(10, "serve leads and listens") {
            let leading = await serve.loop.leading
            let port = await serve.loop.webhookPort
            return leading == ["acme"] && port != nil
        }
        let port = try #require(await serve.loop.webhookPort)
        let body = Array(#"{"type":"ContactUpdate","locationId":"loc1","id":"c9","webhookId":"w-1"}"#.utf8)
        func signature(_ key: _RSA.Signing.PrivateKey, _ bytes: [UInt8]) throws -> String {
            try key.signature(for: bytes, padding: .insecurePKCS1v1_5).rawRepresentation.base64EncodedString()
        }
        let path = "/webhooks/ghl/loc1"
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: [:]) == 401)
        #expect(
            try await WebhookPost.send(
                port: port, path: path, body: body, headers: ["x-wh-signature": try signature(impostor, body)]) == 401)
        let other = Array(#"{"type":"ContactUpdate","locationId":"loc1","id":"c10","webhookId":"w-1"}"#.utf8)
        #expect(
            try await WebhookPost.send(
                port: port, path: path, body: other, headers: ["x-wh-signature": try signature(ghl, body)]) == 401)
        #expect(
            try await WebhookPost.send(
                port: port, path: "/webhooks/ghl/elsewhere", body: body,
                headers: ["x-wh-signature": try signature(ghl, body)]) == 404)
        let signed = ["x-wh-signature": try signature(ghl, body)]
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: signed) == 200)
        #expect(try await WebhookPost.send(port: port, path: path, body: body, headers: signed) == 200)
        try await eventually(10, "the contact re-read") { await !harness.ledger.rereads.isEmpty }
        #expect(await harness.ledger.rereads == [[WebhookTarget(.contact, "c9")].compactMap { $0 }])
        #expect(try await Self.pendingOrHandled(harness) == 1)
        try await serve.stop()
    }
}
