import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// `billtop crm note|task|complete-task` with the real binary on the sandbox: each writes once to the
/// customer's linked contact, and `billtop audit` lists all three.
struct CRMCommandTests {
    @Test func noteTaskAndCompleteReachTheContactAndTheAudit() async throws {
        let harness = try await SandboxHarness.start(customers: 10)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let source = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken)
        _ = try await GHLSync(store: harness.store, client: GHLClient(source: source, policy: .fast)).run()
        let info = try #require(try harness.store.source(named: "acme"))
        let company = await harness.server.world.company
        let customer = String(company.customers[2].id)
        let owned = try #require(company.ghlContacts.first { !$0.assignedTo.isEmpty })
        let contact = owned.id
        try harness.store.setCRMLink(sourceID: info.id, customerID: customer, contactID: contact)
        let home = try ReliabilityProcess.workDirectory("crm-cmd")
        let environment = ReliabilityProcess.environment(
            home: home, extra: ["BILLTOP_GHL_TOKEN": harness.config.ghlToken])
        let common = [
            "--yes", "--ghl", harness.server.baseURL, "--location", harness.config.ghlLocationID, "--db",
            harness.store.path,
        ]
        func run(_ arguments: [String]) async throws -> ReliabilityProcess.Result {
            try await ReliabilityProcess.run(arguments, environment: environment, directory: home)
        }

        // Read-only refuses CRM writes as it refuses billing actions: nothing reaches the contact.
        let refused = try await run(["crm", "note", customer, "Promised to pay on Friday", "--read-only"] + common)
        #expect(refused.status != 0 && refused.stderrText.contains("read-only"), "\(refused.stderrText)")
        #expect(
            await harness.server.world.company.ghlContacts.first { $0.id == contact }?.notes.contains {
                $0.body == "Promised to pay on Friday"
            } == false)
        let note = try await run(["crm", "note", customer, "Promised to pay on Friday"] + common)
        #expect(
            note.status == 0 && note.stdoutText.hasPrefix("done: note on contact \(contact)"),
            "\(note.stdoutText) \(note.stderrText)")
        let colleague = try #require(try harness.store.crmUsers().values.first { $0.id != owned.assignedTo })
        let task = try await run(
            [
                "crm", "task", customer, "Call about 1042", "--due", "2026-07-01", "--assignee", colleague.email,
                "--json",
            ]
                + common)
        #expect(task.status == 0, "\(task.stdoutText) \(task.stderrText)")
        let withTask = await harness.server.world.company.ghlContacts.first { $0.id == contact }
        #expect(withTask?.notes.filter { $0.body == "Promised to pay on Friday" }.count == 1)
        let made = try #require(withTask?.tasks.first { $0.title == "Call about 1042" })
        #expect(made.assignedTo == colleague.id, "--assignee takes a user's e-mail")
        let complete = try await run(["crm", "complete-task", customer, made.id] + common)
        #expect(complete.status == 0, "\(complete.stdoutText) \(complete.stderrText)")
        #expect(
            await harness.server.world.company.ghlContacts.first { $0.id == contact }?.tasks.first { $0.id == made.id }?
                .completed == true)

        let audit = try await run(["audit", "--customer", customer, "--json", "--db", harness.store.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdoutText.utf8)) as? [[String: Any]])
        #expect(
            Set(rows.compactMap { $0["action"] as? String }) == ["crm_note", "crm_task", "crm_complete_task"],
            "\(audit.stdoutText)")

        try harness.store.setCRMLink(sourceID: info.id, customerID: String(company.customers[4].id), contactID: nil)
        let unlinked = try await run(["crm", "note", String(company.customers[4].id), "x"] + common)
        #expect(unlinked.status != 0 && unlinked.stderrText.contains("billtop link"), "\(unlinked.stderrText)")
    }
}
