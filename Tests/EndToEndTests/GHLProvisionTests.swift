import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Provisioning end to end (issue 19 point 4) with the real binary on the sandbox: contacts tagged `customer`
/// without a billing customer become one exactly once, a second run creates nothing, and a run killed between
/// the create and the write-back is repaired by the next run without a duplicate.
@Suite(.serialized) struct GHLProvisionTests {
    struct Run {
        let harness: SandboxHarness
        let home: URL
        let environment: [String: String]
        var arguments: [String] {
            [
                "ghl", "provision", "--tag", "customer", "--yes", "--ghl", harness.server.baseURL, "--location",
                harness.config.ghlLocationID, "--db", harness.store.path,
            ]
        }
    }

    static func prepare(_ label: String) async throws -> Run {
        let harness = try await SandboxHarness.start(customers: 20)
        // A roomy limit: these tests are about exactly-once, not pacing (GHLRateLimitTests is).
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        _ = await try harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let home = try ReliabilityProcess.workDirectory(label)
        let environment = ReliabilityProcess.environment(
            home: home,
            extra: ["BILLTOP_API_KEY": harness.config.chargifyAPIKey, "BILLTOP_GHL_TOKEN": harness.config.ghlToken])
        return Run(harness: harness, home: home, environment: environment)
    }

    /// Contacts tagged `customer`, with e-mail and both names, whose e-mail no billing customer has.
    static func missing(_ company: Company) -> [GHLContact] {
        let emails = Set(company.customers.map { $0.email.lowercased() })
        return company.ghlContacts.filter {
            $0.tags.contains("customer") && !$0.lastName.isEmpty && !$0.email.isEmpty
                && !emails.contains($0.email.lowercased())
        }
    }

    @Test func provisioningTwiceCreatesEachMissingCustomerOnce() async throws {
        let run = try await Self.prepare("ghl-twice")
        defer { Task { await run.harness.stop() } }
        let before = await run.harness.server.world.company
        let missing = Self.missing(before)
        try #require(!missing.isEmpty, "the seeded CRM has contacts waiting for a billing account")

        let first = try await ReliabilityProcess.run(run.arguments, environment: run.environment, directory: run.home)
        #expect(first.status == 0, "\(first.stdoutText) \(first.stderrText)")
        #expect(first.stdoutText.contains("\(missing.count) created"), "\(first.stdoutText)")
        #expect(first.stdoutText.contains("skipped"), "a contact without a last name is skipped: \(first.stdoutText)")
        let second = try await ReliabilityProcess.run(run.arguments, environment: run.environment, directory: run.home)
        #expect(second.status == 0, "\(second.stdoutText) \(second.stderrText)")
        #expect(second.stdoutText.contains("0 created, 0 linked"), "\(second.stdoutText)")

        let after = await run.harness.server.world.company
        for contact in missing {
            let customers = after.customers.filter { $0.reference == contact.id }
            #expect(customers.count == 1, "contact \(contact.id) became \(customers.count) customers")
            let written = try #require(after.ghlContacts.first { $0.id == contact.id })
            #expect(written.tags.contains("billing-customer"))
            let notes = written.notes.filter {
                $0.body == "Billing account created (Chargify customer \(customers.first?.id ?? 0))"
            }
            #expect(notes.count == 1, "one note on \(contact.id), found \(notes.count)")
        }
        #expect(after.customers.count == before.customers.count + missing.count)
    }

    @Test func aKillBetweenCreateAndWriteBackIsRepairedWithoutADuplicate() async throws {
        let run = try await Self.prepare("ghl-crash")
        defer { Task { await run.harness.stop() } }
        let before = await run.harness.server.world.company
        let missing = Self.missing(before)
        try #require(!missing.isEmpty)
        // Write 1 is the contact search (a POST), write 2 the first create: done by the sandbox, its answer held; the client dies there.
        await run.harness.server.setFaults(FaultPlan(holdWriteResponseMilliseconds: 60_000, holdWriteRequests: 2...2))
        let outputs = run.home.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (first, _, _) = try ReliabilityProcess.start(
            run.arguments, environment: run.environment, directory: run.home, outputs: outputs)
        var waited = 0
        while await run.harness.server.heldResponses() == 0, first.isRunning, waited < 3_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        try #require(await run.harness.server.heldResponses() == 1, "the create never reached the held gap")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        await run.harness.server.releaseHeldResponses()
        while await run.harness.server.heldResponses() > 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        await run.harness.server.setFaults(.none)
        let gap = await run.harness.server.world.company
        let createdInGap = try #require(gap.customers.first { c in missing.contains { $0.id == c.reference } })
        let contactInGap = try #require(gap.ghlContacts.first { $0.id == createdInGap.reference })
        #expect(!contactInGap.tags.contains("billing-customer"), "the kill came before the write-back")

        let again = try await ReliabilityProcess.run(run.arguments, environment: run.environment, directory: run.home)
        #expect(again.status == 0, "\(again.stdoutText) \(again.stderrText)")
        let after = await run.harness.server.world.company
        for contact in missing {
            #expect(after.customers.filter { $0.reference == contact.id }.count == 1, "no duplicate for \(contact.id)")
        }
        let repaired = try #require(after.ghlContacts.first { $0.id == createdInGap.reference })
        #expect(repaired.tags.contains("billing-customer"), "the link was repaired: \(again.stdoutText)")
        #expect(repaired.notes.filter { $0.body.hasPrefix("Billing account created") }.count == 1)
        let sourceID = try #require(try run.harness.store.source(named: "acme")).id
        let link = try run.harness.store.crmLink(sourceID: sourceID, customerID: String(createdInGap.id))
        #expect(link == .contact(id: createdInGap.reference, basis: .reference))
    }
}
