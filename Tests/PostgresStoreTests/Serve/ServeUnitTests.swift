import BillingStore
import Foundation
import TestSupport
import Testing

/// The systemd unit the package installs (`.ci/billtop.service`), short of systemd itself, which does not run as
/// init here: systemd's own checker finds nothing to say about it, and serve started as the unit starts it (its
/// command line, its environment, the environment file's store and password) leads, keeps its log where the
/// unit's state directory is, and stops cleanly on the unit's stop signal, releasing its lead.
@Suite struct ServeUnitTests {
    static let unitPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".ci/billtop.service").path

    static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The unit's `[Service]` settings a test can act on.
    struct Unit {
        var exec: [String] = []
        var environment: [String: String] = [:]
        var environmentFile = ""
        var killSignal = ""
        var stateDirectory = ""
    }

    static func unit() throws -> Unit {
        var unit = Unit()
        for line in try String(contentsOfFile: unitPath, encoding: .utf8).split(separator: "\n") {
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals]
            let value = String(line[line.index(after: equals)...])
            switch key {
            case "ExecStart": unit.exec = value.split(separator: " ").map(String.init)
            case "EnvironmentFile": unit.environmentFile = value
            case "KillSignal": unit.killSignal = value
            case "StateDirectory": unit.stateDirectory = value
            case "Environment":
                for pair in value.split(separator: " ") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    if parts.count == 2 { unit.environment[parts[0]] = parts[1] }
                }
            default: continue
            }
        }
        return unit
    }

    @Test(.enabled(if: analyzer != nil, "systemd-analyze is not installed (.ci/run installs systemd)"))
    func systemdsCheckerFindsNothingToSay() throws {
        // The same unit with the debug binary where the package puts billtop; man pages are the package test's.
        let directory = TestScratch.directory("unit")
        let unit = directory.appendingPathComponent("billtop.service")
        let text = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
            .replacingOccurrences(of: "/usr/bin/billtop", with: try BilltopRun.binary())
        try text.write(to: unit, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("verify.txt").path
        let status = try ChildSpawn.run([Self.analyzer!, "verify", "--man=no", unit.path], output: output)
        let said = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(ChildSpawn.succeeded(status) && said.isEmpty, "\(said)")
    }

    @Test func serveStartedAsTheUnitStartsItLeadsAndStopsOnItsSignal() async throws {
        let unit = try Self.unit()
        #expect(unit.exec.first == "/usr/bin/billtop" && unit.exec.dropFirst().first == "serve")
        #expect(unit.killSignal == "SIGTERM", "ServeProcess.terminate sends SIGTERM")
        #expect(unit.environmentFile == "/etc/billtop/serve.env")
        #expect(unit.stateDirectory == "billtop")

        let harness = try await ServeHarness.make("unit")
        let cluster = try PostgresTestCluster.shared()
        // systemd's directories, under a scratch root: /var/lib/billtop (StateDirectory) and /etc.
        let root = TestScratch.directory("unit-root")
        var environment = unit.environment.mapValues {
            $0.replacingOccurrences(of: "/var/lib/", with: root.path + "/var/lib/")
                .replacingOccurrences(of: "/etc", with: root.path + "/etc")
        }
        // What the unit's comment says serve.env holds: the store and the writer's password, never argv.
        environment["BILLTOP_STORE"] =
            "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/\(harness.url.database)"
        environment["PGPASSWORD"] = cluster.password
        let state = try #require(environment["XDG_STATE_HOME"])
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        // The unit's port is the operator's; any free one here, so that parallel runs never collide.
        let arguments = unit.exec.dropFirst().map { $0.hasPrefix("127.0.0.1:") ? "127.0.0.1:0" : $0 }

        let serve = try ServeProcess.start(arguments, environment: environment)
        defer { serve.kill() }
        try await eventually(20, "serve leads and takes webhooks") {
            serve.stderr.contains("leading acme") && serve.stderr.contains("webhooks")
        }
        #expect(FileManager.default.fileExists(atPath: state + "/billtop/billtop.log"), "the log is in the state dir")
        #expect(try await ServeLeadershipTests.holders(harness).count == 1)
        #expect(serve.terminate() == 0, "\(serve.stderr)")
        #expect(try await ServeLeadershipTests.holders(harness).isEmpty)
        #expect(!serve.stderr.contains(cluster.password))
    }
}
