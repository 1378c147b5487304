import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The action core on the PostgreSQL store (issue 18 point 1): an action whose answer is lost after the
/// provider acted is journalled once, resumed with its own token, and done once, as on SQLite.
@Suite(.serialized) struct PostgresActionTests {
    @Test func aLostAnswerIsResumedWithItsTokenAndActsOnce() async throws {
        let twin = try await SyncTwin.start("action")
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncPostgres(full: true).ok)
        let info = try #require(try await twin.postgres.sources().first)
        let subscription = await twin.server.world.company.subscriptions[0]
        var note = Action(kind: .addNote, objectID: "\(subscription.id)", customerID: "\(subscription.customerID)")
        note.note = "called about the card"

        await twin.server.setFaults(FaultPlan(holdWriteResponseMilliseconds: 60_000, holdWriteRequests: 1...1))
        let lost = ActionRunner(
            store: twin.postgres, source: info, config: twin.source(), transport: LostAnswer(server: twin.server),
            who: "test", host: "test")
        let first = try #require(try await lost.perform(note).last)
        #expect(first.outcome.state == .sent, "no answer: the attempt stays open to resume (\(first.line))")
        #expect(try await lost.unfinished().map(\.id) == [first.entry.id])

        let runner = ActionRunner(
            store: twin.postgres, source: info, config: twin.source(), transport: URLSessionTransport(), who: "test",
            host: "test")
        let again = try await runner.perform(note)
        #expect(again.count == 1, "the resumed attempt is this action: no new one")
        #expect(again.first?.outcome.state == .alreadyDone, "\(again.first?.line ?? "")")

        let journal = try await twin.postgres.actions(customerID: nil, limit: 10)
        #expect(journal.count == 1, "one attempt in the journal")
        let entry = try #require(journal.first)
        #expect(entry.token == first.entry.token && entry.sends == 2 && entry.state == .alreadyDone)
        #expect(entry.providerStatus == 409 && entry.who == "test" && entry.finishedAt != nil)
        #expect(try await twin.postgres.pendingActions(sourceID: info.id).isEmpty)
        let notes = await twin.server.sideEffects().filter { $0.kind == .note }
        #expect(notes.count == 1, "the provider holds exactly one note, found \(notes.count)")
        let announced = try await twin.postgres.changes(after: 0).filter { $0.what == "action_journal" }
        #expect(!announced.isEmpty, "viewers hear of the journal's rows")
    }
}
