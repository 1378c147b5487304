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

/// CRM writes from the dashboard end to end (issue 19 point 3): the real action desk with a GHL location,
/// on the sandbox. A note and a task typed into the form land on the contact once and show in the customer
/// screen's CRM lines at once; a task is completed; a write a crash left unanswered is resumed at the next
/// start by looking at the contact, never sent twice.
@Suite(.serialized) struct DashboardCRMTests {
    struct Setup {
        let harness: SandboxHarness
        let ghl: GHLSource
        let customerID: String
        let contactID: String
    }

    /// A synced billing company and GHL location, one customer linked by hand to a contact.
    static func setUp() async throws -> Setup {
        let harness = try await SandboxHarness.start(customers: 12)
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let ghl = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken, allowInsecureHTTP: true)
        let client = GHLClient(source: ghl, transport: URLSessionTransport(), policy: .fast, store: harness.store)
        _ = try await GHLSync(store: harness.store, client: client).run()
        let sourceID = try #require(try harness.store.source(named: "acme")).id
        let customerID = try #require(try harness.store.allCustomers(sourceID: sourceID).first?.value.id)
        let contact = try #require(try harness.store.crmContacts().first { !$0.ownerID.isEmpty })
        try harness.store.setCRMLink(sourceID: sourceID, customerID: customerID, contactID: contact.id)
        return Setup(harness: harness, ghl: ghl, customerID: customerID, contactID: contact.id)
    }

    static func loop(_ setup: Setup, terminal: FakeTerminal) async throws -> DashboardLoop {
        let desk = ActionDesk(
            store: setup.harness.store, configs: [setup.harness.source(.chargify)], missing: [:],
            policy: ActionPolicy(), transport: URLSessionTransport(), ghl: [setup.ghl])
        let loop = DashboardLoop(
            data: StoreDashboardData(store: setup.harness.store), terminal: terminal,
            clock: { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) },
            exportDirectory: NSTemporaryDirectory(),
            start: .customer(CustomerKey(source: "acme", id: setup.customerID)),
            actions: desk)
        await loop.settleActions()
        try loop.step(settle: true)
        return loop
    }

    static func send(_ loop: DashboardLoop, _ keys: [KeyEvent], typing text: String = "") async throws -> ActionReport?
    {
        for key in keys { loop.handle(key) }
        for c in text { loop.handle(.char(c)) }
        loop.handle(.enter)
        try loop.step(settle: true)
        guard loop.state.actionForm?.phase == .review else { return nil }
        loop.handle(.char("y"))
        await loop.settleActions()
        try loop.step(settle: true)
        guard case .finished(let report) = loop.state.actionForm?.phase else { return nil }
        loop.handle(.escape)
        try loop.step(settle: true)
        return report
    }

    func contact(_ setup: Setup) async -> GHLContact? {
        await setup.harness.server.world.company.ghlContacts.first { $0.id == setup.contactID }
    }

    @Test func aNoteAndATaskLandOnceAndShowAtOnceThenTheTaskIsCompleted() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let terminal = FakeTerminal(width: 140, height: 50)
        let loop = try await Self.loop(setup, terminal: terminal)
        let tasksBefore = await contact(setup)?.tasks.count ?? -1

        let body = "Promised to pay on Friday"
        let note = try #require(try await Self.send(loop, [.char("a"), .char("g")], typing: body))
        #expect(note.succeeded, "\(note.lines)")
        #expect(await contact(setup)?.notes.filter { $0.body == body }.count == 1)
        #expect(terminal.lastFrame?.text.contains(body) == true, "\(terminal.lastFrame?.text ?? "")")

        let title = "Call about the card"
        let task = try #require(try await Self.send(loop, [.char("a"), .char("k"), .ctrl("u")], typing: title))
        #expect(task.succeeded, "\(task.lines)")
        let tasksAfter = try #require(await contact(setup)?.tasks)
        #expect(tasksAfter.filter { $0.title == title }.count == 1 && tasksAfter.count == tasksBefore + 1)
        #expect(terminal.lastFrame?.text.contains(title) == true, "\(terminal.lastFrame?.text ?? "")")

        // The new task is among the open ones: choose it by its number in the form.
        let open = try #require(loop.state.detail?.crm?.openTasks)
        let number = try #require(open.firstIndex { $0.title == title }) + 1
        let done = try #require(
            try await Self.send(loop, [.char("a"), .char("x"), .ctrl("u")], typing: String(number)))
        #expect(done.succeeded, "\(done.lines)")
        #expect(await contact(setup)?.tasks.first { $0.title == title }?.completed == true)
        #expect(loop.state.detail?.crm?.openTasks.contains { $0.title == title } == false)

        let journal = try setup.harness.store.actions(customerID: setup.customerID).map(\.kind)
        #expect(journal.filter { $0.hasPrefix("crm_") }.sorted() == ["crm_complete_task", "crm_note", "crm_task"])
    }

    @Test func theLinkIsSetByIDOrEmailAndUnlinkedFromTheScreen() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let store = setup.harness.store
        let sourceID = try #require(try store.source(named: "acme")).id
        let other = try #require(try store.crmContacts().first { $0.id != setup.contactID && !$0.email.isEmpty })
        let loop = try await Self.loop(setup, terminal: FakeTerminal(width: 120, height: 40))
        let byEmail = try #require(
            try await Self.send(loop, [.char("a"), .char("b"), .ctrl("u")], typing: other.email.uppercased()))
        #expect(byEmail.succeeded, "\(byEmail.lines)")
        #expect(
            try store.crmLink(sourceID: sourceID, customerID: setup.customerID)
                == .contact(id: other.id, basis: .manual))
        #expect(loop.state.detail?.crm?.contact?.id == other.id, "the screen follows at once")
        let unknown = try #require(try await Self.send(loop, [.char("a"), .char("b"), .ctrl("u")], typing: "nobody"))
        #expect(!unknown.succeeded && unknown.lines.joined().contains("no contact nobody"), "\(unknown.lines)")
        let unlinked = try #require(try await Self.send(loop, [.char("a"), .char("b"), .ctrl("u")]))
        #expect(unlinked.succeeded)
        #expect(try store.crmLink(sourceID: sourceID, customerID: setup.customerID) == .unlinked)
    }

    @Test func aWriteACrashLeftUnansweredIsResumedAtStartByLookingNotResending() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let sourceID = try #require(try setup.harness.store.source(named: "acme")).id
        let client = GHLClient(source: setup.ghl, transport: URLSessionTransport(), policy: .fast)
        var shell = CRMWriteRunner(store: setup.harness.store, ghl: client, sourceID: sourceID, who: "t", host: "h")
        shell.rounds = 1
        let body = "Left a voicemail"
        // GHL writes the note, then the answer is lost: the attempt stays "sent", unanswered.
        await setup.harness.server.setFaults(FaultPlan(failWritesAfterActing: 1...1))
        _ = try await shell.perform(.note(contactID: setup.contactID, customerID: setup.customerID, body: body))
        await setup.harness.server.setFaults(.none)
        #expect(try setup.harness.store.pendingActions(sourceID: sourceID).map(\.kind) == ["crm_note"])

        let loop = try await Self.loop(setup, terminal: FakeTerminal(width: 120, height: 40))
        #expect(loop.state.status?.text.contains("already done") == true, "\(loop.state.status?.text ?? "")")
        #expect(try setup.harness.store.pendingActions(sourceID: sourceID).isEmpty)
        #expect(await contact(setup)?.notes.filter { $0.body == body }.count == 1, "looked, did not resend")
    }
}
