import BillingActions
import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// GHL to billing for linked pairs (issue 19 point 4): a contact changed after its customer sends its
/// name, phone and organization to the customer (`PUT /customers/{id}.json`), never a blank field, once;
/// a customer changed after its contact keeps its own values.
struct CustomerFieldFlowTests {
    @Test func theNewerContactsFieldsFlowOnceAndNeverBlankOne() async throws {
        let harness = try await SandboxHarness.start(customers: 12)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let billing = try harness.runner([harness.source(.chargify)])
        _ = await billing.runOnce(full: true, sourceName: nil)
        let ghlSource = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken)
        let ghl = GHLClient(source: ghlSource, transport: URLSessionTransport(), policy: .fast, store: harness.store)
        _ = try await GHLSync(store: harness.store, client: ghl).run()
        let info = try #require(try harness.store.source(named: "acme"))
        let company = await harness.server.world.company
        let (newer, older) = (company.customers[0], company.customers[1])
        let (contact, other) = (company.ghlContacts[0], company.ghlContacts[1])
        for (customerID, _) in try harness.store.crmLinks(sourceID: info.id).byCustomer {
            try harness.store.setCRMLink(sourceID: info.id, customerID: customerID, contactID: nil)
        }
        try harness.store.setCRMLink(sourceID: info.id, customerID: String(newer.id), contactID: contact.id)
        try harness.store.setCRMLink(sourceID: info.id, customerID: String(older.id), contactID: other.id)

        // The other contact changes first; then its customer changes (newer); then the first contact changes
        // (newer than its customer) with its e-mail blanked.
        await harness.advance(seconds: 120)
        await harness.server.world.edit { c in
            c.ghlContacts[1].phone = "+1 555 0199"
            c.ghlContacts[1].dateUpdated = c.now.secondsSinceEpoch
        }
        await harness.advance(seconds: 120)
        await harness.server.world.edit { c in
            let i = c.customers.firstIndex { $0.id == older.id }!
            c.customers[i].phone = "+44 20 0000"
            c.customers[i].updatedAt = c.now.secondsSinceEpoch
        }
        await harness.advance(seconds: 120)
        await harness.server.world.edit { c in
            c.ghlContacts[0].phone = "+1 555 0100"
            c.ghlContacts[0].companyName = "Neu GmbH"
            c.ghlContacts[0].email = ""
            c.ghlContacts[0].dateUpdated = c.now.secondsSinceEpoch
        }
        _ = await billing.runOnce(full: false, sourceName: nil)
        _ = try await GHLSync(store: harness.store, client: ghl).run()

        let runner = ActionRunner(
            store: harness.store, source: info, config: harness.source(.chargify), transport: URLSessionTransport(),
            who: "test", host: "here")
        let flow = CustomerFieldFlow(store: harness.store, runner: runner)
        let plan = try await flow.plan()
        #expect(plan.map(\.customerID) == [String(newer.id)], "only the pair whose contact is newer: \(plan)")
        let fields = try #require(plan.first?.fields)
        #expect(fields["phone"] == "+1 555 0100" && fields["organization"] == "Neu GmbH")
        #expect(fields["email"] == nil, "a blank e-mail never blanks the customer's")

        let results = try await flow.run()
        #expect(results.count == 1 && results.allSatisfy(\.succeeded), "\(results.map(\.line))")
        let after = await harness.server.world.company
        let updated = try #require(after.customers.first { $0.id == newer.id })
        #expect(updated.phone == "+1 555 0100" && updated.organization == "Neu GmbH")
        #expect(updated.email == newer.email)
        #expect(after.customers.first { $0.id == older.id }?.phone == "+44 20 0000", "the newer customer kept its own")
        #expect(try await flow.plan().isEmpty, "once: the stored answer is as new as the contact")
        #expect(try await flow.run().isEmpty)
        let journal = try harness.store.actions(customerID: String(newer.id))
        #expect(journal.map(\.kind) == [CustomerFieldFlow.kind] && journal.first?.state == .done)
    }
}
