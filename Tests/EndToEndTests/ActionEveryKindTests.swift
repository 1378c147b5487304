import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Every action end to end against the sandbox's demo company (seed 1, 600 customers: the records
/// `DemoCompanyActionTests` pins), on Chargify directly and through Truto's proxy, through the action core
/// in process: the outcome, the provider's side, and the store after the targeted re-read.
@Suite(.serialized) struct ActionEveryKindTests {
    struct Bench {
        let harness: SandboxHarness
        let runner: ActionRunner
        let sourceID: Int64

        func invoice(_ number: String) throws -> Stored<Invoice> {
            try #require(try harness.store.invoice(sourceID: sourceID, numberOrUID: number))
        }

        func subscription(_ id: Int) throws -> Subscription {
            try #require(try harness.store.subscription(sourceID: sourceID, id: "\(id)")).value
        }

        /// Performs `action` and answers the last attempt's result.
        func perform(_ action: Action) async throws -> ActionResult {
            try #require(try await runner.perform(action).last)
        }

        func on(_ kind: ActionKind, _ id: Int) async throws -> ActionResult {
            try await perform(Action(kind: kind, objectID: "\(id)"))
        }
    }

    func bench(_ route: SourceConfig.Kind) async throws -> Bench {
        let harness = try await SandboxHarness.start(customers: 600, seed: 1)
        let source = harness.source(route)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let info = try #require(try harness.store.source(named: source.name))
        let runner = ActionRunner(
            store: harness.store, source: info, config: source, transport: URLSessionTransport(), who: "test",
            host: "test")
        return Bench(harness: harness, runner: runner, sourceID: info.id)
    }

    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func everyActionDoesWhatItSaysAndTheStoreFollows(_ route: SourceConfig.Kind) async throws {
        let b = try await bench(route)
        defer { Task { await b.harness.stop() } }

        // Money and mail: resend, pay (in yen, no decimals), note, card-update e-mail.
        let usd = try b.invoice("1227")
        var resend = Action(kind: .resendInvoice, objectID: usd.value.id, customerID: usd.value.customerID)
        resend.cc = ["finance@example.org"]
        let resent = try await b.perform(resend)
        #expect(resent.outcome.state == .done && resent.reread?.hasPrefix("re-read") == true, "\(resent)")
        // The line names the invoice by the number every screen shows, not by its API id.
        #expect(resent.line.hasPrefix("done: resend invoice 1227 (sent 1x"), "\(resent.line)")
        #expect(resent.line.hasSuffix("; re-read invoice 1227"), "\(resent.line)")
        #expect(!resent.line.contains(usd.value.id), "\(resent.line)")
        let yen = try b.invoice("2168")
        var pay = Action(kind: .recordPayment, objectID: yen.value.id, customerID: yen.value.customerID)
        pay.amount = try ActionValidator.amount("100", currency: .jpy)
        pay.due = yen.value.due
        pay.memo = "wire"
        #expect(try await b.perform(pay).outcome.state == .done)
        #expect(try b.invoice("2168").value.due.minorUnits == yen.value.due.minorUnits - 100, "re-read at once")
        var note = Action(kind: .addNote, objectID: "70000089")
        note.note = "called; card expired"
        #expect(try await b.perform(note).outcome.state == .done)
        #expect(try await b.on(.cardUpdateEmail, 70_000_089).outcome.state == .done)
        let effects = await b.harness.server.sideEffects()
        #expect(effects.map(\.kind) == [.delivery, .payment, .note, .cardUpdateEmail])
        #expect(effects.first?.cc == ["finance@example.org"] && effects[1].amount == 100)

        // Dunning and the subscription's life; each re-read shows the new state in the store.
        let owing = try #require(
            try b.harness.store.customer(
                RecordKey(sourceID: b.sourceID, remoteID: b.subscription(70_000_089).customerID))
        ).invoices.filter { $0.value.isOpen && $0.value.subscriptionID == "70000089" }
        #expect(!owing.isEmpty, "the retry has an open invoice to pay")
        let retried = try await b.on(.retry, 70_000_089)
        #expect(retried.outcome.state == .done)
        #expect(try b.subscription(70_000_089).state == .active, "a working card paid the renewal")
        #expect(retried.reread?.contains("open invoice(s)") == true, "\(retried.reread ?? "")")
        for invoice in owing {
            #expect(try !b.invoice(invoice.value.id).value.isOpen, "the paid invoice is re-read at once")
        }
        #expect(try await b.on(.cancelDunning, 70_000_024).outcome.state == .done)
        #expect(try await b.on(.reactivate, 70_000_006).outcome.state == .done)
        #expect(try b.subscription(70_000_006).state == .active)
        #expect(try await b.on(.resume, 70_000_008).outcome.state == .done)
        #expect(try b.subscription(70_000_008).state == .active)
        #expect(try await b.on(.cancelAtPeriodEnd, 70_000_001).outcome.state == .done)
        #expect(try b.subscription(70_000_001).cancelAtEndOfPeriod)
        #expect(try await b.on(.undoCancel, 70_000_001).outcome.state == .done)
        #expect(try !b.subscription(70_000_001).cancelAtEndOfPeriod)
        // A DELETE carries no token: repeating it re-reads first and sends nothing.
        let again = try await b.on(.undoCancel, 70_000_001)
        #expect(again.outcome.state == .alreadyDone && again.entry.sends == 0)
        #expect(try await b.on(.pause, 70_000_001).outcome.state == .done)
        #expect(try b.subscription(70_000_001).state == .onHold)
        var coupon = Action(kind: .addCoupon, objectID: "70000018")
        coupon.couponCode = "TENOFF"
        #expect(try await b.perform(coupon).outcome.state == .done)
        coupon.objectID = "70000043"
        let euro = try await b.perform(coupon)
        #expect(euro.outcome.state == .refused && euro.outcome.status == 422)
        #expect(euro.outcome.message.contains("EUR"), "the provider's words: \(euro.outcome.message)")

        var create = Action(kind: .createCustomer, objectID: "")
        create.newCustomer = Action.NewCustomer(
            firstName: "Ada", lastName: "Byron", email: "ada@example.org", reference: "crm-\(route)")
        let created = try await b.perform(create)
        #expect(created.outcome.state == .done && created.reread?.hasPrefix("stored customer") == true)
        #expect(try b.harness.store.customer(sourceID: b.sourceID, idOrEmail: "ada@example.org") != nil)

        // Every attempt is in the audit; none is left to resume.
        #expect(try b.harness.store.actions().count == 15)
        #expect(try b.harness.store.pendingActions(sourceID: b.sourceID).isEmpty)
    }

    @Test func validationRefusesBeforeAnythingIsSentOrJournalled() async throws {
        let b = try await bench(.chargify)
        defer { Task { await b.harness.stop() } }
        let usd = try b.invoice("1227")
        var pay = Action(kind: .recordPayment, objectID: usd.value.id)
        pay.amount = Money(minorUnits: usd.value.due.minorUnits + 1, currency: .usd)
        pay.due = usd.value.due
        await #expect(throws: ActionProblem.self) { try await b.runner.perform(pay) }
        var resend = Action(kind: .resendInvoice, objectID: usd.value.id)
        resend.recipients = ["a@b.io", "b@b.io", "c@b.io", "d@b.io", "e@b.io", "f@b.io"]
        await #expect(throws: ActionProblem.self) { try await b.runner.perform(resend) }
        #expect(await b.harness.server.requestLog().filter { $0.method != "GET" }.isEmpty)
        #expect(try b.harness.store.actions().isEmpty)
    }
}
