import BillingCore
import BillingStore
import BillingSync
import Foundation
import GRDB
import PostgresNIO
import Sandbox
import TestSupport
import Testing

/// A viewer's copy of the team store (issue 18 point 3, `TeamReplica`): caught up from the rows stamped after
/// what it has, it must hold the same records as a SQLite store the fetcher filled itself, after a first copy,
/// after a month upstream, after deletions; its journal is the team's; a copy of another store is refused.
@Suite(.serialized) struct PostgresReplicaTests {
    /// A copy next to the twin's stores, opened as the dashboard opens one.
    static func copy(_ label: String) throws -> (BillingStore, String) {
        let path = TestScratch.directory("pg-copy-\(label)").appendingPathComponent("copy.sqlite").path
        return (try BillingStore.open(path: path), path)
    }

    /// The record tables of the copy against those of the store the fetcher filled directly; invoices' and
    /// subscriptions' JSON stays in the team store (the copy's digests of it are compared), and the copy holds none.
    static func differences(_ twin: SyncTwin, _ copyPath: String) throws -> [String] {
        let copy = try RecordTableRows.sqlite(copyPath)
        let invoices = (copy["invoice"] ?? []).filter { $0["raw_json"] != "NULL" }.count
        let subscriptions = (copy["subscription"] ?? []).filter { $0["raw"] != "" }.count
        let customers = (copy["customer"] ?? []).filter { $0["raw"] != "" }.count
        let events = (copy["event"] ?? []).filter { $0["raw"] != "" }.count
        return RecordTableRows.differences(
            sqlite: try RecordTableRows.sqlite(twin.sqlitePath), postgres: copy, sqliteOnly: [],
            ignoring: ["raw_json", "subscription.raw", "customer.raw", "event.raw"])
            + (invoices == 0 ? [] : ["invoice: the copy holds the raw JSON of \(invoices) invoices"])
            + (subscriptions == 0 ? [] : ["subscription: the copy holds the raw JSON of \(subscriptions)"])
            + (customers == 0 ? [] : ["customer: the copy holds the raw JSON of \(customers)"])
            + (events == 0 ? [] : ["event: the copy holds the raw JSON of \(events)"])
    }

    @Test func aCopyHoldsWhatTheFetcherWouldHaveStoredAndFollowsChanges() async throws {
        let twin = try await SyncTwin.start("copy")
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let (copy, path) = try Self.copy("follow")
        let replica = TeamReplica(team: twin.postgres, copy: copy, batch: 7)

        let first = try await replica.catchUp()
        #expect(first.rows > 0 && first.changedSources.count == 1)
        #expect(first.appliedSeq == (try await twin.postgres.latestChange()))
        var differences = try Self.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(try copy.sources().map(\.name) == ["acme"])

        // Nothing new: a round reads nothing.
        let idle = try await replica.catchUp()
        #expect(idle.rows == 0 && idle.changedSources.isEmpty)

        // A month upstream: only what changed is read, and the copy matches again.
        await twin.advance(seconds: 30 * 86_400)
        #expect(try await twin.syncBoth().postgres.ok)
        let next = try await replica.catchUp()
        #expect(next.rows > 0 && next.rows < first.rows, "\(next.rows) rows against \(first.rows) for the first copy")
        differences = try Self.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        // The copy's checkpoints say what serve's fetcher did: every stream completed.
        let source = try #require(try copy.sources().first)
        let state = try copy.streamState(sourceID: source.id, stream: "invoices")
        #expect(state.lastCompletedAt != nil && state.phase == .idle)
        #expect(try copy.lastSyncLogID() > 0, "the fetcher's log lines are copied")
    }

    @Test func deletionsUpstreamAreTombstonedInTheCopy() async throws {
        let twin = try await SyncTwin.start("copy-tombstones")
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let (copy, path) = try Self.copy("tombstones")
        let replica = TeamReplica(team: twin.postgres, copy: copy)
        try await replica.catchUp()

        let vanished = await twin.server.world.company.subscriptions[4].id
        await twin.server.world.edit { company in company.subscriptions.removeAll { $0.id == vanished } }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        try await replica.catchUp()
        let source = try #require(try copy.sources().first)
        let gone = try copy.subscription(sourceID: source.id, id: "\(vanished)")
        #expect(gone?.deletedAt != nil, "the complete listing's tombstone reaches the copy")
        let differences = try Self.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func theTeamJournalIsMirroredAndAnotherStoreIsRefused() async throws {
        let twin = try await SyncTwin.start("copy-journal", customers: 5)
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncPostgres(full: true).ok)
        let (copy, _) = try Self.copy("journal")
        let replica = TeamReplica(team: twin.postgres, copy: copy)
        try await replica.catchUp()

        let team = try #require(try await twin.postgres.sources().first)
        let draft = BillingStore.ActionDraft(
            sourceID: team.id, kind: "resend_invoice", objectKind: "invoice", objectID: "inv_1", customerID: "42",
            parameters: "{}", who: "serve", host: "team-host")
        let entry = try await twin.postgres.beginAction(draft, token: "copy-token-0001", now: Date())
        try await twin.postgres.markActionSent(id: entry.id, now: Date())
        try await twin.postgres.finishAction(
            id: entry.id, state: .done, providerStatus: 200, message: "resent", durationMs: 12, now: Date())
        let round = try await replica.catchUp()
        #expect(round.rows == 1 && round.changedSources.isEmpty, "a journal row is read once, and moves no MRR")
        let mirrored = try #require(try copy.action(token: "copy-token-0001"))
        let local = try #require(try copy.sources().first)
        #expect(mirrored.state == .done && mirrored.sends == 1 && mirrored.message == "resent")
        #expect(mirrored.sourceID == local.id && mirrored.host == "team-host")

        // The same copy pointed at another team store: refused, named, nothing mixed in.
        let other = try await SyncTwin.start("copy-other", customers: 3)
        defer { Task { await other.stop() } }
        #expect(try await other.syncPostgres(full: true).ok)
        let before = try copy.customerCount()
        await #expect {
            try await TeamReplica(team: other.postgres, copy: copy).catchUp()
        } throws: { error in
            "\(error)".contains("another team store") && "\(error)".contains("delete it")
        }
        #expect(try copy.customerCount() == before)
    }

    @Test func aTransactionTakesOneChangeNumberForAllItsRows() async throws {
        let twin = try await SyncTwin.start("copy-stamps", customers: 12)
        defer { Task { await twin.stop() } }
        let before = try await twin.postgres.latestChange()
        #expect(try await twin.syncPostgres(full: true).ok)
        let changes = try await twin.postgres.changes(after: before)
        // Every page that changed something is one entry named for its stream, never one per row or table.
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { ["customers", "subscriptions", "invoices", "events"].contains($0.what) })
        let stamps = try await Self.stamps(twin.url)
        #expect(Set(stamps).isSubset(of: Set(changes.map(\.seq))), "every row is stamped with its page's number")
    }

    /// The distinct change numbers of the team store's customer rows, read as the superuser.
    static func stamps(_ url: PostgresStoreURL) async throws -> [Int64] {
        let cluster = try PostgresTestCluster.shared()
        let connection = try await AdminSQL.connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: url.database)
        var stamps: [Int64] = []
        let rows = try await connection.raw.query("SELECT DISTINCT change_seq FROM customer", logger: AdminSQL.logger)
        for try await seq in rows.decode(Int64.self) { stamps.append(seq) }
        return stamps
    }
}
