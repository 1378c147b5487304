import Foundation
import TestSupport
import Testing

/// Runs the debug `billtop` that `swift build` links, with a private HOME and only the given environment,
/// output to files (no pipe to fill), to its end.
struct BilltopRun {
    let status: Int32
    let stdout: String
    let stderr: String

    /// A private HOME and XDG directories under `home`, a plain PATH and locale, and nothing else.
    static func privateEnvironment(_ home: URL) -> [String: String] {
        [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config", "XDG_DATA_HOME": home.path + "/data",
            "XDG_STATE_HOME": home.path + "/state", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
        ]
    }

    /// The debug billtop `swift build` links (the test stops with how to build it when it is missing).
    static func binary() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let binary = root.appendingPathComponent(".build/debug/billtop").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "build the billtop executable first: swift build (no \(binary))")
        return binary
    }

    /// `run` on a thread of its own, for a test whose sandbox runs in this process: the binary's requests are
    /// answered by the Swift pool, which a blocked task's thread would starve.
    static func onThread(_ arguments: [String], environment: [String: String] = [:]) async throws -> BilltopRun {
        try await OffPool.run { Result { try BilltopRun.run(arguments, environment: environment) } }.get()
    }

    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> BilltopRun {
        let binary = try binary()
        let home = TestScratch.directory("pg-run")
        var environment = privateEnvironment(home)
        environment.merge(extra) { $1 }
        let out = home.appendingPathComponent("stdout")
        let err = home.appendingPathComponent("stderr")
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = home
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return BilltopRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
