import Foundation
import Sandbox
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Keys never reach a log, the store, stdout, stderr or the process listing, in any of their forms, even
/// with debug logging on and when the server rejects the key, fails, sends garbage or the fetcher crashes.
/// Config files are created private even under `umask 000`.
@Suite(.serialized) struct ReliabilitySecretTests {
    /// Characters that Base64 and URL encoding both change, so every form differs from the plain key.
    static let key = "rel1ab+Secret/Key=Zq9"
    static let wrongKey = "wr0ng+Secret/Key=Xv7"

    /// The key, its Basic-auth Base64 forms and its URL-encoded form.
    static func forms(of secret: String) -> [String] {
        [
            secret,
            Data("\(secret):x".utf8).base64EncodedString(),
            Data("\(secret):".utf8).base64EncodedString(),
            Data(secret.utf8).base64EncodedString(),
            secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret,
            secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? secret,
        ]
    }

    /// Fails the test for every place (file, stdout, stderr) that holds a form of a secret.
    static func expectNoSecret(_ secrets: [String], files root: URL, outputs: [(String, Data)], context: String) {
        var places = outputs
        for file in ReliabilityProcess.allFiles(under: root) {
            places.append((file.path, (try? Data(contentsOf: file)) ?? Data()))
        }
        #expect(places.count > outputs.count, "\(context): no file was written to check")
        for secret in secrets {
            for form in forms(of: secret) {
                for (place, data) in places where data.range(of: Data(form.utf8)) != nil {
                    Issue.record("\(context): \(place) holds a form of the key (\(form))")
                }
            }
        }
    }

