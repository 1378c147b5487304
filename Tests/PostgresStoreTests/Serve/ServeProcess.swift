import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `billtop serve` process of the debug build, running in the background with a private HOME, its stderr in a
/// file the test reads as it grows.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let errorFile: URL

    private init(process: Process, errorFile: URL) {
        self.process = process
        self.errorFile = errorFile
    }

    static func start(_ arguments: [String], environment extra: [String: String]) throws -> ServeProcess {
        let binary = try BilltopRun.binary()
        let home = TestScratch.directory("serve-run")
        var environment = BilltopRun.privateEnvironment(home)
        environment.merge(extra) { $1 }
        let errorFile = home.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = home
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return ServeProcess(process: process, errorFile: errorFile)
    }

    var stderr: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Serve's log file (under the private HOME's state directory), for a failing test's message.
    var log: String {
        let state = errorFile.deletingLastPathComponent().appendingPathComponent("state")
        let files = FileManager.default.enumerator(atPath: state.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".log") }.compactMap {
            try? String(contentsOf: state.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// SIGKILL: nothing of serve's own runs, as when a machine or an OOM killer ends it.
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, as systemd stops it; returns the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
