import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Provisioning on a team store (issue 18 with issue 19 point 4): `billtop ghl provision --store postgres://`,
/// run where the keys are, creates a billing customer for each contact that has none, once, journals it in the
/// team store, and a second run creates nothing; a one-off `--chargify` source is refused there in one line.
@Suite(.serialized) struct PostgresProvisionTests {
    @Test func provisioningOnTheTeamStoreCreatesEachMissingCustomerOnce() async throws {
        let twin = try await SyncTwin.start("provision", customers: 20)
        defer { Task { await twin.stop() } }
        twin.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        #expect(try await twin.syncPostgres(full: true).ok)
        let cluster = try PostgresTestCluster.shared()
        let store = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/\(twin.url.database)"
        let config = TestScratch.directory("pg-provision").appendingPathComponent("config.toml").path
        try """
        [[source]]
        name = "acme"
        kind = "chargify"
        url = "\(twin.server.baseURL)"
        key_env = "ACME_KEY"
        allow_insecure_http = true
        """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o600)
        let arguments = [
            "ghl", "provision", "--tag", "customer", "--yes", "--ghl", twin.server.baseURL, "--location",
            twin.configuration.ghlLocationID, "--store", store, "--config", config,
        ]
        let environment = [
            "ACME_KEY": twin.configuration.chargifyAPIKey, "BILLTOP_GHL_TOKEN": twin.configuration.ghlToken,
            "PGPASSWORD": cluster.password,
        ]
        let before = await twin.server.world.company
        let emails = Set(before.customers.map { $0.email.lowercased() })
        let missing = before.ghlContacts.filter {
            $0.tags.contains("customer") && !$0.lastName.isEmpty && !$0.email.isEmpty
                && !emails.contains($0.email.lowercased())
        }
        try #require(!missing.isEmpty, "the seeded CRM has contacts waiting for a billing account")

        let first = try await BilltopRun.onThread(arguments, environment: environment)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasPrefix("\(missing.count) created, 0 linked,"), "\(first.stdout)")
        let second = try await BilltopRun.onThread(arguments, environment: environment)
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.hasPrefix("0 created, 0 linked,"), "\(second.stdout)")
        let creates = await twin.server.requestLog().filter { $0.method == "POST" && $0.path == "/customers.json" }
        #expect(creates.count == missing.count, "each contact's customer was created once")

        let after = await twin.server.world.company
        for contact in missing {
            #expect(after.customers.filter { $0.reference == contact.id }.count == 1, "contact \(contact.id)")
        }
        // The creates are in the team store's journal, and the new customers in its records, for every copy.
        let journal = try await twin.postgres.actions(customerID: nil, limit: 1_000).filter {
            $0.kind == "create_customer"
        }
        #expect(journal.count == missing.count && journal.allSatisfy { $0.state == .done })
        #expect(try await twin.postgres.customerCount(sourceID: nil) == after.customers.count)
        #expect(!first.stdout.contains(twin.configuration.chargifyAPIKey) && !first.stderr.contains(cluster.password))

        // A one-off billing source has no place on a team store: one line, nothing sent.
        let oneOff = try await BilltopRun.onThread(
            ["ghl", "provision", "--chargify", twin.server.baseURL] + arguments.dropFirst(2),
            environment: environment.merging(["BILLTOP_API_KEY": "k"]) { a, _ in a })
        #expect(oneOff.status == 64, "\(oneOff.stderr)")
        #expect(oneOff.stderr.contains("on a team store the billing source is the store's"), "\(oneOff.stderr)")
    }
}
