import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Read-only and the allowlist (issue 17 point 3), through the real binary: a refused action is one line
/// and the sandbox's request log shows no write at all.
@Suite(.serialized) struct ActionPolicyTests {
    /// A synced Chargify store, a private HOME, and the arguments of a resend.
    func setUp(_ label: String) async throws -> (SandboxHarness, URL, [String: String], [String]) {
        let harness = try await SandboxHarness.start()
        let source = harness.source(.chargify)
        _ = try await harness.runner([source]).runOnce(full: true, sourceName: nil)
        let sourceID = try #require(try harness.store.source(named: source.name)).id
        let invoice = try #require(try harness.store.allInvoices(sourceID: sourceID).first)
        let home = try ReliabilityProcess.workDirectory("policy-\(label)")
        let environment = ReliabilityProcess.environment(home: home, extra: ["K": source.secret])
        return (
            harness, home, environment,
            ["invoice", "resend", invoice.value.number, "--yes", "--db", harness.store.path]
        )
    }

    func writes(_ server: SandboxServer) async -> [SandboxRequestRecord] {
        await server.requestLog().filter { $0.method != "GET" }
    }

    func writeConfig(_ home: URL, _ url: String, extra: String) throws {
        let directory = home.appendingPathComponent("config/billtop")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("config.toml").path
        let text = """
            [[source]]
            name = "acme"
            kind = "chargify"
            url = "\(url)"
            key_env = "K"
            \(extra)

            """
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    }

    @Test func readOnlyFromTheEnvironmentTheFlagOrTheConfigSendsNothing() async throws {
        let (harness, home, environment, resend) = try await setUp("ro")
        defer { Task { await harness.stop() } }
        var env = environment
        env["BILLTOP_API_KEY"] = harness.config.chargifyAPIKey
        env["BILLTOP_READ_ONLY"] = "1"
        let byEnvironment = try await ReliabilityProcess.run(resend, environment: env, directory: home)
        #expect(byEnvironment.status != 0 && byEnvironment.stderrLines.count == 1, "\(byEnvironment.stderrText)")
        #expect(byEnvironment.stderrText.contains("BILLTOP_READ_ONLY=1"))
        env["BILLTOP_READ_ONLY"] = nil
        let byFlag = try await ReliabilityProcess.run(resend + ["--read-only"], environment: env, directory: home)
        #expect(byFlag.status != 0 && byFlag.stderrText.contains("--read-only is set"), "\(byFlag.stderrText)")
        try writeConfig(home, harness.server.baseURL, extra: "read_only = true")
        let byConfig = try await ReliabilityProcess.run(resend, environment: environment, directory: home)
        #expect(byConfig.status != 0 && byConfig.stderrText.contains("read_only = true"), "\(byConfig.stderrText)")
        #expect(await writes(harness.server).isEmpty, "no write reached the server")
        #expect(try harness.store.actions().isEmpty, "nothing attempted, nothing journalled")
    }

    @Test func theAllowlistRefusesTheOthersAndLetsItsOwnThrough() async throws {
        let (harness, home, environment, resend) = try await setUp("allow")
        defer { Task { await harness.stop() } }
        try writeConfig(home, harness.server.baseURL, extra: #"actions = ["add_note"]"#)
        let refused = try await ReliabilityProcess.run(resend, environment: environment, directory: home)
        #expect(refused.status != 0 && refused.stderrLines.count == 1, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("allows only add_note"), "\(refused.stderrText)")
        #expect(await writes(harness.server).isEmpty)
        let sourceID = try #require(try harness.store.source(named: "acme")).id
        let subscription = try #require(try harness.store.allSubscriptions(sourceID: sourceID).first)
        let note = try await ReliabilityProcess.run(
            ["subscription", "note", subscription.value.id, "allowed", "--yes", "--db", harness.store.path],
            environment: environment, directory: home)
        #expect(note.status == 0, "\(note.stdoutText) \(note.stderrText)")
        #expect(await writes(harness.server).map(\.path) == ["/subscriptions/\(subscription.value.id)/notes.json"])
    }
}
