import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// `SyncRunner` writing the PostgreSQL store (issue 18 point 1): the same sandbox synced into both engines
/// must leave the same rows in every record table; a stream cut between pages resumes from its checkpoint;
/// deletions upstream become the same tombstones.
@Suite(.serialized) struct PostgresSyncTests {
    @Test func aSandboxSyncStoresTheSameRowsOnBothEngines() async throws {
        let twin = try await SyncTwin.start("twin")
        defer { Task { await twin.stop() } }
        let first = try await twin.syncBoth(full: true)
        #expect(first.sqlite.ok && first.postgres.ok, "\(first.postgres.failures)")
        var differences = try await twin.differences()
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(try await twin.postgres.customerCount(sourceID: nil) == twin.sqlite.customerCount())

        // A month upstream (renewals, payments, dunning, new customers), then incremental runs on both.
        await twin.advance(seconds: 30 * 86_400)
        let next = try await twin.syncBoth()
        #expect(next.sqlite.ok && next.postgres.ok, "\(next.postgres.failures)")
        differences = try await twin.differences()
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        // Every stream ended completed, as on SQLite, and the pages were announced to viewers.
        let source = try #require(try await twin.postgres.sources().first)
        for stream in StreamKind.allCases {
            let state = try await twin.postgres.streamState(sourceID: source.id, stream: stream.rawValue)
            #expect(state.phase == .idle && state.lastCompletedAt != nil, "\(stream): \(state.phase)")
        }
        let announced = Set(try await twin.postgres.changes(after: 0).map(\.what))
        #expect(announced.isSuperset(of: ["customers", "subscriptions", "invoices", "events"]), "\(announced)")
    }

    @Test func aStreamCutBetweenPagesResumesFromItsCheckpoint() async throws {
        let twin = try await SyncTwin.start("cut", customers: 40)
        defer { Task { await twin.stop() } }
        let transport = CutAfterPages(path: "/invoices.json", allowed: 3)
        let running = Task { try await twin.syncPostgres(full: true, transport: transport) }
        // While page 4 is held: pages 1-3 are committed, each with its checkpoint (nothing has stopped the stream
        // yet, so no error path wrote it). A bounded wait for the third commit, not a timing assertion.
        var midway = StreamState()
        for _ in 0..<3_000 where midway.page != 4 {
            if let source = try await twin.postgres.sources().first {
                midway = try await twin.postgres.streamState(sourceID: source.id, stream: "invoices")
            }
            if midway.page != 4 { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        #expect(midway.page == 4 && midway.phase == .running, "each page commits with its checkpoint: \(midway)")
        transport.release()
        let cut = try await running.value
        #expect(cut.failures.map(\.stream) == ["invoices"], "\(cut.failures)")
        let source = try #require(try await twin.postgres.sources().first)
        let saved = try await twin.postgres.streamState(sourceID: source.id, stream: "invoices")
        #expect(saved.phase == .failed && saved.fullListing)
        #expect(saved.page > 1, "pages before the cut are committed with their checkpoint")

        await twin.server.resetRequestCounts()
        let resumed = try await twin.syncPostgres()
        #expect(resumed.ok, "\(resumed.failures)")
        let pages = await twin.server.requestLog().filter { $0.path.hasSuffix("/invoices.json") }
        let firstPage = pages.first?.query.first { $0.hasPrefix("page=") }
        #expect(firstPage == "page=\(saved.page)", "the resumed listing starts at the checkpoint, not page 1")

        // Nothing twice, nothing missing: the same rows as an uninterrupted sync into SQLite.
        #expect(try await twin.syncSQLite(full: true).ok)
        let differences = try await twin.differences()
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func aDeleteEventAndACompleteListingTombstoneAsOnSQLite() async throws {
        let twin = try await SyncTwin.start("tombstones")
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let company = await twin.server.world.company
        let (deleted, vanished) = (company.subscriptions[2].id, company.subscriptions[5].id)
        let deletedAt = company.now.secondsSinceEpoch
        // One subscription is deleted with its event; another simply stops being listed.
        await twin.server.world.edit { company in
            company.subscriptions.removeAll { $0.id == deleted || $0.id == vanished }
            var event = company.events[company.events.count - 1]
            event.id = (company.events.map(\.id).max() ?? 0) + 1
            event.key = "subscription_deletion"
            event.message = "deleted"
            event.subscriptionID = deleted
            event.createdAt = deletedAt
            event.specificDataJSON = "{}"
            company.events.append(event)
        }
        #expect(try await twin.syncBoth().postgres.ok)
        let source = try #require(try await twin.postgres.sources().first)
        let afterEvent = try await twin.postgres.subscription(sourceID: source.id, id: "\(deleted)")
        #expect(afterEvent?.deletedAt == deletedAt, "the deletion event tombstones its subscription")
        let notYet = try await twin.postgres.subscription(sourceID: source.id, id: "\(vanished)")
        #expect(notYet?.deletedAt == nil, "an incremental run cannot know what is no longer listed")

        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let reconciled = try await twin.postgres.subscription(sourceID: source.id, id: "\(vanished)")
        #expect(reconciled?.deletedAt != nil, "the complete listing's reconcile tombstones what it did not list")
        let differences = try await twin.differences()
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }
}
