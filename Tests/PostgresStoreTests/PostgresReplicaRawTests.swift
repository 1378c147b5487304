import BillingCore
import BillingStore
import BillingSync
import Foundation
import GRDB
import Sandbox
import TestSupport
import Testing

/// A viewer's copy carries invoices' and subscriptions' digests, not their raw JSON (two thirds of a store on
/// disk, read by no pane; the team store keeps it): a change only the JSON shows (a line's text, a JSON field
/// billtop does not read) must still reach the copy, and a copy made before holds its JSON no longer after its
/// next round.
@Suite(.serialized) struct PostgresReplicaRawTests {
    /// Invoices' JSON rows and subscriptions with JSON in the copy.
    static func rawRows(_ path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT (SELECT count(*) FROM invoice_raw) + (SELECT count(*) FROM subscription WHERE raw != '')")
                ?? -1
        }
    }

    @Test func aChangeOnlyTheJSONShowsReachesACopyThatKeepsNoJSON() async throws {
        let twin = try await SyncTwin.start("copy-digest", customers: 6)
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let (copy, path) = try PostgresReplicaTests.copy("digest")
        let replica = TeamReplica(team: twin.postgres, copy: copy)
        try await replica.catchUp()
        #expect(try Self.rawRows(path) == 0, "no invoice's JSON is copied")
        var differences = try PostgresReplicaTests.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        // A line's description edited upstream, nothing else: no column the upsert compares moves but the
        // digest, so only a digest carried from the team store tells the copy to rewrite the invoice's lines.
        let edited = try #require(await twin.server.world.company.invoices.first { !$0.lineItems.isEmpty })
        await twin.server.world.edit { company in
            let index = company.invoices.firstIndex { $0.uid == edited.uid }!
            company.invoices[index].lineItems[0].description = "Seats, re-described upstream"
        }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        var round = try await replica.catchUp()
        #expect(round.rows >= 1)
        let source = try #require(try copy.sources().first)
        let invoice = try #require(try copy.invoice(sourceID: source.id, numberOrUID: edited.uid))
        #expect(invoice.value.lineItems.first?.description == "Seats, re-described upstream")
        differences = try PostgresReplicaTests.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        // A subscription whose JSON changes in a field no column holds (its total revenue): the content digest
        // moves, so the copy rewrites it as the fetcher's own store does (the tables compare `content_digest`).
        await twin.server.world.edit { company in company.subscriptions[0].totalRevenueInCents += 100 }
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        round = try await replica.catchUp()
        #expect(round.rows >= 1)
        #expect(try Self.rawRows(path) == 0)
        differences = try PostgresReplicaTests.differences(twin, path)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test func aCopyMadeBeforeDropsTheJSONItHeldOnItsNextRound() async throws {
        let twin = try await SyncTwin.start("copy-old-raw", customers: 3)
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncPostgres(full: true).ok)
        let (copy, path) = try PostgresReplicaTests.copy("old-raw")
        let replica = TeamReplica(team: twin.postgres, copy: copy)
        try await replica.catchUp()
        // What an older copy held: invoices with their JSON, as a fetcher stores them.
        let source = try #require(try copy.sources().first)
        let old = Invoice(
            id: "inv_old", number: "OLD-1", customerID: "1", status: .paid, currency: .usd,
            total: try Money.parse("10", currency: .usd), due: Money.zero(.usd))
        try copy.apply(
            PageWrite(
                sourceID: source.id, stream: "team",
                invoices: [Incoming(value: old, raw: #"{"invoice":{"uid":"inv_old"}}"#)]))
        #expect(try Self.rawRows(path) == 1)
        try copy.apply(
            PageWrite(
                sourceID: source.id, stream: "team",
                subscriptions: [
                    Incoming(
                        value: Subscription(
                            id: "sub_old", customerID: "1", state: .active,
                            productPrice: try Money.parse("10", currency: .usd)),
                        raw: #"{"subscription":{}}"#)
                ]))
        #expect(try Self.rawRows(path) == 2)
        try await replica.catchUp()
        #expect(try Self.rawRows(path) == 0)
        #expect(try copy.invoice(sourceID: source.id, numberOrUID: "inv_old") != nil, "the invoice itself stays")
    }
}
