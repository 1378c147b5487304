import BillingServe
import BillingStore
import Foundation
import Logging
import Testing

/// The viewers' action queue: a request is claimed by the leader of its source, performed through ServeWork
/// with its own token and finished; one left running by a dead serve is resumed with the same token.
@Suite struct ServeQueueTests {
    static func draft(_ source: SourceInfo, _ n: Int) -> ActionRequestDraft {
        ActionRequestDraft(
            sourceID: source.id, kind: "retry", objectKind: "subscription", objectID: "sub_\(n)", customerID: "c\(n)",
            parameters: "{}", token: "token-\(n)-" + UUID().uuidString.prefix(8), host: "agent-laptop")
    }

    @Test func aRequestIsPerformedOnceWithTwoServesRunning() async throws {
        let harness = try await ServeHarness.make("queue")
        let a = try harness.start("a")
        let b = try harness.start("b")
        let store = try await PostgresStore.open(harness.url)
        var queued: [Int64] = []
        for n in 1...5 { queued.append(try await store.requestAction(Self.draft(harness.source, n))) }
        let ids = queued
        try await eventually(10, "every request finished") {
            for id in ids {
                if try await store.actionRequest(id: id)?.isFinished != true { return false }
            }
            return true
        }
        for id in ids {
            let status = try #require(try await store.actionRequest(id: id))
            #expect(status.state == "succeeded")
            #expect(status.outcome == "done: retry")
        }
        let attempts = await harness.ledger.attempts
        #expect(attempts.count == 5)
        #expect(Set(attempts.map(\.token)).count == 5)
        #expect(Set(attempts.map(\.by)).count == 1)  // only the source's leader acts
        #expect(await harness.ledger.acted.values.allSatisfy { $0 == 1 })
        await store.close()
        try await a.stop()
        try await b.stop()
    }

    /// A serve claimed two requests and died: one after sending it (the provider acted), one before. The next
    /// leader resumes both with their own tokens: the first is answered "already done", the second acts; each
    /// acted exactly once.
    @Test func requestsLeftRunningByADeadServeAreResumedExactlyOnce() async throws {
        let harness = try await ServeHarness.make("resume")
        let store = try await PostgresStore.open(harness.url)
        let sent = try await store.requestAction(Self.draft(harness.source, 1))
        let unsent = try await store.requestAction(Self.draft(harness.source, 2))
        let first = try #require(try await store.claimActionRequest(sourceID: harness.source.id))
        let second = try #require(try await store.claimActionRequest(sourceID: harness.source.id))
        #expect([first.id, second.id] == [sent, unsent])
        #expect(await harness.ledger.attempt(first.token, resumed: false, by: "dead"))
        #expect(try await store.actionRequest(id: sent)?.state == "running")

        let next = try harness.start("next")
        try await eventually(10, "both resumed requests finished") {
            let first = try await store.actionRequest(id: sent)
            let second = try await store.actionRequest(id: unsent)
            return first?.isFinished == true && second?.isFinished == true
        }
        #expect(try await store.actionRequest(id: sent)?.outcome == "already done: retry")
        #expect(try await store.actionRequest(id: sent)?.providerStatus == 409)
        #expect(try await store.actionRequest(id: unsent)?.outcome == "done: retry")
        let resumed = await harness.ledger.attempts.filter { $0.by == "next" }
        #expect(resumed.map(\.token) == [first.token, second.token])
        #expect(resumed.allSatisfy { $0.resumed })
        #expect(await harness.ledger.acted == [first.token: 1, second.token: 1])
        // Finished rows are never finished again.
        #expect(
            try await store.finishActionRequest(id: sent, outcome: ActionRequestOutcome(state: .failed, message: "x"))
                == false)
        await store.close()
        try await next.stop()
    }

    /// As the viewer role made by init-postgres: billtop's request path is accepted, and every writer's step of
    /// the queue is refused by the database itself; serve (the writer) performs the request and the viewer's
    /// wait, woken by the change feed, reads the outcome and who asked.
    @Test func theViewerRoleCanOnlyRequestAndSeesTheOutcome() async throws {
        let setup = try PostgresRoleTests.setup("viewq")
        _ = try await PostgresRoleTests.prepared(setup, throughPsql: false)
        let cluster = try PostgresTestCluster.shared()
        let base = cluster.adminURL(database: setup.database)
        let viewer = try await PostgresStore.openForReading(base.with(user: setup.viewer, password: "viewer-pw"))
        let source = try #require(try await viewer.sources().first)

        let seq = try await viewer.latestChange()
        let id = try await viewer.requestAction(Self.draft(source, 1))
        let refusals: [(String, () async throws -> Void)] = [
            ("claim", { _ = try await viewer.claimActionRequest(sourceID: source.id) }),
            (
                "finish",
                { try await viewer.finishActionRequest(id: id, outcome: .init(state: .succeeded, message: "")) }
            ),
            (
                "webhook",
                {
                    _ = try await viewer.recordWebhook(
                        provider: .chargify, sourceID: source.id, webhookID: "w", event: "", targets: [])
                }
            ),
        ]
        for (what, attempt) in refusals {
            do {
                try await attempt()
                Issue.record("\(what): the database accepted it from the viewer")
            } catch let error as PostgresStoreError {
                #expect(error.isPermissionDenied, "\(what): \(error)")
            } catch {
                Issue.record("\(what): \(error)")
            }
        }

        let ledger = FakeLedger()
        let loop = try ServeLoop.fake(base.with(user: setup.writer, password: "writer-pw"), ledger: ledger)
        let running = Task { try await loop.run() }
        let status = try #require(try await viewer.awaitActionRequest(id: id, after: seq, timeout: .seconds(20)))
        #expect(status.state == "succeeded")
        #expect(status.requestedBy == setup.viewer)
        #expect(await ledger.attempts.count == 1)
        await viewer.close()
        await loop.stop()
        try await running.value
    }
}
