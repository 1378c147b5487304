import BillingCore
import BillingStore
import Foundation
import Sandbox
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `billtop sync` frozen with SIGSTOP at seeded random moments of a first sync; each time the
/// store's files (db, -wal, -shm) are copied as they lie, then the process continues (the last time it is
/// killed). Every copy must open, pass the integrity check and hold an earlier committed state whose
/// checkpoints agree with its rows (`CheckpointConsistency`). BILLTOP_STOP_COPIES makes it longer.
@Suite(.serialized) struct DurabilityStopCopyTests {
    static let pageSize = 5

    @Test func everyCopyOfAFrozenSyncOpensAtACommittedCheckpoint() async throws {
        let copies = Int(ProcessInfo.processInfo.environment["BILLTOP_STOP_COPIES"] ?? "") ?? 10
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 11, customers: 100))
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let work = try ReliabilityProcess.workDirectory("sigstop")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("store.sqlite").path
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let outputs = work.appendingPathComponent(".outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let (process, _, _) = try ReliabilityProcess.start(
            ["sync", "--once", "--chargify", server.baseURL, "--db", db, "--page-size", "\(Self.pageSize)"],
            environment: env, directory: work, outputs: outputs)
        // The freezing is timed on a thread of its own: on the cooperative pool of a whole test run its 20-120 ms
        // sleeps came back seconds late, the sync had ended, and no copy was taken (seen in a run).
        let child = SendableProcess(process)
        let (taken, copyErrors) = await OffPool.run { Self.freezeAndCopy(child, db: db, work: work, copies: copies) }
        #expect(copyErrors.isEmpty, "copying a frozen store: \(copyErrors)")
        let pid = process.processIdentifier
        if process.isRunning { kill(pid, SIGKILL) }
        await ReliabilityProcess.waitBounded(process, seconds: 20)
        #expect(taken.count >= min(copies, 4), "only \(taken.count) copies: the sync finished too early to freeze it")

        var partial = 0
        for copy in taken {
            let path = copy.appendingPathComponent("store.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else { continue }  // frozen before the file existed
            let store = try BillingStore.open(path: path)
            let check = try CheckpointConsistency(
                store: store, sourceName: "chargify", company: company, pageSize: Self.pageSize)
            #expect(check.problems.isEmpty, "\(copy.lastPathComponent): \(check.problems) [\(check.streams)]")
            if check.streams.contains(where: \.isPartial) { partial += 1 }
        }
        #expect(partial >= 3, "only \(partial) copies were taken mid-sync; the test did not exercise a frozen write")
    }

    /// Freezes the sync at seeded random moments (20-120 ms apart) and copies the store's files each time; the
    /// last freeze ends in SIGKILL. Returns the copies' directories, and what went wrong copying.
    static func freezeAndCopy(_ child: SendableProcess, db: String, work: URL, copies: Int) -> ([URL], [String]) {
        let process = child.process
        let pid = process.processIdentifier
        // The debug binary's start-up varies with load: freeze it only once it has created the store.
        for _ in 0..<500 where process.isRunning && !FileManager.default.fileExists(atPath: db) { usleep(20_000) }
        var random = SplitMix64(seed: 77)
        var taken: [URL] = []
        var errors: [String] = []
        for index in 0..<copies where process.isRunning {
            usleep(UInt32(20 + random.next() % 100) * 1_000)
            guard process.isRunning, kill(pid, SIGSTOP) == 0 else { break }
            guard waitUntilStopped(pid) else { break }
            // Frozen: whatever the files hold now is what a power cut or a snapshot would see.
            let copy = work.appendingPathComponent("copy-\(index)")
            do {
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
                    try FileManager.default.copyItem(
                        atPath: db + suffix, toPath: copy.appendingPathComponent("store.sqlite" + suffix).path)
                }
                taken.append(copy)
            } catch {
                errors.append("\(error)")
            }
            kill(pid, index == copies - 1 ? SIGKILL : SIGCONT)
        }
        return (taken, errors)
    }

    /// Polls /proc until the process is in the stopped state (every 5 ms, up to 5 s).
    static func waitUntilStopped(_ pid: pid_t) -> Bool {
        for _ in 0..<1_000 {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            {
                let state = stat[stat.index(close, offsetBy: 2)]
                if state == "T" || state == "t" { return true }
                if state == "Z" || state == "X" { return false }
            }
            usleep(5_000)
        }
        return false
    }
}
