import BillingCore
import BillingStore
import Foundation
import Sandbox
import Testing

/// `billtop sync` with a config that names a billing source and a GHL location syncs both (issue 19 point 1):
/// the location's contacts land in the store and the run says so in its summary.
@Suite(.serialized) struct GHLConfiguredSyncTests {
    @Test func aConfiguredLocationSyncsWithTheBillingSource() async throws {
        let harness = try await SandboxHarness.start(customers: 20)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let work = try ReliabilityProcess.workDirectory("ghl-config")
        defer { try? FileManager.default.removeItem(at: work) }
        let path = work.appendingPathComponent("config.toml").path
        try """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "\(harness.server.baseURL)"
        key_env = "ACME_KEY"
        allow_insecure_http = true

        [[source]]
        name = "crm"
        kind = "ghl"
        url = "\(harness.server.baseURL)"
        location_id = "\(harness.config.ghlLocationID)"
        allow_insecure_http = true
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let env = ReliabilityProcess.environment(
            home: work,
            extra: ["ACME_KEY": harness.config.chargifyAPIKey, "BILLTOP_GHL_TOKEN": harness.config.ghlToken])
        let result = try await ReliabilityProcess.run(
            ["sync", "--config", path, "--db", harness.store.path], environment: env, directory: work, timeout: 120)
        #expect(result.status == 0, "\(result.stdoutText) \(result.stderrText)")
        #expect(result.stdoutText.contains("GHL crm:"), "\(result.stdoutText)")
        let contacts = try harness.store.crmContacts()
        #expect(contacts.count == (await harness.server.world.company.ghlContacts.count))
        #expect(!contacts.isEmpty)
    }
}
