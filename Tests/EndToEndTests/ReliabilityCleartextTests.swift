import BillingStore
import BillingSync
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Cleartext is refused: plain http goes only to loopback unless a source consents (and then `config check`
/// says it is insecure), one-off sources follow the same rules, and credentials written into a URL are
/// refused without being echoed or stored; ones stored by an older billtop are scrubbed. (The refusal of a
/// remote http url in config.toml is the `http-remote-url.toml` fixture of `ReliabilityConfigTests`.)
@Suite(.serialized) struct ReliabilityCleartextTests {
    @Test func configCheckSaysAnAllowedInsecureSourceIsInsecure() async throws {
        let work = try ReliabilityProcess.workDirectory("cleartext")
        defer { try? FileManager.default.removeItem(at: work) }
        let config = work.appendingPathComponent("config.toml")
        try
            "[[source]]\nname = \"acme\"\nkind = \"chargify\"\nurl = \"http://acme.example.com\"\nallow_insecure_http = true\n"
            .write(to: config, atomically: true, encoding: .utf8)
        chmod(config.path, 0o600)
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y"])
        let run = try await ReliabilityProcess.run(
            ["config", "check", "--path", config.path], environment: env, directory: work)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(
            run.stdoutText.contains(
                "acme: insecure: the key is sent unencrypted over plain http to http://acme.example.com (allow_insecure_http = true)"
            ), "\(run.stdoutText)")
    }

    @Test func oneOffSourcesFollowTheSameRules() async throws {
        let server = try HostileHTTPServer(handler: HostileSite.emptyChargify)
        defer { server.stop() }
        let work = try ReliabilityProcess.workDirectory("cleartext-flags")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y"])

        let remote = try await ReliabilityProcess.run(
            ["sync", "--chargify", "http://acme.example.com"], environment: env, directory: work)
        #expect(remote.status != 0 && remote.stderrLines.count == 1, "\(remote.stderrText)")
        #expect(
            remote.stderrText.contains("plain http would send the key to acme.example.com unencrypted")
                && remote.stderrText.contains("--allow-insecure-http"), "\(remote.stderrText)")

        let withUser = "http://ada:hunter2@127.0.0.1:\(server.port)"
        let credentials = try await ReliabilityProcess.run(
            ["sync", "--chargify", withUser], environment: env, directory: work)
        #expect(credentials.status != 0 && credentials.stderrLines.count == 1, "\(credentials.stderrText)")
        #expect(
            credentials.stderrText.contains("holds credentials") && credentials.stderrText.contains("BILLTOP_API_KEY"))
        #expect(!credentials.stderrText.contains("hunter2") && !credentials.stdoutText.contains("hunter2"))
        #expect(server.requests().isEmpty)
        for file in ReliabilityProcess.allFiles(under: work) {
            let bytes = (try? Data(contentsOf: file)) ?? Data()
            #expect(bytes.range(of: Data("hunter2".utf8)) == nil, "\(file.path) holds the password")
        }
    }

    @Test func credentialsStoredByAnOlderBilltopAreScrubbed() throws {
        let store = try HostileSite.store("cleartext-scrub")
        try store.registerSource(name: "old", kind: "chargify", baseURL: "https://ada:hunter2@acme.chargify.com")
        _ = try SyncRunner(store: store, sources: [HostileSite.chargify("http://127.0.0.1:1")])
        #expect(try store.source(named: "old")?.baseURL == "https://acme.chargify.com")
    }

    @Test func aRunnerRefusesCleartextEvenWithoutTheConfigChecks() async throws {
        // A caller that skips config.toml and the flags (a library user) still sends no key in the clear.
        let store = try HostileSite.store("cleartext-runner")
        let runner = try SyncRunner(
            store: store,
            sources: [SourceConfig(name: "acme", kind: .chargify, baseURL: "http://acme.example.com", secret: "k3y")])
        let result = await runner.runOnce(within: 60)
        #expect(result.requests == 0 && result.failures.count == 4)
        #expect(
            result.failures.allSatisfy {
                $0.error
                    == .configuration(
                        "source acme: url http://acme.example.com plain http would send the key to acme.example.com "
                            + "unencrypted; use https://, or add allow_insecure_http = true to this [[source]] if you accept that"
                    )
            })
    }
}
