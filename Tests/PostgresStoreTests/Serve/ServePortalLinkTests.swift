import BillingServe
import BillingStore
import Foundation
import PostgresNIO
import Sandbox
import Testing

/// A billing-portal link on a team store: a viewer with no key asks, serve fetches it with the only key and hands
/// it back as the request's outcome; serve's log never holds it, and the team store forgets it after a while.
@Suite struct ServePortalLinkTests {
    @Test func aViewerGetsThePortalLinkFromServeAndServesLogNeverHoldsIt() async throws {
        let team = try await TeamDatabase.make("portal")
        let configuration = SandboxConfiguration(seed: 11, customers: 12)
        let sandbox = try await SandboxServer.start(configuration)
        defer { Task { await sandbox.stop() } }
        let key = configuration.chargifyAPIKey
        let writerEnvironment = ["BILLTOP_API_KEY": key, "PGPASSWORD": TeamDatabase.writerPassword]
        let sync = try await BilltopRun.onThread(
            ["sync", "--chargify", sandbox.baseURL, "--store", team.writerURL], environment: writerEnvironment)
        #expect(sync.status == 0, "\(sync.stderr)")
        let customer = try #require(await sandbox.world.company.customers.first)

        // Asked while no serve runs, and left: by the time a serve comes, nobody waits for that link any more.
        let viewer = ["PGPASSWORD": TeamDatabase.viewerPassword]
        let early = try await BilltopRun.onThread(
            ["customer", "portal-link", customer.email, "--store", team.viewerURL, "--wait", "1"], environment: viewer)
        #expect(early.status == 69, "\(early.stderr)")
        let writer = try await AdminSQL.connect(
            user: team.setup.writer, password: TeamDatabase.writerPassword, database: team.setup.database)
        try await writer.raw.query(
            "UPDATE action_request SET requested_at = now() - interval '11 minutes'", logger: AdminSQL.logger)

        let serve = try ServeProcess.start(
            ["serve", "--store", team.writerURL, "--interval", "3600"], environment: writerEnvironment)
        defer { _ = serve.terminate() }
        let asked = try await BilltopRun.onThread(
            ["customer", "portal-link", customer.email, "--store", team.viewerURL, "--wait", "60"],
            environment: viewer)
        #expect(asked.status == 0, "\(asked.stderr)\n\(serve.stderr)")
        #expect(asked.stdout.hasPrefix("billing portal: http"), "\(asked.stdout)")
        let link = try #require(asked.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(link.hasPrefix("https://") && link.contains("/manage/\(customer.id)/"), "\(link)")

        // --json prints what a single user's store prints: the customer, the URL and its expiry.
        let asJSON = try await BilltopRun.onThread(
            ["customer", "portal-link", customer.email, "--store", team.viewerURL, "--wait", "60", "--json"],
            environment: viewer)
        #expect(asJSON.status == 0, "\(asJSON.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(asJSON.stdout.utf8)) as? [String: String], "\(asJSON.stdout)")
        #expect(object["customer"] == String(customer.id))
        #expect(object["url"]?.hasPrefix("https://") == true && object["expires_at"] != nil, "\(object)")
        #expect(Set(object.keys) == ["customer", "url", "expires_at"])

        let unknown = try await BilltopRun.onThread(
            ["customer", "portal-link", "nobody@nowhere.test", "--store", team.viewerURL, "--wait", "5"],
            environment: viewer)
        #expect(unknown.status == 1, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("no single customer nobody@nowhere.test in source"), "\(unknown.stderr)")

        let stale = try await writer.raw.query(
            "SELECT state, outcome FROM action_request ORDER BY id LIMIT 1", logger: AdminSQL.logger)
        for try await (state, outcome) in stale.decode((String, String).self) {
            #expect(state == "refused", "\(outcome)")
            #expect(outcome.contains("asked 11 minutes ago, longer than anyone waits for a link; ask again"))
        }
        #expect(serve.terminate() == 0, "\(serve.stderr)")
        let said = serve.stderr + serve.log
        #expect(said.contains("billing portal link for customer \(customer.id) given"), "\(said)")
        // The link's secret part: its host holds the sandbox's key ("sandbox"), which the log redacts anyway.
        let secret = try #require(link.split(separator: "/").last.map(String.init))
        #expect(!said.contains(secret), "serve's log holds the link")
        #expect(await sandbox.world.sideEffects.isEmpty, "a link is a read: nothing changed at the provider")
    }

    /// Serve clears a link's outcome once it is old enough (`forgetOutcomes`, run by `tidy`); other kinds' outcomes,
    /// failed requests and younger links stay as they were.
    @Test func oldLinksAreClearedAndNothingElseIs() async throws {
        let harness = try await ServeHarness.make("portalclear")
        let store = try await PostgresStore.open(harness.url)
        defer { Task { await store.close() } }
        func finished(_ kind: String, _ state: ActionRequestOutcome.State, _ message: String) async throws -> Int64 {
            let id = try await store.requestAction(
                ActionRequestDraft(
                    sourceID: harness.source.id, kind: kind, objectKind: "customer", objectID: "c1", customerID: "c1",
                    parameters: "{}", token: "portal-" + UUID().uuidString, host: "agent-laptop"))
            _ = try #require(try await store.claimActionRequest(sourceID: harness.source.id))
            #expect(
                try await store.finishActionRequest(
                    id: id, outcome: ActionRequestOutcome(state: state, message: message)))
            return id
        }
        let link = try await finished("portal_link", .succeeded, "billing portal: https://acme.example/portal/x")
        let refused = try await finished("portal_link", .failed, "no billing portal for this customer (404)")
        let retry = try await finished("retry", .succeeded, "done: retry")
        let replacement = "cleared"

        #expect(
            try await store.forgetOutcomes(kind: "portal_link", olderThan: .seconds(600), replacement: replacement) == 0
        )
        #expect(try await store.actionRequest(id: link)?.outcome == "billing portal: https://acme.example/portal/x")
        #expect(try await store.forgetOutcomes(kind: "portal_link", olderThan: .zero, replacement: replacement) == 1)
        #expect(try await store.actionRequest(id: link)?.outcome == replacement)
        #expect(try await store.actionRequest(id: link)?.state == "succeeded")
        #expect(try await store.actionRequest(id: refused)?.outcome == "no billing portal for this customer (404)")
        #expect(try await store.actionRequest(id: retry)?.outcome == "done: retry")
        // Once cleared, a link is not rewritten (and announced) again every minute.
        #expect(try await store.forgetOutcomes(kind: "portal_link", olderThan: .zero, replacement: replacement) == 0)
    }

    /// The leader tidies as soon as it leads, then once a minute, not on every tick (50 ms here).
    @Test func theLeaderTidiesOnceAMinuteNotEveryTick() async throws {
        let harness = try await ServeHarness.make("tidy")
        let serve = try harness.start("a")
        try await eventually(10, "the leader tidied") { await harness.ledger.tidies >= 1 }
        try await Task.sleep(for: .seconds(1))
        #expect(await harness.ledger.tidies == 1)
        try await serve.stop()
    }
}
