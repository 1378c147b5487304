import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// `POST /invoices/{uid}/payments.json`: an external payment, validated against the invoice's due amount
/// and currency exponent, applied, evented and recorded.
@Suite struct InvoicePaymentActionTests {
    static func pay(
        _ client: HTTPTestClient, _ uid: String, _ amount: Any, method: String? = nil,
        token: String? = nil
    ) async throws -> HTTPTestClient.Reply {
        var payment: [String: Any] = ["amount": amount, "memo": "Wire 4471", "details": "Ref 4471"]
        if let method { payment["method"] = method }
        var body: [String: Any] = ["payment": payment]
        if let token { body["uniqueness_token"] = token }
        return try await client.send("POST", "/invoices/\(uid)/payments.json", body: body)
    }

    @Test func badAmountsAreRefusedAndNothingIsPaid() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let invoice = try await ActionFixtures.openInvoice(server, currency: .usd)
        await server.world.edit { company in
            // A yen invoice next to it: no decimals allowed there.
            let index = company.invoiceIndexByUID[invoice.uid]!
            company.invoices[index].currency = .jpy
        }
        for amount in ["0", "-5", "abc", "1e3", "12.", "1,000", "12.5"] as [Any] {
            let reply = try await Self.pay(client, invoice.uid, amount)
            #expect(reply.status == 422, "\(amount)")
            #expect(ActionFixtures.errors(reply).first?.contains("JPY with at most 0 decimal places") == true)
        }
        await server.world.edit { company in company.invoices[company.invoiceIndexByUID[invoice.uid]!].currency = .usd }
        let tooMuch = try await Self.pay(client, invoice.uid, SandboxWorld.decimal(invoice.due + 1, .usd))
        #expect(
            tooMuch.status == 422 && ActionFixtures.errors(tooMuch).first?.contains("at most the amount due") == true)
        #expect(try await Self.pay(client, invoice.uid, "1.001").status == 422, "USD has 2 decimals")
        #expect(try await Self.pay(client, invoice.uid, "1.00", method: "bitcoin").status == 422)
        #expect(try await Self.pay(client, "inv_missing", "1.00").status == 404)
        let paid = await server.world.company.invoices.first { $0.status == "paid" }!
        #expect(try await Self.pay(client, paid.uid, "1.00").status == 422, "a paid invoice takes no payment")
        #expect(await server.sideEffects().isEmpty)
        #expect(await server.world.company.invoice(uid: invoice.uid)?.payments == invoice.payments)
    }

    @Test func aPartThenTheRestPaysTheInvoice() async throws {
        let (server, client) = try await TestSandbox.start()
        defer { Task { await server.stop() } }
        let invoice = try await ActionFixtures.openInvoice(server, currency: .usd)
        let due = invoice.due
        try #require(due > 100)
        let before = await ActionFixtures.lastEventID(server)
        let part = try await Self.pay(client, invoice.uid, "1.00", method: "check", token: "pay-1")
        #expect(part.status == 200)
        #expect(part.object["status"] as? String == "open")
        #expect(part.object["due_amount"] as? String == SandboxWorld.decimal(due - 100, .usd))
        let payments = try #require(part.object["payments"] as? [[String: Any]])
        let last = try #require(payments.last)
        #expect(last["memo"] as? String == "Wire 4471" && last["applied_amount"] as? String == "1.00")
        let method = try #require(last["payment_method"] as? [String: Any])
        #expect(method["type"] as? String == "external" && method["kind"] as? String == "check")
        #expect(method["details"] as? String == "Ref 4471")
        #expect(last["transaction_time"] is String)
        #expect(try await Self.pay(client, invoice.uid, "1.00", token: "pay-1").status == 409)
        let rest = try await Self.pay(client, invoice.uid, SandboxWorld.decimal(due - 100, .usd))
        #expect(rest.status == 200)
        #expect(rest.object["status"] as? String == "paid" && rest.object["due_amount"] as? String == "0.00")
        let now = await server.world.now
        #expect((rest.object["updated_at"] as? String).flatMap { Timestamp(iso: $0) } == now)
        let effects = await server.sideEffects()
        #expect(effects.map(\.amount) == [100, due - 100] && effects.allSatisfy { $0.kind == .payment })
        if let id = invoice.subscriptionID {
            #expect(
                await ActionFixtures.eventKeys(server, subscriptionID: id, after: before) == [
                    "payment_success", "payment_success",
                ])
        }
        let event = await server.world.company.events.first { $0.id > before }
        #expect(event?.specificDataJSON.contains("\"amount_in_cents\":100") == true)
    }

    @Test func amountsFollowTheInvoiceExponent() {
        #expect(DecimalAmount.minorUnits("12.34", exponent: 2) == 1_234)
        #expect(DecimalAmount.minorUnits("12", exponent: 2) == 1_200)
        #expect(DecimalAmount.minorUnits("12.3", exponent: 2) == 1_230)
        #expect(DecimalAmount.minorUnits("1200", exponent: 0) == 1_200)
        #expect(DecimalAmount.minorUnits("1.5", exponent: 0) == nil)
        #expect(DecimalAmount.minorUnits("1.234", exponent: 3) == 1_234)
        #expect(DecimalAmount.minorUnits("1.2345", exponent: 3) == nil)
        #expect(DecimalAmount.minorUnits(".5", exponent: 2) == nil)
        #expect(DecimalAmount.minorUnits("+5", exponent: 2) == nil)
        #expect(DecimalAmount.minorUnits("٣", exponent: 2) == nil, "only ASCII digits")
    }
}
