import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real `billtop` binary for the reliability tests: output captured to files (no pipe can fill
/// and stall the child), a bounded wait, and a private HOME/XDG tree per test.
struct ReliabilityProcess {
    /// What one run left behind.
    struct Result {
        var status: Int32
        var signalled: Bool
        var stdout: Data
        var stderr: Data
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        /// stderr without its trailing newline, split into lines.
        var stderrLines: [String] {
            stderrText.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
        }
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The debug binary `swift build` leaves; `swift test` alone does not link it.
    /// Adds a customer through the sandbox's Chargify write API (POST /customers.json); returns the status.
    static func postCustomer(_ baseURL: String, key: String, fields: [String: String]) async throws -> Int? {
        var post = URLRequest(url: URL(string: baseURL + "/customers.json")!)
        post.httpMethod = "POST"
        post.setValue("Basic " + Data("\(key):x".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        post.setValue("application/json", forHTTPHeaderField: "Content-Type")
        post.httpBody = try JSONSerialization.data(withJSONObject: ["customer": fields])
        let (_, response) = try await URLSession.shared.data(for: post)
        return (response as? HTTPURLResponse)?.statusCode
    }

    static func binary() throws -> String {
        let path = packageRoot.appendingPathComponent(".build/debug/billtop").path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "build the billtop executable first: swift build (no \(path))")
        return path
    }

    /// A fresh private directory with HOME and the XDG homes inside it.
    static func workDirectory(_ label: String) throws -> URL {
        let url = TestScratch.root.appendingPathComponent("rel-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The environment a run sees: nothing inherited but PATH, so no developer setting leaks in.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config", "XDG_DATA_HOME": home.path + "/data",
            "XDG_STATE_HOME": home.path + "/state", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
        ]
        env.merge(extra) { $1 }
        return env
    }

    /// Starts `billtop arguments` (through `/bin/sh -c 'umask M; exec ...'` when `umask` is given).
    static func start(
        _ arguments: [String], environment: [String: String], directory: URL, umask: String? = nil, outputs: URL
    ) throws -> (Process, URL, URL) {
        let binary = try binary()
        let process = Process()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask); exec \"$0\" \"$@\"", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.environment = environment
        process.currentDirectoryURL = directory
        let tag = UUID().uuidString
        let out = outputs.appendingPathComponent("stdout-\(tag)")
        let err = outputs.appendingPathComponent("stderr-\(tag)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    /// Runs to the end (killed after `timeout` seconds, which fails the test).
    static func run(
        _ arguments: [String], environment: [String: String], directory: URL, umask: String? = nil, timeout: Double = 60
    ) async throws -> Result {
        let outputs = directory.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (process, out, err) = try start(
            arguments, environment: environment, directory: directory, umask: umask, outputs: outputs)
        let finished = await waitBounded(process, seconds: timeout)
        #expect(finished, "billtop \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        let result = Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            stdout: (try? Data(contentsOf: out)) ?? Data(), stderr: (try? Data(contentsOf: err)) ?? Data())
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return result
    }

    /// Polls until the process exits (every 20 ms, up to `seconds`); kills it with SIGKILL if it does not.
    /// It sleeps with `Task.sleep`, never blocking a pool thread: the in-process sandbox needs them.
    @discardableResult
    static func waitBounded(_ process: Process, seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    /// Every regular file under `root` (hidden ones too), for grepping.
    static func allFiles(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    /// The permission bits of `path`.
    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }
}
