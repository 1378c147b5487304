import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Dunning tasks on the team store (issue 18 with issue 19 point 5): serve's GHL round makes the same stages
/// GHL tasks as `billtop sync` does on SQLite, once per invoice and stage, journalled in the team store. The
/// stages come from the few customers that may have reached one (`dunningCandidates`), so they are checked
/// against every linked customer judged by the rules.
@Suite(.serialized) struct PostgresDunningTaskTests {
    @Test func theTeamStoreFindsTheSameStagesAndMakesEachTaskOnce() async throws {
        let twin = try await SyncTwin.start("dunning", customers: 60)
        defer { Task { await twin.stop() } }
        twin.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        #expect(try await twin.syncBoth(full: true).postgres.ok)
        let client = PostgresCRMTests.client(twin)
        _ = try await GHLSync(store: twin.sqlite, client: client).run()
        _ = try await GHLSync(store: twin.postgres, client: client).run()
        let asOf = Timestamp(secondsSinceEpoch: await twin.server.world.now.secondsSinceEpoch).date(offsetSeconds: 0)
        let (mine, theirs) = (
            try #require(try twin.sqlite.sources().first), try #require(try await twin.postgres.sources().first)
        )

        // Every customer with an invoice 31-60 days overdue is linked, on both engines, to a contact with an owner,
        // so the stages are many; the rest keep the links the rules give them.
        let owners = try twin.sqlite.crmContacts().filter { !$0.ownerID.isEmpty }
        try #require(!owners.isEmpty)
        var linkedByHand = 0
        for (index, customer) in try twin.sqlite.allCustomers(sourceID: mine.id).enumerated() {
            let detail = try #require(try twin.sqlite.customer(customer.key))
            guard detail.invoices.contains(where: { Self.inStage($0.value, asOf) }) else { continue }
            let contact = owners[index % owners.count].id
            try twin.sqlite.setCRMLink(sourceID: mine.id, customerID: customer.value.id, contactID: contact)
            try await twin.postgres.setCRMLink(
                sourceID: theirs.id, customerID: customer.value.id, contactID: contact, now: Date())
            linkedByHand += 1
        }
        #expect(linkedByHand >= 1, "the seeded company has an invoice 31-60 days overdue")

        let reference = try Self.everyLinkedCustomersStages(twin.sqlite, sourceID: mine.id, asOf: asOf)
        let runner = { (store: any RecordStore & CRMRecords, id: Int64) in
            CRMWriteRunner(store: store, ghl: client, sourceID: id, who: "test", host: "here")
        }
        let onSQLite = try await DunningTasks(store: twin.sqlite, runner: runner(twin.sqlite, mine.id)).stages(
            asOf: asOf)
        let team = DunningTasks(store: twin.postgres, runner: runner(twin.postgres, theirs.id))
        let onPostgres = try await team.stages(asOf: asOf)
        #expect(Set(onSQLite.map(\.occasion)) == reference, "SQLite's candidates lost or added a stage")
        #expect(onPostgres == onSQLite, "the team store finds the stages SQLite finds, with the same titles")
        #expect(reference.filter { $0.hasSuffix("31-60") }.count >= linkedByHand)
        #expect(reference.contains { $0.hasPrefix("dunning retry ") }, "and a failed retry with no success since")

        let first = try await team.run(asOf: asOf)
        #expect(first.count == onPostgres.count && first.allSatisfy(\.succeeded), "\(first.map(\.line))")
        let second = try await team.run(asOf: asOf)
        #expect(second.isEmpty, "nothing twice: \(second.map(\.line))")
        let made = await twin.server.world.company.ghlContacts.flatMap(\.tasks).filter {
            $0.title.hasPrefix("Follow up: ")
        }
        // A retry's task names the subscription's oldest overdue invoice; when that invoice is also at 31-60 days the
        // two stages ask for the same task, which the runner finds on the contact and does not send again.
        let distinct = Set(onPostgres.map { "\($0.contactID) \($0.title)" })
        #expect(made.count == distinct.count, "\(made.map(\.title)) against \(first.map(\.line))")
        let journal = try await twin.postgres.actions(customerID: nil, limit: 10_000).filter { $0.kind == "crm_task" }
        #expect(journal.count == onPostgres.count, "each task is journalled in the team store")
    }

    static func inStage(_ invoice: Invoice, _ asOf: LocalDate) -> Bool {
        InvoiceStanding.isOverdue(invoice, on: asOf)
            && (31...60).contains(InvoiceStanding.daysOverdue(invoice, on: asOf))
    }

    /// The stages by the rules over every linked customer, as `DunningTasks` read them before candidates.
    static func everyLinkedCustomersStages(
        _ store: BillingStore, sourceID: Int64, asOf: LocalDate
    ) throws -> Set<String> {
        var occasions: Set<String> = []
        for (customerID, link) in try store.crmLinks(sourceID: sourceID).byCustomer where link.contactID != nil {
            guard try store.crmContact(id: link.contactID ?? "") != nil,
                let detail = try store.customer(RecordKey(sourceID: sourceID, remoteID: customerID))
            else { continue }
            for invoice in detail.invoices.map(\.value) where inStage(invoice, asOf) {
                occasions.insert("dunning invoice \(invoice.id) 31-60")
            }
            for subscription in detail.subscriptions.map(\.value) {
                let events = try store.events(
                    subscription: RecordKey(sourceID: sourceID, remoteID: subscription.id), limit: 50
                ).sorted { $0.id < $1.id }
                guard let failure = events.last(where: { DunningEventKeys.failures.contains($0.key) }),
                    !events.contains(where: { $0.id > failure.id && DunningEventKeys.successes.contains($0.key) })
                else { continue }
                occasions.insert("dunning retry \(subscription.id) \(failure.id)")
            }
        }
        return occasions
    }
}
