import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Dunning to the CRM (issue 19 point 5): a linked customer with an invoice 31-60 days overdue gets one
/// GHL task for its contact's owner per invoice and stage, never twice however often it runs, and the
/// journal (the customer's timeline) says so.
struct DunningTaskTests {
    @Test func eachStageBecomesOneTaskForTheOwnerOnce() async throws {
        let harness = try await SandboxHarness.start(customers: 40)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let source = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken)
        let client = GHLClient(source: source, transport: URLSessionTransport(), policy: .fast, store: harness.store)
        _ = try await GHLSync(store: harness.store, client: client).run()
        let sourceID = try #require(try harness.store.source(named: "acme")).id
        let asOf = Timestamp(secondsSinceEpoch: await harness.server.world.now.secondsSinceEpoch).date(offsetSeconds: 0)

        // A customer with an invoice 31-60 days overdue, linked by hand to a contact with an owner.
        var chosen: (customer: String, invoices: Int)?
        for customer in try harness.store.allCustomers(sourceID: sourceID) {
            let detail = try #require(try harness.store.customer(customer.key))
            let count = detail.invoices.map(\.value).filter {
                InvoiceStanding.isOverdue($0, on: asOf) && (31...60).contains(InvoiceStanding.daysOverdue($0, on: asOf))
            }.count
            if count > 0 { chosen = (customer.value.id, count); break }
        }
        let (customerID, overdue) = try #require(chosen, "the seeded company has an invoice 31-60 days overdue")
        let contact = try #require(try harness.store.crmContacts().first { !$0.ownerID.isEmpty })
        for (other, _) in try harness.store.crmLinks(sourceID: sourceID).byCustomer where other != customerID {
            try harness.store.setCRMLink(sourceID: sourceID, customerID: other, contactID: nil)  // only this pair
        }
        try harness.store.setCRMLink(sourceID: sourceID, customerID: customerID, contactID: contact.id)

        let tasks = DunningTasks(
            store: harness.store,
            runner: CRMWriteRunner(store: harness.store, ghl: client, sourceID: sourceID, who: "test", host: "here"))
        let stages = try await tasks.stages(asOf: asOf)
        #expect(stages.filter { $0.occasion.hasSuffix("31-60") }.count == overdue)
        let first = try await tasks.run(asOf: asOf)
        #expect(first.count == stages.count && first.allSatisfy(\.succeeded), "\(first.map(\.line))")
        let second = try await tasks.run(asOf: asOf)
        #expect(second.isEmpty, "nothing twice: \(second.map(\.line))")

        let made = await harness.server.world.company.ghlContacts.first { $0.id == contact.id }?.tasks.filter {
            $0.title.hasPrefix("Follow up: ")
        }
        #expect(made?.count == stages.count)
        #expect(made?.allSatisfy { $0.assignedTo == contact.ownerID } == true, "for the contact's owner")
        #expect(made?.contains { $0.title.contains("overdue since") && $0.title.contains(", invoice ") } == true)
        let journal = try harness.store.actions(customerID: customerID).filter { $0.kind == "crm_task" }
        #expect(journal.count == stages.count, "each task is in the customer's timeline")
    }
}
