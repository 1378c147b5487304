import BillingActions
import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import TUIKit
import TUITestSupport
import Testing

/// The dashboard's actions end to end (issue 17): the real action desk on the sandbox, through the action key,
/// the form and `y`, on both paths. The provider holds exactly one delivery, payment, note or e-mail, the form
/// shows the answer, and the customer's timeline shows billtop's own attempt after the reload.
@Suite(.serialized) struct DashboardActionTests {
    @Test(arguments: ["resend", "pay", "note", "card"], [SourceConfig.Kind.chargify, .truto])
    func theActionKeyActsOnceAndTheScreenFollows(_ name: String, _ route: SourceConfig.Kind) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let source = harness.source(route)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let sourceID = try #require(try harness.store.source(named: source.name)).id
        // A customer with one live subscription and money due on an invoice.
        let subscriptions = try harness.store.allSubscriptions(sourceID: sourceID).map(\.value)
        let invoices = try harness.store.allInvoices(sourceID: sourceID).map(\.value)
        let customerID = try #require(
            subscriptions.first { s in
                subscriptions.filter { $0.customerID == s.customerID }.count == 1
                    && [.active, .pastDue].contains(s.state)
                    && invoices.contains { $0.customerID == s.customerID && $0.isOpen && $0.due.minorUnits > 100 }
            }?.customerID)

        let desk = ActionDesk(
            store: harness.store, configs: [source], missing: [:], policy: ActionPolicy(),
            transport: URLSessionTransport())
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(
            data: StoreDashboardData(store: harness.store), terminal: terminal,
            clock: { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) },
            exportDirectory: NSTemporaryDirectory(), start: .customer(CustomerKey(source: source.name, id: customerID)),
            actions: desk)
        await loop.settleActions()
        try loop.step(settle: true)
        func press(_ keys: KeyEvent...) throws {
            for key in keys { loop.handle(key) }
            try loop.step(settle: true)
        }

        let kind: SandboxSideEffect.Kind
        switch name {
        case "resend":
            kind = .delivery
            try press(.char("a"), .char("r"), .enter)
        case "pay":
            kind = .payment
            try press(.char("a"), .char("p"), .ctrl("u"))
            for c in "1.00" { loop.handle(.char(c)) }
            try press(.enter)
        case "note":
            kind = .note
            try press(.char("a"), .char("n"))
            for c in "called about the card" { loop.handle(.char(c)) }
            try press(.enter)
        default:
            kind = .cardUpdateEmail
            try press(.char("a"), .char("u"))
        }
        let form = try #require(loop.state.actionForm)
        #expect(form.phase == .review, "\(terminal.lastFrame?.text ?? "")")
        #expect(await harness.server.sideEffects().isEmpty, "nothing is sent before y")
        loop.handle(.char("y"))
        await loop.settleActions()
        try loop.step(settle: true)

        let text = terminal.lastFrame?.text ?? ""
        guard case .finished(let report) = loop.state.actionForm?.phase else {
            Issue.record("no answer on screen:\n\(text)")
            return
        }
        #expect(report.succeeded, "\(report.lines)")
        #expect(text.contains("done: "), "\(text)")
        let effects = await harness.server.sideEffects().filter { $0.kind == kind }
        #expect(effects.count == 1, "exactly one \(kind), found \(effects.count)")
        if kind == .delivery || kind == .payment {
            #expect(effects.first?.invoiceUID == form.target.invoice?.id)
        } else {
            #expect(effects.first?.subscriptionID.map(String.init) == form.subscription?.id)
        }
        // The reload after the answer brings billtop's own attempt into the timeline.
        #expect(loop.state.detail?.timeline.contains { $0.kind == .action && $0.text.contains("done") } == true)
        let journal = try harness.store.actions(customerID: customerID)
        #expect(journal.count == 1 && journal.first?.state == .done)
    }

    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func thePortalLinkComesFromTheProviderOnBothPaths(_ route: SourceConfig.Kind) async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { await harness.stop() } }
        let source = harness.source(route)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let sourceID = try #require(try harness.store.source(named: source.name)).id
        let customerID = try #require(try harness.store.allSubscriptions(sourceID: sourceID).first?.value.customerID)
        let desk = ActionDesk(
            store: harness.store, configs: [source], missing: [:], policy: ActionPolicy(),
            transport: URLSessionTransport())
        let report = await desk.portalLink(customerID: customerID, source: source.name)
        #expect(report.succeeded, "\(report.lines)")
        #expect(report.lines.first?.hasPrefix("billing portal: http") == true, "\(report.lines)")
        #expect(await harness.server.sideEffects().isEmpty, "a read changes nothing")
    }
}
