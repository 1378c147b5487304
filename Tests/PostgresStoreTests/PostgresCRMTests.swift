import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The CRM side in the team store (issue 18 with issue 19): a GHL sync into PostgreSQL keeps what it keeps in
/// SQLite, a viewer's copy follows it (contacts, users, a contact's notes and tasks, deletions in GHL included),
/// and a round that found nothing new writes nothing a copy must read again.
@Suite(.serialized) struct PostgresCRMTests {
    static func client(_ twin: SyncTwin) -> GHLClient {
        let location = GHLSource(
            name: "crm", baseURL: twin.server.baseURL, locationID: twin.configuration.ghlLocationID,
            secret: twin.configuration.ghlToken, allowInsecureHTTP: true)
        return GHLClient(source: location, transport: URLSessionTransport(), policy: SyncTwin.policy)
    }

    /// The CRM as the copy holds it against the store the GHL sync filled directly.
    static func expectSame(_ copy: BillingStore, _ direct: BillingStore, linked: [String]) throws {
        #expect(try copy.crmContacts() == direct.crmContacts())
        #expect(try copy.crmUsers() == direct.crmUsers())
        #expect(try copy.crmLocations().map(\.id) == direct.crmLocations().map(\.id))
        for id in linked {
            let (mine, theirs) = (try copy.crmActivity(contactID: id), try direct.crmActivity(contactID: id))
            #expect(mine.notes == theirs.notes && mine.tasks == theirs.tasks, "contact \(id)")
        }
    }

    @Test func theTeamStoreKeepsTheCRMAsSQLiteDoesAndACopyFollowsIt() async throws {
        let twin = try await SyncTwin.start("crm")
        defer { Task { await twin.stop() } }
        twin.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let direct = try await GHLSync(store: twin.sqlite, client: Self.client(twin)).run()
        let team = try await GHLSync(store: twin.postgres, client: Self.client(twin)).run()
        #expect(direct.contacts > 10 && direct.activityContacts > 5, "\(direct)")
        #expect(team.contacts == direct.contacts && team.users == direct.users)
        #expect(team.activityContacts == direct.activityContacts)
        let linked = try await twin.postgres.crmLinkedContactIDs()
        #expect(linked == (try await twin.sqlite.crmLinkedContactIDs()))

        let (copy, _) = try PostgresReplicaTests.copy("crm")
        let replica = TeamReplica(team: twin.postgres, copy: copy, batch: 7)
        let first = try await replica.catchUp()
        #expect(first.rows > direct.contacts)
        try Self.expectSame(copy, twin.sqlite, linked: linked)
        // The customer screen's panel reads the same on the copy as on the fetcher's own store.
        let (mine, theirs) = (try #require(try copy.sources().first), try #require(try twin.sqlite.sources().first))
        let customers = try twin.sqlite.allCustomers(sourceID: theirs.id).map(\.value.id)
        var panels = 0
        for customer in customers {
            let expected = try twin.sqlite.crmPanel(sourceID: theirs.id, customerID: customer)
            #expect(try copy.crmPanel(sourceID: mine.id, customerID: customer) == expected, "customer \(customer)")
            if expected?.contact != nil { panels += 1 }
        }
        #expect(panels > 5)

        // Nothing new in GHL: only the location's sync time moves; no contact, user, note or task is re-read, and
        // the links are not worked out again (that reads every customer and contact).
        let computed = twin.postgres.crmLinkComputations
        let userReads = twin.postgres.crmUserReadCount
        _ = try await GHLSync(store: twin.postgres, client: Self.client(twin)).run()
        let idle = try await replica.catchUp()
        #expect(idle.rows == 1, "\(idle.rows) rows copied after a round that changed nothing")
        #expect(twin.postgres.crmLinkComputations == computed, "a round that changed nothing worked the links out")
        #expect(twin.postgres.crmUserReadCount == userReads, "the copy read the location's unchanged users again")
        // A user renamed in GHL: serve stores the users again and the copy reads them once.
        let location = twin.configuration.ghlLocationID
        var users = try copy.crmUsers(locationID: location)
        #expect(users.count > 1)
        users[0].name = "Renamed Owner"
        try await twin.postgres.saveCRMUsers(users, locationID: location)
        try await replica.catchUp()
        #expect(try copy.crmUsers(locationID: location) == users)
        #expect(twin.postgres.crmUserReadCount == userReads + 1)
        try await twin.postgres.saveCRMUsers(users.reversed(), locationID: location)
        #expect(try await replica.catchUp().rows == 0, "the same users in another order changed nothing")
        #expect(twin.postgres.crmUserReadCount == userReads + 1)

        // GHL changes: a linked contact renamed (its update time moves, so the incremental run reads it), and
        // another's first note deleted without touching the contact, which only a webhook's re-read can see.
        let renamed = linked[0]
        let pruned = try #require(
            linked.dropFirst().first { (try? copy.crmActivity(contactID: $0).notes.isEmpty) == false })
        await twin.server.world.edit { company in
            let now = company.ghlContacts.map(\.dateUpdated).max() ?? 0
            if let i = company.ghlContacts.firstIndex(where: { $0.id == renamed }) {
                company.ghlContacts[i].firstName = "Renamed"
                company.ghlContacts[i].dateUpdated = now + 1_000
            }
            if let i = company.ghlContacts.firstIndex(where: { $0.id == pruned }), !company.ghlContacts[i].notes.isEmpty
            {
                company.ghlContacts[i].notes.removeFirst()
            }
        }
        let pruning = try copy.crmActivity(contactID: pruned).notes.count
        _ = try await GHLSync(store: twin.sqlite, client: Self.client(twin)).run()
        _ = try await GHLSync(store: twin.postgres, client: Self.client(twin)).run()
        #expect(twin.postgres.crmLinkComputations == computed + 1, "a renamed contact must have the links worked out")
        #expect(try await GHLSync(store: twin.postgres, client: Self.client(twin)).refreshContact(id: pruned))
        try await GHLSync(store: twin.sqlite, client: Self.client(twin)).syncActivity(contactID: pruned)
        try await replica.catchUp()
        #expect(try copy.crmContact(id: renamed)?.firstName == "Renamed")
        #expect(try copy.crmActivity(contactID: pruned).notes.count == pruning - 1)
        try Self.expectSame(copy, twin.sqlite, linked: linked)
    }

