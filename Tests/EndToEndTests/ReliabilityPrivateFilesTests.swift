import Foundation
import Sandbox
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary under `umask 000` and `022`: the store with its -wal and -shm, the log and billtop's
/// directories are created 0600 / 0700; files and directories an older billtop left open are tightened and
/// said once in the log, not on the screen; a config others can write is refused with the fix.
@Suite(.serialized) struct ReliabilityPrivateFilesTests {
    static func mode(_ path: String) -> String {
        var info = stat()
        return lstat(path, &info) == 0 ? String(info.st_mode & 0o7777, radix: 8) : "missing"
    }

    @Test(arguments: ["000", "022"])
    func storeCompanionsLogAndDirectoriesArePrivate(umask: String) async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 3, customers: 6))
        let work = try ReliabilityProcess.workDirectory("private-\(umask)")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        // --watch keeps the store open, so its -wal and -shm (created by SQLite, not by billtop) can be seen.
        let outputs = work.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (process, _, _) = try ReliabilityProcess.start(
            ["sync", "--watch", "--interval", "3600", "--chargify", server.baseURL], environment: env, directory: work,
            umask: umask, outputs: outputs)
        let store = work.path + "/data/billtop/billtop.sqlite"
        let log = work.path + "/state/billtop/billtop.log"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline,
            ![store + "-wal", store + "-shm", log].allSatisfy({ FileManager.default.fileExists(atPath: $0) })
        {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let expected: [(String, String)] = [
            (store, "600"), (store + "-wal", "600"), (store + "-shm", "600"), (log, "600"),
            (work.path + "/data", "700"), (work.path + "/data/billtop", "700"),
            (work.path + "/state", "700"), (work.path + "/state/billtop", "700"),
        ]
        for (path, want) in expected {
            #expect(Self.mode(path) == want, "umask \(umask): \(path) is \(Self.mode(path)), want \(want)")
        }
        kill(process.processIdentifier, SIGTERM)
        #expect(await ReliabilityProcess.waitBounded(process, seconds: 30))
        await server.stop()
    }

    @Test func filesLeftOpenAreTightenedAndSaidOnceInTheLogOnly() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 3, customers: 6))
        let work = try ReliabilityProcess.workDirectory("tighten")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let sync = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", server.baseURL], environment: env, directory: work)
        #expect(sync.status == 0, "\(sync.stderrText)")
        await server.stop()
        // As an older billtop under umask 022 left them.
        let store = work.path + "/data/billtop/billtop.sqlite"
        let log = work.path + "/state/billtop/billtop.log"
        let opened: [(String, mode_t, String)] = [
            (store, 0o644, "600"), (work.path + "/data/billtop", 0o755, "700"), (log, 0o644, "600"),
            (work.path + "/state/billtop", 0o755, "700"),
        ]
        for (path, mode, _) in opened { chmod(path, mode) }

        let read = try await ReliabilityProcess.run(["customers"], environment: env, directory: work)
        #expect(read.status == 0, "\(read.stderrText)")
        #expect(read.stderr.isEmpty, "the screen heard about it: \(read.stderrText)")
        #expect(!read.stdoutText.contains("mode"))
        for (path, old, want) in opened {
            #expect(Self.mode(path) == want, "\(path) is \(Self.mode(path))")
            let was = String(old, radix: 8)
            let logText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let notes = logText.components(separatedBy: "\n").filter {
                $0.contains("\(path) was mode \(was); now \(want)")
            }
            #expect(notes.count == 1, "\(path): \(notes.count) notes in the log:\n\(logText)")
        }
        // Nothing left to tighten: the next command says nothing more.
        let before = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let again = try await ReliabilityProcess.run(["customers"], environment: env, directory: work)
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderrText)")
        let after = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(after == before, "said again:\n\(after.dropFirst(before.count))")
    }

    @Test func aConfigOthersCanWriteIsRefusedBySyncAndConfigCheck() async throws {
        let work = try ReliabilityProcess.workDirectory("config-mode")
        defer { try? FileManager.default.removeItem(at: work) }
        let config = work.appendingPathComponent("config.toml").path
        try "[[source]]\nname = \"acme\"\nkind = \"chargify\"\nurl = \"http://127.0.0.1:9\"\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o666)
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y"])
        let runs = [
            ("sync", ["sync", "--once", "--config", config]), ("config check", ["config", "check", "--path", config]),
        ]
        for (name, arguments) in runs {
            let result = try await ReliabilityProcess.run(arguments, environment: env, directory: work)
            #expect(result.status != 0, "\(name) accepted a world-writable config")
            #expect(result.stderrLines.count == 1, "\(name): \(result.stderrText)")
            #expect(
                result.stderrText.contains("\(config) is writable by others (mode 666)"),
                "\(name): \(result.stderrText)")
            #expect(result.stderrText.contains("chmod go-w \(config)"), "\(name): \(result.stderrText)")
        }
        chmod(config, 0o644)
        let fixed = try await ReliabilityProcess.run(
            ["config", "check", "--path", config], environment: env, directory: work)
        #expect(fixed.status == 0, "\(fixed.stderrText)")
    }

    /// The demo's temporary directory and store, and an export written with `e`, under umask 000.
    @Test(.enabled(if: TmuxSession.tmuxPath != nil, "needs tmux"))
    func theDemoStoreAndAnExportArePrivateUnderUmask000() async throws {
        let work = try ReliabilityProcess.workDirectory("demo-umask")
        defer { try? FileManager.default.removeItem(at: work) }
        let binary = try ReliabilityProcess.binary()
        let tmux = try TmuxSession(
            command: "sh -c 'umask 000; exec \"$0\" --demo --demo-customers 5' \(binary)", directory: work.path,
            width: 120,
            height: 40)
        defer { tmux.kill() }
        _ = try await tmux.waitFor("data", seconds: 60) { $0.contains("Customers (5)") && TmuxSession.hasSynced($0) }
        let demo = try #require(
            try FileManager.default.contentsOfDirectory(atPath: work.path).first { $0.hasPrefix("billtop-demo-") },
            "no demo directory")
        let directory = work.path + "/" + demo
        #expect(Self.mode(directory) == "700", "\(directory) is \(Self.mode(directory))")
        for file in ["demo.sqlite", "demo.sqlite-wal", "demo.sqlite-shm"] {
            #expect(Self.mode(directory + "/" + file) == "600", "\(file) is \(Self.mode(directory + "/" + file))")
        }
        try tmux.send("e")
        _ = try await tmux.waitFor("the export", seconds: 20) { $0.contains("exported") }
        let export = try #require(
            try FileManager.default.contentsOfDirectory(atPath: work.path).first { $0.hasSuffix(".csv") }, "no export")
        #expect(Self.mode(work.path + "/" + export) == "600", "\(export) is \(Self.mode(work.path + "/" + export))")
        try tmux.send("q")
        _ = try await tmux.waitForExit()
    }
}
