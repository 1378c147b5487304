import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The crash in the gap (issue 17 point 2): the real binary sends a write, the sandbox does it and holds the
/// answer, the client is killed with SIGKILL in that gap, and the same command is run again. The provider
/// must hold exactly one delivery, payment, note or card-update e-mail, and the journal one attempt whose
/// token was sent twice and came back "already done" (Chargify's 409, or Truto's replayed first answer).
@Suite(.serialized) struct ActionCrashGapTests {
    /// The command, the side effect it makes, and the journal's object id for one action.
    static func command(_ name: String, _ i: Stored<Invoice>, _ s: Stored<Subscription>)
        -> (arguments: [String], effect: SandboxSideEffect.Kind, objectID: String)
    {
        switch name {
        case "resend": (["invoice", "resend", i.value.number], .delivery, i.value.id)
        case "pay": (["invoice", "pay", i.value.id, "--amount", "1.00", "--memo", "wire 1"], .payment, i.value.id)
        case "note": (["subscription", "note", s.value.id, "called about the card"], .note, s.value.id)
        case "retry": (["subscription", "retry", s.value.id], .chargeAttempt, s.value.id)
        default: (["customer", "card-update-email", s.value.customerID], .cardUpdateEmail, s.value.id)
        }
    }

    @Test(arguments: ["resend", "pay", "note", "card", "retry"], [SourceConfig.Kind.chargify, .truto])
    func aKillAfterTheWriteAndARunAgainActsOnce(_ name: String, _ route: SourceConfig.Kind) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let source = harness.source(route)
        _ = await try harness.runner([source]).runOnce(full: true, sourceName: nil)
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

        let home = try ReliabilityProcess.workDirectory("act-\(name)")
        let variable = route == .chargify ? "BILLTOP_API_KEY" : "BILLTOP_TOKEN"
        let environment = ReliabilityProcess.environment(home: home, extra: [variable: source.secret])
        let arguments = test.arguments + ["--yes", "--db", harness.store.path]

        await harness.server.setFaults(FaultPlan(holdWriteResponseMilliseconds: 60_000, holdWriteRequests: 1...1))
        let outputs = home.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (first, _, _) = try ReliabilityProcess.start(
            arguments, environment: environment, directory: home, outputs: outputs)
        // Bounded: the write is done and its answer held, or the client exited without sending.
        var waited = 0
        while await harness.server.heldResponses() == 0, first.isRunning, waited < 3_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        try #require(await harness.server.heldResponses() == 1, "the write never reached the held gap")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let journalled = try harness.store.actions().filter { $0.objectID == objectID }
        #expect(journalled.map(\.state) == [.sent], "the attempt was journalled and marked sent before it left")
        // The server finishes the first request (Truto records the answer it will replay), then the re-run.
        await harness.server.releaseHeldResponses()
        while await harness.server.heldResponses() > 0 { try await Task.sleep(nanoseconds: 10_000_000) }

        let again = try await ReliabilityProcess.run(arguments, environment: environment, directory: home)
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
        let entries = try harness.store.actions().filter { $0.objectID == objectID }
        #expect(entries.count == 1, "one attempt, resumed, not a second one")
        let entry = try #require(entries.first)
        #expect(entry.token == journalled.first?.token && entry.sends == 2)
        #expect(entry.state == (declined ? .refused : .alreadyDone))
        // Chargify answers the reused token 409; Truto replays the first answer (200, or 204 for a delivery,
        // or a declined retry's 422).
        let status = entry.providerStatus ?? 0
        #expect(route == .chargify ? status == 409 : (200..<300).contains(status) || (declined && status == 422))
    }
}
