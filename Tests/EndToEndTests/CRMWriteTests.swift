import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// GHL writes exactly once (issue 19 points 3 and 5): GHL has no idempotency key, so a note or task whose
/// answer is lost after GHL acted (the sandbox does the write, then answers 502) must not be sent again
/// blindly, and an attempt a crash left unanswered is resumed by looking at the contact first.
@Suite(.serialized) struct CRMWriteTests {
    struct Setup {
        let harness: SandboxHarness
        let client: GHLClient
        let runner: CRMWriteRunner
        let contactID: String
    }

    static func setUp() async throws -> Setup {
        let harness = try await SandboxHarness.start(customers: 8)
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let source = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken)
        let client = GHLClient(source: source, transport: URLSessionTransport(), policy: .fast)
        let sourceID = try #require(try harness.store.source(named: "acme")).id
        let contactID = try #require(await harness.server.world.company.ghlContacts.first?.id)
        var runner = CRMWriteRunner(store: harness.store, ghl: client, sourceID: sourceID, who: "test", host: "here")
        runner.pauseSeconds = 0
        return Setup(harness: harness, client: client, runner: runner, contactID: contactID)
    }

    func notes(_ setup: Setup, _ body: String) async -> Int {
        let contact = await setup.harness.server.world.company.ghlContacts.first { $0.id == setup.contactID }
        return contact?.notes.filter { $0.body == body }.count ?? -1
    }

    @Test func aNoteWhoseAnswerIsLostAfterGHLActedIsWrittenOnce() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let body = "Called about invoice 1042: paying Friday"
        await setup.harness.server.setFaults(FaultPlan(failWritesAfterActing: 1...1))
        let results = try await setup.runner.perform(
            .note(contactID: setup.contactID, customerID: "c1", body: body))
        await setup.harness.server.setFaults(.none)
        #expect(await notes(setup, body) == 1, "one note, however the answer was lost")
        let last = try #require(results.last)
        #expect(last.outcome.state == .alreadyDone, "\(last.line)")
        #expect(last.entry.sends == 1, "sent once, then found by looking: \(last.line)")
        let audit = try setup.harness.store.actions(customerID: "c1")
        #expect(audit.map(\.kind) == ["crm_note"] && audit.first?.state == .alreadyDone)
    }

    @Test func aTaskWhoseAnswerIsLostAfterGHLActedIsWrittenOnce() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let due: Int64 = 1_790_000_000_000
        await setup.harness.server.setFaults(FaultPlan(failWritesAfterActing: 1...1))
        let results = try await setup.runner.perform(
            .task(contactID: setup.contactID, customerID: "c1", title: "Follow up on 1042", due: due))
        await setup.harness.server.setFaults(.none)
        let contact = await setup.harness.server.world.company.ghlContacts.first { $0.id == setup.contactID }
        #expect(contact?.tasks.filter { $0.title == "Follow up on 1042" }.count == 1)
        #expect(results.last?.outcome.state == .alreadyDone, "\(results.last?.line ?? "")")
    }

    /// A crash after the send: the journal holds a sent attempt, GHL holds its note. The next command for the
    /// same note resumes the attempt, looks, finds it, and sends nothing; an older note with the same text
    /// (seen before the first send) is not taken for it.
    @Test func anUnansweredAttemptIsResumedByLookingFirst() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let body = "Card expires next month"
        _ = try await setup.client.addNote(contactID: setup.contactID, body: body)  // an older twin
        var write = CRMWrite.note(contactID: setup.contactID, customerID: "c1", body: body)
        write.seen = try await setup.client.notes(contactID: setup.contactID).filter { $0.body == body }.map(\.id)
        let entry = try setup.harness.store.beginAction(
            BillingStore.ActionDraft(
                sourceID: setup.runner.sourceID, kind: write.kind.rawValue, objectKind: "contact",
                objectID: setup.contactID, customerID: "c1", parameters: write.parametersJSON, who: "test",
                host: "here"))
        try setup.harness.store.markActionSent(id: entry.id)
        _ = try await setup.client.addNote(contactID: setup.contactID, body: body)  // the crashed send arrived
        #expect(await notes(setup, body) == 2)

        let results = try await setup.runner.perform(write)
        #expect(results.count == 1, "the resumed attempt is this write: no new one")
        #expect(results.first?.outcome.state == .alreadyDone, "\(results.first?.line ?? "")")
        #expect(await notes(setup, body) == 2, "nothing was sent again")
        #expect(try await setup.runner.unfinished().isEmpty)
    }

    /// The crash came before the send reached GHL: the look finds only the older twin (seen before), so the
    /// resumed attempt sends, once.
    @Test func anAttemptThatNeverArrivedIsSentOnResumeDespiteAnOlderTwin() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let body = "Asked for a PO number"
        _ = try await setup.client.addNote(contactID: setup.contactID, body: body)
        var write = CRMWrite.note(contactID: setup.contactID, customerID: "c1", body: body)
        write.seen = try await setup.client.notes(contactID: setup.contactID).filter { $0.body == body }.map(\.id)
        let entry = try setup.harness.store.beginAction(
            BillingStore.ActionDraft(
                sourceID: setup.runner.sourceID, kind: write.kind.rawValue, objectKind: "contact",
                objectID: setup.contactID, customerID: "c1", parameters: write.parametersJSON, who: "test",
                host: "here"))
        try setup.harness.store.markActionSent(id: entry.id)

        let results = try await setup.runner.perform(write)
        #expect(results.first?.outcome.state == .done, "\(results.first?.line ?? "")")
        #expect(await notes(setup, body) == 2, "the twin and this attempt's note")
    }

    /// Completing a task twice is harmless, and an already completed task is found by looking.
    @Test func completingATaskIsJournalledAndRepeatable() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.harness.stop() } }
        let task = try #require(
            try await setup.client.addTask(
                contactID: setup.contactID, title: "Send the W-9", body: "", dueMilliseconds: 1_790_000_000_000,
                assignedTo: nil))
        let write = CRMWrite.completeTask(contactID: setup.contactID, customerID: "c1", taskID: task.id)
        let first = try await setup.runner.perform(write)
        #expect(first.last?.outcome.state == .done, "\(first.last?.line ?? "")")
        let contact = await setup.harness.server.world.company.ghlContacts.first { $0.id == setup.contactID }
        #expect(contact?.tasks.first { $0.id == task.id }?.completed == true)
        #expect(
            try setup.harness.store.crmActivity(contactID: setup.contactID).tasks.first { $0.id == task.id }?
                .completed == true)
    }
}