    /// A viewer's note that serve journalled under the viewer's token and sent, then died before GHL's answer was
    /// recorded: the next serve performs the same request under the same token, looks at the contact first, finds
    /// the note there and sends nothing. A request never tried is written once and kept in the team store.
    @Test func aViewersNoteResumedUnderItsTokenIsWrittenOnce() async throws {
        let twin = try await SyncTwin.start("crm_resume")
        defer { Task { await twin.stop() } }
        twin.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        #expect(try await twin.syncPostgres(full: true).ok)
        _ = try await GHLSync(store: twin.postgres, client: Self.client(twin)).run()
        let contact = try #require(try await twin.postgres.crmLinkedContactIDs().first)
        let source = try #require(try await twin.postgres.sources().first)
        let client = Self.client(twin)
        let runner = CRMWriteRunner(store: twin.postgres, ghl: client, sourceID: source.id, who: "ana", host: "desk")
        func notes(_ body: String) async -> Int {
            await twin.server.world.company.ghlContacts.first { $0.id == contact }?.notes.filter { $0.body == body }
                .count ?? -1
        }

        let write = CRMWrite.note(contactID: contact, customerID: nil, body: "Card expires; e-mailed the update link")
        let token = "viewer-token-0001-resumed"
        let journalled = try await twin.postgres.beginAction(
            BillingStore.ActionDraft(
                sourceID: source.id, kind: write.kind.rawValue, objectKind: "contact", objectID: contact,
                customerID: nil, parameters: write.parametersJSON, who: "ana", host: "desk"),
            token: token, now: Date())
        try await twin.postgres.markActionSent(id: journalled.id, now: Date())
        _ = try await client.addNote(contactID: contact, body: write.body)  // GHL acted; the answer was lost
        let resumed = try await runner.perform(write, token: token)
        #expect(resumed.map(\.outcome.state) == [.alreadyDone], "\(resumed.map(\.line))")
        #expect(resumed.first?.entry.id == journalled.id, "the same journal row, not a second attempt")
        #expect(await notes(write.body) == 1)

        let fresh = CRMWrite.note(contactID: contact, customerID: nil, body: "Promised a call back on Monday")
        let made = try await runner.perform(fresh, token: "viewer-token-0002-fresh")
        #expect(made.map(\.outcome.state) == [.done], "\(made.map(\.line))")
        #expect(await notes(fresh.body) == 1)
        let kept = try await twin.postgres.crmActivity(contactIDs: [contact])[contact]?.notes ?? []
        #expect(kept.contains { $0.body == fresh.body }, "the note shows in the team store before the next sync")
        // Performed again under its token (a serve that died after the write, before the request's outcome),
        // after someone deleted the note in GHL: the journal answers; the note does not come back.
        await twin.server.world.edit { company in
            if let i = company.ghlContacts.firstIndex(where: { $0.id == contact }) {
                company.ghlContacts[i].notes.removeAll { $0.body == fresh.body }
            }
        }
        let again = try await runner.perform(fresh, token: "viewer-token-0002-fresh")
        #expect(again.count == 1 && again.first?.entry.id == made.last?.entry.id)
        #expect(again.first?.outcome.state == .done)
        #expect(await notes(fresh.body) == 0)
    }

