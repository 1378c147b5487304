import BillingCore
import BillingStore
import Foundation
import Sandbox
import Testing

/// `[crm] dunning_tasks = true` in config.toml: `billtop sync` syncs the configured GHL location after the
/// billing source, then creates the dunning tasks; a second sync creates none of them again.
struct DunningSyncTests {
    @Test func aConfiguredSyncCreatesDunningTasksOnceAcrossRuns() async throws {
        let harness = try await SandboxHarness.start(customers: 40)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let home = try ReliabilityProcess.workDirectory("dunning-sync")
        let directory = home.appendingPathComponent("config/billtop")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "\(harness.server.baseURL)"
            key_env = "K"

            [[source]]
            name = "crm"
            kind = "ghl"
            url = "\(harness.server.baseURL)"
            location_id = "\(harness.config.ghlLocationID)"
            key_env = "G"

            [crm]
            dunning_tasks = true

            """
        _ = FileManager.default.createFile(
            atPath: directory.appendingPathComponent("config.toml").path, contents: Data(text.utf8),
            attributes: [.posixPermissions: 0o600])
        let environment = ReliabilityProcess.environment(
            home: home, extra: ["K": harness.config.chargifyAPIKey, "G": harness.config.ghlToken])
        let db = home.appendingPathComponent("store.sqlite").path
        func followUps() async -> Int {
            await harness.server.world.company.ghlContacts.flatMap(\.tasks).filter {
                $0.title.hasPrefix("Follow up: ")
            }.count
        }

        // Roomy: beside the whole suite on 2 cores a first sync of 40 customers and a GHL location took over 60 s.
        let first = try await ReliabilityProcess.run(
            ["sync", "--db", db], environment: environment, directory: home, timeout: 240)
        #expect(first.status == 0, "\(first.stdoutText) \(first.stderrText)")
        #expect(first.stdoutText.contains("GHL crm: "), "\(first.stdoutText)")
        let made = await followUps()
        #expect(made > 0, "the seeded company has linked customers in a dunning stage")
        #expect(first.stdoutText.contains("dunning tasks for acme: \(made) created"), "\(first.stdoutText)")
        let second = try await ReliabilityProcess.run(
            ["sync", "--db", db], environment: environment, directory: home, timeout: 240)
        #expect(second.status == 0, "\(second.stdoutText) \(second.stderrText)")
        #expect(second.stdoutText.contains("dunning tasks for acme: 0 created"), "\(second.stdoutText)")
        #expect(await followUps() == made, "no task twice")

        // `--watch` makes them too, round after round, never twice: a new store, the same sandbox.
        let watched = home.appendingPathComponent("watched.sqlite").path
        let outputs = home.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (process, _, err) = try ReliabilityProcess.start(
            ["sync", "--watch", "--interval", "1", "--db", watched], environment: environment, directory: home,
            outputs: outputs)
        defer { if process.isRunning { process.terminate() } }
        var log = ""
        for _ in 0..<1200 where log.components(separatedBy: "dunning tasks for acme: 0 created").count < 3 {
            try await Task.sleep(nanoseconds: 100_000_000)
            log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        }
        process.terminate()
        _ = await ReliabilityProcess.waitBounded(process, seconds: 10)
        #expect(log.contains("GHL crm: "), "\(log)")
        #expect(log.components(separatedBy: "dunning tasks for acme: 0 created").count >= 3, "\(log)")
        #expect(await followUps() == made, "the watch's rounds found every task made and made none twice")
        let journal = try BillingStore.openForReading(path: watched).actions().filter { $0.kind == "crm_task" }
        #expect(journal.count == made && journal.allSatisfy { $0.state == .alreadyDone }, "\(journal.map(\.state))")
    }
}
