import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import Testing

/// The customers pane's CRM filter on a real GHL sync (issue 19 point 3): `owner:` and `tag:` keep exactly
/// the customers whose linked contact (by the link rules, manual links included) has that owner and tag,
/// the same set a walk over every link finds, and the type-ahead narrows them further.
@Suite(.serialized) struct CRMFilterEndToEndTests {
    @Test func ownerAndTagKeepExactlyTheLinkedCustomersThatPass() async throws {
        let harness = try await SandboxHarness.start(customers: 60)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let ghl = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken)
        _ = try await GHLSync(store: harness.store, client: GHLClient(source: ghl, policy: .fast)).run()
        let sourceID = try #require(try harness.store.source(named: "acme")).id
        let contacts = Dictionary(uniqueKeysWithValues: try harness.store.crmContacts().map { ($0.id, $0) })
        // A manual link counts as the rules say: move one customer to a contact of the owner below.
        var links = try harness.store.crmLinks(sourceID: sourceID).byCustomer
        let user = try #require(
            try harness.store.crmUsers().values.sorted { $0.id < $1.id }.first { user in
                links.values.contains { contacts[$0.contactID ?? ""]?.ownerID == user.id }
            })
        let unlinked = try #require(links.first { $0.value.contactID == nil }?.key)
        let owned = try #require(contacts.values.first { $0.ownerID == user.id })
        try harness.store.setCRMLink(sourceID: sourceID, customerID: unlinked, contactID: owned.id)
        links = try harness.store.crmLinks(sourceID: sourceID).byCustomer

        func expected(_ pass: (CRMContact) -> Bool) -> Set<String> {
            Set(
                links.compactMap { customer, link in
                    link.contactID.flatMap { contacts[$0] }.map(pass) == true ? customer : nil
                })
        }
        let data = StoreDashboardData(store: harness.store)
        func listed(_ text: String) throws -> Set<String> {
            let window = try data.customers(CustomerQuery(text: text), offset: 0, limit: 10_000)
            #expect(window.total == window.rows.count)
            return Set(window.rows.map(\.key.id))
        }
        let byOwner = expected { $0.ownerID == user.id }
        #expect(byOwner.contains(unlinked), "the manual link counts")
        #expect(try listed("owner:\(user.email)") == byOwner)
        // A tag some linked contact has.
        let tag = try #require(
            links.values.compactMap { $0.contactID.flatMap { contacts[$0] } }.flatMap(\.tags).sorted().first)
        let byTag = expected { $0.tags.contains { $0.lowercased() == tag.lowercased() } }
        #expect(!byTag.isEmpty)
        #expect(try listed("tag:\(tag.uppercased())") == byTag)
        #expect(try listed("owner:\(user.email) tag:\(tag)") == byOwner.intersection(byTag))
        // The type-ahead narrows the filtered customers: one of them by its id.
        let one = try #require(byOwner.sorted().first)
        #expect(try listed("owner:\(user.email) \(one)") == [one])
        #expect(try listed("owner:nobody-at-all") == [])
    }
}
