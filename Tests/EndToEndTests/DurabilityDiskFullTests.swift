import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import TUIKit
import TUITestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A sync into a store on a small tmpfs that fills up mid-way: the page's transaction rolls back, every
/// checkpoint still agrees with its rows, `billtop sync` exits non-zero with one line saying the disk is
/// full, the dashboard's status line says so, and once the tmpfs is remounted bigger the next sync resumes
/// and ends equal to the sandbox. Needs root (mount); skipped otherwise.
@Suite(.serialized) struct DurabilityDiskFullTests {
    static let pageSize = 5
    static let seed: UInt64 = 12
    static let customers = 20

    /// Bytes a complete store of the test company takes (an in-process sync, measured once for both tests):
    /// the tmpfs is sized below it so the disk fills mid-way.
    static let referenceFootprint = Task<Int, any Error> {
        let h = try await SandboxHarness.start(customers: customers, seed: seed)
        let result = await (try h.runner([h.source(.chargify, name: "chargify", pageSize: pageSize)])).runOnce()
        // Measured before `stop()`, which removes the harness's store.
        let bytes = footprint(h.store.path)
        await h.stop()
        guard result.ok else { throw CommandFailed("the reference sync failed: \(result.failures)") }
        // A zero-sized tmpfs has no limit at all: a footprint of nothing must fail here, not pass below.
        guard bytes > 0 else { throw CommandFailed("the reference store at \(h.store.path) measured 0 bytes") }
        return bytes
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Bytes of the store's files (db + WAL) after a complete sync: the disk is then sized below it.
    static func footprint(_ db: String) -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            total
                + (((try? FileManager.default.attributesOfItem(atPath: db + suffix)[.size]) as? NSNumber)?.intValue ?? 0)
        }
    }

    /// Mounts a tmpfs of `bytes` (rounded up to 4 KiB pages) at `point`.
    static func mountTmpfs(_ point: URL, bytes: Int) throws {
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        let size = (bytes + 4_095) / 4_096 * 4_096
        try #require(
            mount("tmpfs", point.path, "tmpfs", 0, "size=\(size)") == 0, "cannot mount a tmpfs here (errno \(errno))")
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func aFullDiskRollsBackSaysSoAndTheNextSyncResumes() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: Self.seed, customers: Self.customers))
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let work = try ReliabilityProcess.workDirectory("diskfull")
        let disk = work.appendingPathComponent("disk")
        defer {
            umount2(disk.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: work)
        }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        func sync(_ db: String) async throws -> ReliabilityProcess.Result {
            try await ReliabilityProcess.run(
                ["sync", "--once", "--chargify", server.baseURL, "--db", db, "--page-size", "\(Self.pageSize)"],
                environment: env, directory: work, timeout: 120)
        }
        try Self.mountTmpfs(disk, bytes: try await Self.referenceFootprint.value * 6 / 10)

        // The disk fills mid-way through the sync.
        let db = disk.appendingPathComponent("store.sqlite").path
        let full = try await sync(db)
        #expect(!full.signalled, "billtop sync crashed on a full disk: \(full.stderrText)")
        #expect(full.status != 0, "a sync that could not write exited 0")
        let lines = full.stderrLines.filter { !$0.isEmpty }
        let diskLines = lines.filter { $0.contains("the disk is full or failing") }
        #expect(diskLines.count == 1, "want one line saying the disk is full, got:\n\(full.stderrText)")
        #expect(diskLines.first?.contains("free space and run again") == true && diskLines.first?.contains(db) == true)
        #expect(
            !full.stderrText.contains("SQLite error") && !full.stderrText.contains("Fatal error"), "\(full.stderrText)")

        // What the full disk holds (copied out, as it lies): sound, and every checkpoint at its rows.
        let snapshot = work.appendingPathComponent("after-full")
        try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            try FileManager.default.copyItem(
                atPath: db + suffix, toPath: snapshot.appendingPathComponent("store.sqlite" + suffix).path)
        }
        let check = try CheckpointConsistency(
            store: try BillingStore.open(path: snapshot.appendingPathComponent("store.sqlite").path),
            sourceName: "chargify",
            company: company, pageSize: Self.pageSize)
        #expect(check.problems.isEmpty, "\(check.problems) [\(check.streams)]")
        #expect(check.streams.contains { $0.stored > 0 }, "the disk was full before any page: \(check.streams)")
        #expect(
            check.streams.contains { $0.state.phase != .idle },
            "every stream finished on a 'full' disk: \(check.streams)")

        // Space is back: the next sync resumes from the checkpoints and ends equal to the sandbox.
        #expect(mount("tmpfs", disk.path, "tmpfs", UInt(MS_REMOUNT), "size=64m") == 0, "remount bigger: errno \(errno)")
        let resumed = try await sync(db)
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        let store = try BillingStore.open(path: db)
        #expect(try store.integrityCheck() == "ok")
        let source = try #require(try store.source(named: "chargify"))
        let comparison = try StoreComparison(store: store, sourceID: source.id, company: company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        let log = try store.recentSyncLog(limit: 500).map(\.message)
        #expect(
            log.contains { $0.hasPrefix("resumed") }, "the sync after the full disk started over instead of resuming")
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func theDashboardStatusLineSaysTheDiskIsFull() async throws {
        let h = try await SandboxHarness.start(customers: Self.customers, seed: Self.seed)
        defer { Task { await h.stop() } }
        let source = h.source(.chargify, name: "chargify", pageSize: Self.pageSize)
        let needed = try await Self.referenceFootprint.value
        let work = try ReliabilityProcess.workDirectory("diskfull-ui")
        let disk = work.appendingPathComponent("disk")
        defer {
            umount2(disk.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: work)
        }
        try Self.mountTmpfs(disk, bytes: needed * 6 / 10)
        let store = try BillingStore.open(path: disk.appendingPathComponent("store.sqlite").path)

        // The dashboard as `billtop` wires it, on a fake terminal: loop, data, refresher, background sync.
        let now: @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: 1_781_956_800) }
        let data = StoreDashboardData(store: store)
        let events = EventQueue()
        let terminal = FakeTerminal(width: 120, height: 40)
        let loop = DashboardLoop(data: data, terminal: terminal, clock: now, exportDirectory: work.path, events: events)
        try loop.step()
        let refresher = SnapshotRefresher(store: store, data: data, events: events, clock: now)
        let runner = try SyncRunner(store: store, sources: [source], clock: h.clock, policy: .fast)
        let follower = Task { await refresher.followProgress(runner.progress) }
        defer { follower.cancel() }
        let result = await runner.runOnce()
        #expect(
            result.failures.contains {
                if case .store(let m) = $0.error { m.contains("the disk is full or failing") } else { false }
            },
            "\(result.failures)")
        var shown = ""
        for _ in 0..<250 {
            try loop.step()
            shown = terminal.lastFrame?.text ?? ""
            if shown.contains("the disk is full or failing") { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(
            shown.contains("the disk is full or failing"), "the status line did not say the disk is full:\n\(shown)")
        #expect(loop.state.status?.isError == true)
    }
}
