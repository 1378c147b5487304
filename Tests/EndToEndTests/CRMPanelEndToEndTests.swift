import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import TUIKit
import Testing

/// The customer screen's CRM lines from a real GHL sync (issue 19 point 3): a customer linked to a contact
/// shows the contact, its owner and tags, its open tasks (overdue ones marked) and its latest note; a customer
/// whose e-mail two contacts share says it is ambiguous and how to choose, never a guess.
@Suite(.serialized) struct CRMPanelEndToEndTests {
    @Test func aLinkedCustomerShowsItsContactTasksAndNotes() async throws {
        let harness = try await SandboxHarness.start(customers: 40)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let source = harness.source(.chargify)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let home = try ReliabilityProcess.workDirectory("crm-panel")
        let environment = ReliabilityProcess.environment(
            home: home, extra: ["BILLTOP_GHL_TOKEN": harness.config.ghlToken])
        let sync = try await ReliabilityProcess.run(
            [
                "sync", "--ghl", harness.server.baseURL, "--location", harness.config.ghlLocationID, "--db",
                harness.store.path,
            ], environment: environment, directory: home, timeout: 120)
        try #require(sync.status == 0, "\(sync.stdoutText) \(sync.stderrText)")

        let sourceID = try #require(try harness.store.source(named: source.name)).id
        var links = try harness.store.crmLinks(sourceID: sourceID).byCustomer
        // A manual link and an unlink, then one customer's link (read from only the rows that decide it) agrees
        // with the whole source's for every customer.
        let ids = links.keys.sorted()
        let someContact = try #require(try harness.store.crmContacts().first).id
        try harness.store.setCRMLink(sourceID: sourceID, customerID: ids[0], contactID: someContact)
        try harness.store.setCRMLink(sourceID: sourceID, customerID: ids[1], contactID: nil)
        links = try harness.store.crmLinks(sourceID: sourceID).byCustomer
        #expect(links[ids[0]] == .contact(id: someContact, basis: .manual) && links[ids[1]] == .unlinked)
        for (customerID, link) in links {
            #expect(try harness.store.crmLink(sourceID: sourceID, customerID: customerID) == link, "\(customerID)")
        }
        #expect(links.values.contains { if case .contact(_, .email) = $0 { true } else { false } })
        let data = StoreDashboardData(store: harness.store)
        let today = try #require(LocalDate(year: 2026, month: 6, day: 20))
        // The linked customer with the most to show: open tasks and notes.
        var best: (CustomerProfile, CRMPanel)?
        for (customerID, link) in links.sorted(by: { $0.key < $1.key }) where link.contactID != nil {
            guard let profile = try data.customer(CustomerKey(source: source.name, id: customerID), asOf: today),
                let panel = profile.crm
            else { continue }
            if best == nil || (!panel.openTasks.isEmpty && !panel.latestNotes.isEmpty) { best = (profile, panel) }
            if !panel.openTasks.isEmpty && !panel.latestNotes.isEmpty { break }
        }
        let (profile, panel) = try #require(best, "no customer is linked to a contact")
        let contact = try #require(panel.contact)
        let text = Self.screen(profile)
        #expect(text.contains("CRM    \(contact.displayName)"), "\(text)")
        if !panel.ownerName.isEmpty { #expect(text.contains("owner \(panel.ownerName)")) }
        if let task = panel.openTasks.first { #expect(text.contains(task.title), "\(text)") }
        #expect(text.contains("Tasks"))

        if let ambiguous = links.first(where: { if case .ambiguous = $0.value { true } else { false } }) {
            let other = try #require(
                try data.customer(CustomerKey(source: source.name, id: ambiguous.key), asOf: today))
            #expect(other.crm?.contact == nil)
            #expect(Self.screen(other).contains("ambiguous: 2 contacts share the e-mail"), "\(Self.screen(other))")
        }
    }

    static func screen(_ profile: CustomerProfile) -> String {
        var state = AppState(width: 160, height: 50, now: Timestamp(secondsSinceEpoch: 1_781_956_800))
        state.screen = .customer(profile.key)
        state.detail = profile
        return DashboardRenderer.render(state).text
    }
}
