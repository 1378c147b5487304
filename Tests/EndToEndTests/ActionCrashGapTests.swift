import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The crash in the gap (issue 17 point 2): the real binary sends a write, the sandbox does it and holds the
/// answer, the client is killed with SIGKILL in that gap, and the same command is run again. The provider
/// must hold exactly one delivery, payment, note or card-update e-mail, and the journal one attempt whose
/// token was sent twice and came back "already done" (Chargify's 409, or Truto's replayed first answer).
@Suite(.serialized) struct ActionCrashGapTests {
    /// The command, the side effect it makes, the journal's object id and action name for one action.
    static func command(_ name: String, _ i: Stored<Invoice>, _ s: Stored<Subscription>)
        -> (arguments: [String], effect: SandboxSideEffect.Kind, objectID: String, kind: String)
    {
        switch name {
        case "resend": (["invoice", "resend", i.value.number], .delivery, i.value.id, "resend_invoice")
        case "pay":
            (
                ["invoice", "pay", i.value.id, "--amount", "1.00", "--memo", "wire 1"], .payment, i.value.id,
                "record_payment"
            )
        case "note": (["subscription", "note", s.value.id, "called about the card"], .note, s.value.id, "add_note")
        case "retry": (["subscription", "retry", s.value.id], .chargeAttempt, s.value.id, "retry")
        default:
            (["customer", "card-update-email", s.value.customerID], .cardUpdateEmail, s.value.id, "card_update_email")
        }
    }

    @Test(arguments: ["resend", "pay", "note", "card", "retry"], [SourceConfig.Kind.chargify, .truto])
    func aKillAfterTheWriteAndARunAgainActsOnce(_ name: String, _ route: SourceConfig.Kind) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let source = harness.source(route)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let sourceID = try #require(try harness.store.source(named: source.name)).id
        // An open invoice with money due, and a subscription of a customer with a single subscription (the
        // card-update e-mail picks the customer's subscription).
        let invoice = try #require(
            try harness.store.allInvoices(sourceID: sourceID).first { $0.value.isOpen && $0.value.due.minorUnits > 100 }
        )
        let subscriptions = try harness.store.allSubscriptions(sourceID: sourceID)
        // A retry needs a subscription in dunning (it charges the card on file, paid or declined).
        let subscription = try #require(
            subscriptions.first { s in
                subscriptions.filter { $0.value.customerID == s.value.customerID }.count == 1
                    && (name != "retry" || [.pastDue, .unpaid, .softFailure].contains(s.value.state))
            })
        let test = Self.command(name, invoice, subscription)
        let objectID = test.objectID

        let outcome = try await CrashGapStrike.strike(
            test.arguments, objectID: objectID, kind: test.kind, harness: harness, source: source, label: "act-\(name)")
        let again = outcome.again
        // A retry's first charge may have been declined: Truto then replays that refusal (422) for the reused
        // key, which is the truth about the one charge made; every other case is "already done".
        let declined = name == "retry" && route == .truto && again.stdoutText.contains("refused")
        if !declined {
            #expect(again.status == 0, "\(again.stdoutText) \(again.stderrText)")
            #expect(again.stdoutText.contains("already done"), "\(again.stdoutText)")
        }

        let effects = await harness.server.sideEffects().filter {
            $0.kind == test.effect && ($0.invoiceUID == objectID || $0.subscriptionID.map(String.init) == objectID)
        }
        #expect(effects.count == 1, "exactly one \(test.effect) on the server, found \(effects.count)")
        #expect(outcome.entries.count == 1, "one attempt, resumed, not a second one")
        let entry = try #require(outcome.entries.first)
        #expect(entry.token == outcome.journalled.first?.token && entry.sends == 2)
        #expect(entry.state == (declined ? .refused : .alreadyDone))
        // Chargify answers the reused token 409; Truto replays the first answer (200, or 204 for a delivery,
        // or a declined retry's 422).
        let status = entry.providerStatus ?? 0
        #expect(route == .chargify ? status == 409 : (200..<300).contains(status) || (declined && status == 422))
    }
}
