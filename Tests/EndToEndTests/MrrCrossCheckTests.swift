import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// `billtop mrr --cross-check` against the sandbox's `/mrr_movements.json` (its own movements): no difference
/// when billtop's synced history carries what the sandbox did; the month a skewed report adds to, when it
/// does; one line for a site without the report and for a Truto source.
@Suite(.serialized) struct MrrCrossCheckTests {
    @Test func crossCheckShowsNoDifferenceThenTheSkewedMonthThenOneLineForAGoneReport() async throws {
        let h = try await SandboxHarness.start(customers: 40, seed: 7)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify), h.source(.truto)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let today = await h.server.world.company.now.utcDate
        let work = try ReliabilityProcess.workDirectory("mrr-cross-check")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": h.config.chargifyAPIKey])
        let arguments = ["mrr", "--db", h.store.path, "--cross-check", "--as-of", today.description]

        let same = try await ReliabilityProcess.run(
            arguments + ["--source", "acme"], environment: env, directory: work)
        #expect(same.status == 0, "\(same.stderrText)")
        #expect(
            same.stdoutText.hasPrefix("acme: no difference from Chargify's /mrr_movements.json in "),
            "\(same.stdoutText)")

        var skewed = FaultPlan()
        skewed.skewsMRRMovements = true
        await h.server.setFaults(skewed)
        let differ = try await ReliabilityProcess.run(
            arguments + ["--source", "acme"], environment: env, directory: work)
        #expect(differ.status == 0, "\(differ.stderrText)")
        let month = String(today.startOfMonth.adding(months: -1).description.prefix(7))
        let lines = differ.stdoutText.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix("acme: 1 difference(s) from Chargify's /mrr_movements.json") == true,
            "\(differ.stdoutText)")
        let row = try #require(lines.first { $0.hasPrefix("  \(month)") }, "\(differ.stdoutText)")
        #expect(row.contains("USD") && row.contains("expansion") && row.hasSuffix("-$12.34"), "\(row)")

        await h.server.setFaults(FaultPlan(missingEndpoints: ["/mrr_movements.json"]))
        let gone = try await ReliabilityProcess.run(
            arguments + ["--source", "acme"], environment: env, directory: work)
        #expect(gone.status == 0, "\(gone.stderrText)")
        #expect(
            gone.stdoutText
                == "acme: the site answers 404 to /mrr_movements.json (Chargify retired that report there), so there is nothing to cross-check; billtop's own figures are in `billtop mrr`\n"
        )

        let truto = try await ReliabilityProcess.run(
            arguments + ["--source", "acme-truto"], environment: env, directory: work)
        #expect(
            truto.status == 0 && truto.stdoutText.contains("not available on a Truto source"), "\(truto.stdoutText)")
    }
}