    /// Manual links on the team store (set by serve at a viewer's request) decide as on SQLite: the linked contacts
    /// serve reads notes for, and every copy's panels, follow them; an unlink is "no contact at all".
    @Test func manualLinksOnTheTeamStoreDecideAsOnSQLite() async throws {
        let twin = try await SyncTwin.start("crm_links")
        defer { Task { await twin.stop() } }
        twin.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        _ = try await GHLSync(store: twin.sqlite, client: Self.client(twin)).run()
        _ = try await GHLSync(store: twin.postgres, client: Self.client(twin)).run()
        let (team, local) = (
            try #require(try await twin.postgres.sources().first), try #require(try twin.sqlite.sources().first)
        )
        let links = try twin.sqlite.crmLinks(sourceID: local.id).byCustomer
        let unlinked = try #require(links.keys.sorted().first { links[$0]?.contactID != nil })
        let relinked = try #require(links.keys.sorted().last { links[$0]?.contactID == nil })
        // A contact nobody links to by the rules, so the manual link changes which contacts serve reads.
        let linked = Set(try await twin.postgres.crmLinkedContactIDs())
        let spare = try #require(try twin.sqlite.crmContacts().map(\.id).sorted().first { !linked.contains($0) })
        let now = Date()
        for (customer, contact) in [(unlinked, nil), (relinked, spare)] as [(String, String?)] {
            try twin.sqlite.setCRMLink(sourceID: local.id, customerID: customer, contactID: contact, now: now)
            try await twin.postgres.setCRMLink(sourceID: team.id, customerID: customer, contactID: contact, now: now)
        }
        let after = try await twin.postgres.crmLinkedContactIDs()
        #expect(after == (try await twin.sqlite.crmLinkedContactIDs()))
        #expect(after.contains(spare))

        let (copy, _) = try PostgresReplicaTests.copy("crm-links")
        try await TeamReplica(team: twin.postgres, copy: copy).catchUp()
        let mine = try #require(try copy.sources().first)
        #expect(try copy.crmLink(sourceID: mine.id, customerID: unlinked) == .unlinked)
        #expect(try copy.crmLink(sourceID: mine.id, customerID: relinked) == .contact(id: spare, basis: .manual))
        for customer in [unlinked, relinked] {
            #expect(
                try copy.crmPanel(sourceID: mine.id, customerID: customer)
                    == (try twin.sqlite.crmPanel(sourceID: local.id, customerID: customer)))
        }
    }

    /// A page committed while a copy reads can stamp its location past the round's end while the location's earlier
    /// contacts are in the round: the contacts are kept (their location a bare row), and the row arrives whole in
    /// the next round.
    @Test func contactsArrivingBeforeTheirLocationAreKept() throws {
        let (copy, _) = try PostgresReplicaTests.copy("crm-early")
        let contact = CRMContact(
            id: "c-early", firstName: "Ana", lastName: "Lee", email: "ana@example.com", phone: "", companyName: "",
            address1: "", city: "", state: "", country: "", postalCode: "", tags: [], customFields: [:], ownerID: "",
            dateAdded: 1, dateUpdated: 2)
        try copy.mirrorCRMContacts([(locationID: "loc-later", contact: contact)])
        #expect(try copy.crmContact(id: "c-early") == contact)
        try copy.mirrorCRMLocation(
            CRMLocationRow(locationID: "loc-later", name: "CRM", baseURL: "https://x", highWater: 2, lastSyncAt: 3))
        #expect(try copy.crmLocations().map(\.name) == ["CRM"])
    }
}
