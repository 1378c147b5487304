import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// `POST /invoices/{uid}/deliveries.json`: validation as before, and now every delivery is recorded.
@Suite struct DeliveryActionTests {
    @Test func aDeliveryIsRecordedAndDefaultsToTheCustomer() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let invoice = company.invoices[0]
        let email = try #require(company.customer(id: invoice.customerID)?.email)
        #expect(
            try await client.send("POST", "/invoices/\(invoice.uid)/deliveries.json", body: [:] as [String: Any]).status
                == 204)
        let extra: [String: Any] = [
            "recipient_emails": ["ap@example.com"], "cc_recipient_emails": ["cfo@example.com"],
            "bcc_recipient_emails": ["audit@example.com"],
        ]
        #expect(try await client.send("POST", "/invoices/\(invoice.uid)/deliveries.json", body: extra).status == 204)
        let effects = await server.sideEffects()
        #expect(effects.count == 2)
        #expect(effects.allSatisfy { $0.kind == .delivery && $0.invoiceUID == invoice.uid })
        #expect(effects[0].recipients == [email])
        #expect(effects[1].recipients == ["ap@example.com"] && effects[1].cc == ["cfo@example.com"])
        #expect(effects[1].bcc == ["audit@example.com"])
        #expect(effects[0].worldTime == company.now.secondsSinceEpoch)
    }

    @Test func aRefusedDeliveryRecordsNothing() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let uid = await server.world.company.invoices[0].uid
        let bad = try await client.send(
            "POST", "/invoices/\(uid)/deliveries.json", body: ["recipient_emails": ["nope"]])
        #expect(bad.status == 422)
        #expect(
            try await client.send("POST", "/invoices/inv_missing/deliveries.json", body: [:] as [String: Any]).status
                == 404)
        #expect(await server.sideEffects().isEmpty)
    }

    @Test func aReusedTokenIs409For60WorldMinutesAndSendsOnce() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let uid = await server.world.company.invoices[0].uid
        let body: [String: Any] = ["uniqueness_token": "resend-1"]
        #expect(try await client.send("POST", "/invoices/\(uid)/deliveries.json", body: body).status == 204)
        let again = try await client.send("POST", "/invoices/\(uid)/deliveries.json", body: body)
        #expect(again.status == 409)
        #expect(ActionFixtures.errors(again).first?.contains("uniqueness_token") == true)
        await server.world.idle(seconds: 59 * 60)
        #expect(try await client.send("POST", "/invoices/\(uid)/deliveries.json", body: body).status == 409)
        #expect(await server.sideEffects().count == 1)
        await server.world.idle(seconds: 60)
        #expect(try await client.send("POST", "/invoices/\(uid)/deliveries.json", body: body).status == 204)
        #expect(await server.sideEffects().count == 2)
    }

    @Test func writesAppearInTheRequestLogWithTheirMethod() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let s = try await ActionFixtures.subscription(server, state: "active")
        _ = try await client.send("POST", "/subscriptions/\(s.id)/notes.json", body: ["note": ["body": "hi"]])
        _ = try await client.send("DELETE", "/subscriptions/\(s.id)/delayed_cancel.json", body: nil)
        _ = try await client.send("PUT", "/subscriptions/\(s.id)/retry.json", body: nil)
        let log = await server.requestLog().map { "\($0.method) \($0.path) \($0.status)" }
        #expect(
            log == [
                "POST /subscriptions/\(s.id)/notes.json 200", "DELETE /subscriptions/\(s.id)/delayed_cancel.json 200",
                "PUT /subscriptions/\(s.id)/retry.json 422",
            ])
    }
}