    func sync(
        _ server: SandboxServer, key: String, work: URL, extra: [String] = [], killAfter: Double? = nil
    ) async throws -> (ReliabilityProcess.Result, cmdline: String) {
        let env = ReliabilityProcess.environment(
            home: work, extra: ["BILLTOP_API_KEY": key, "BILLTOP_LOG_LEVEL": "debug"])
        let db = work.appendingPathComponent("data/billtop.sqlite").path
        let arguments = ["sync", "--once", "--chargify", server.baseURL, "--db", db, "--page-size", "10"] + extra
        let outputs = work.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (process, out, err) = try ReliabilityProcess.start(
            arguments, environment: env, directory: work, outputs: outputs)
        // What `ps` shows: the command line of the running process. Polled from the start, off the pool: it is
        // empty for a moment while the program is exec'd, and a 150 ms sleep on a loaded test run's pool came back
        // after the 401 scenario's process had ended (seen in a CI run).
        let child = SendableProcess(process)
        let cmdline = await OffPool.run {
            let path = "/proc/\(child.process.processIdentifier)/cmdline"
            for _ in 0..<400 where child.process.isRunning {
                let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
                let text = String(decoding: data, as: UTF8.self)
                if text.contains("sync") { return text }
                usleep(5_000)
            }
            return ""
        }
        if let killAfter {
            // Timed off the pool, which a loaded test run keeps busy for seconds: the sync must still be running.
            let pid = process.processIdentifier
            await OffPool.run {
                usleep(UInt32(killAfter * 1_000_000))
                if child.process.isRunning { kill(pid, SIGABRT) }
            }
        }
        #expect(await ReliabilityProcess.waitBounded(process, seconds: 90), "billtop sync did not finish")
        let result = ReliabilityProcess.Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            stdout: (try? Data(contentsOf: out)) ?? Data(), stderr: (try? Data(contentsOf: err)) ?? Data())
        return (result, cmdline)
    }

    @Test func rejectedKeyServerErrorsBadBodiesAndACrashLeakNoKey() async throws {
        let scenarios: [(String, FaultPlan, String, Double?)] = [
            ("401", .none, Self.wrongKey, nil),
            ("500", FaultPlan(seed: 3, serverErrorRate: 0.4), Self.key, nil),
            ("bad body", FaultPlan(seed: 4, truncatedBodyRate: 0.1, htmlBodyRate: 0.1), Self.key, nil),
            ("crash", FaultPlan(seed: 5, latencyMilliseconds: 400), Self.key, 0.8),
        ]
        for (name, faults, key, killAfter) in scenarios {
            let server = try await SandboxServer.start(
                SandboxConfiguration(seed: 9, customers: 6, chargifyAPIKey: Self.key, faults: faults))
            let work = try ReliabilityProcess.workDirectory("secret")
            defer { try? FileManager.default.removeItem(at: work) }
            let started = Date()
            let (result, cmdline) = try await sync(server, key: key, work: work, killAfter: killAfter)
            print("secret scenario \(name): \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            await server.stop()

            switch name {
            case "401":
                #expect(result.status != 0)
                #expect(result.stderrText.contains("rejected"), "401 said: \(result.stderrText)")
            case "crash":
                // Swift's crash reporter prints threads and registers with the memory they point at.
                #expect(
                    result.signalled || result.stderrText.contains("Program crashed"),
                    "the crash scenario must end by the signal, not finish first: \(result.stderrText)")
            default:
                // The retries carry the run through; the log shows the faults were met.
                #expect(result.status == 0, "\(name): \(result.stderrText)")
            }
            let log = (try? String(contentsOfFile: work.path + "/state/billtop/billtop.log", encoding: .utf8)) ?? ""
            #expect(log.contains(" debug "), "\(name): debug logging was not on; the test would prove nothing")
            if name == "500" { #expect(log.contains("-> 50"), "\(name): no server error reached the log") }
            #expect(!cmdline.isEmpty, "\(name): could not read the process listing")
            Self.expectNoSecret(
                [Self.key, Self.wrongKey], files: work,
                outputs: [("stdout", result.stdout), ("stderr", result.stderr), ("cmdline", Data(cmdline.utf8))],
                context: name)
        }
    }

    @Test func configInitIsPrivateEvenUnderUmask000() async throws {
        let work = try ReliabilityProcess.workDirectory("umask")
        defer { try? FileManager.default.removeItem(at: work) }
        let env = ReliabilityProcess.environment(home: work)
        let result = try await ReliabilityProcess.run(
            ["config", "init"], environment: env, directory: work, umask: "000")
        #expect(result.status == 0, "\(result.stderrText)")
        let directory = work.path + "/config/billtop"
        let file = directory + "/config.toml"
        #expect(
            ReliabilityProcess.mode(file) == 0o600, "config.toml is \(String(ReliabilityProcess.mode(file), radix: 8))")
        #expect(
            ReliabilityProcess.mode(directory) == 0o700,
            "its directory is \(String(ReliabilityProcess.mode(directory), radix: 8))")
    }

    @Test func keyFileReadableByOthersIsRefusedWithTheFix() async throws {
        let work = try ReliabilityProcess.workDirectory("keyfile")
        defer { try? FileManager.default.removeItem(at: work) }
        let keyPath = work.appendingPathComponent("acme.key").path
        _ = FileManager.default.createFile(atPath: keyPath, contents: Data("\(Self.key)\n".utf8))
        chmod(keyPath, 0o640)
        let config = work.appendingPathComponent("config.toml").path
        try
            "[[source]]\nname = \"acme\"\nkind = \"chargify\"\nurl = \"http://127.0.0.1:9\"\nkey_file = \"\(keyPath)\"\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let env = ReliabilityProcess.environment(home: work)
        let refused = try await ReliabilityProcess.run(
            ["sync", "--once", "--config", config], environment: env, directory: work)
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("chmod 600 \(keyPath)"), "\(refused.stderrText)")
        #expect(!refused.stderrText.contains(Self.key))
        // The fix the message gives works: the same file at 0600 passes `config check`.
        chmod(keyPath, 0o600)
        let fixed = try await ReliabilityProcess.run(
            ["config", "check", "--path", config], environment: env, directory: work)
        #expect(fixed.status == 0, "\(fixed.stderrText)")
    }
}
