import BillingCore
import BillingStore
import Foundation
import GRDB
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A store file that is corrupt, read-only, from a newer billtop, or locked by another writer: every
/// command says so in one line naming the file and a way out, never crashes; the way out works.
@Suite(.serialized) struct ReliabilityStoreTests {
    /// A small synced store to damage, and the sandbox it came from.
    static func syncedStore(_ server: SandboxServer, work: URL, name: String = "good.sqlite") async throws -> String {
        let db = work.appendingPathComponent(name).path
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let result = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", server.baseURL, "--db", db], environment: env, directory: work)
        #expect(result.status == 0, "\(result.stderrText)")
        return db
    }

    /// Runs every command that opens the store; each must fail cleanly (or, for reads, succeed).
    static func expectCleanRefusal(
        db: String, work: URL, url: String, mentions: [String], readsMaySucceed: Bool = false, context: String
    ) async throws {
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let commands: [(String, [String], Bool)] =
            [
                ("sync", ["sync", "--once", "--chargify", url, "--db", db], false),
                ("customers", ["customers", "--db", db], readsMaySucceed),
                ("invoices", ["invoices", "--db", db], readsMaySucceed),
                ("dunning", ["dunning", "--db", db, "--as-of", "2026-06-20"], readsMaySucceed),
            ] + (readsMaySucceed ? [] : [("dashboard", ["--db", db], false)])  // an openable store would start the UI
        for (name, arguments, mayPass) in commands {
            let result = try await ReliabilityProcess.run(arguments, environment: env, directory: work, timeout: 40)
            #expect(!result.signalled, "\(context): billtop \(name) crashed: \(result.stderrText)")
            #expect(
                !result.stderrText.contains("Fatal error") && !result.stderrText.contains("Stack dump"),
                "\(context): \(name) trapped")
            if mayPass && result.status == 0 { continue }
            #expect(result.status != 0, "\(context): billtop \(name) exited 0")
            let lines = result.stderrLines
            #expect(lines.count == 1, "\(context): billtop \(name) wrote \(lines.count) lines:\n\(result.stderrText)")
            let message = lines.first ?? ""
            #expect(message.contains(db), "\(context): billtop \(name) did not name the file: \(message)")
            for word in mentions {
                #expect(message.contains(word), "\(context): billtop \(name) did not say \(word): \(message)")
            }
            #expect(!result.stdout.contains(0x1B), "\(context): billtop \(name) drew on the terminal")
        }
    }

    @Test func corruptFileIsRefusedAndAFreshFullSyncIsTheWayOut() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 8))
        let work = try ReliabilityProcess.workDirectory("corrupt")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = work.appendingPathComponent("corrupt.sqlite").path
        // A plausible header over garbage: SQLite gets past the magic and finds nonsense.
        var bytes = Data("SQLite format 3\0".utf8)
        var random = SplitMix64(seed: 5)
        for _ in 0..<8192 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        try bytes.write(to: URL(fileURLWithPath: db))
        try await Self.expectCleanRefusal(
            db: db, work: work, url: server.baseURL, mentions: ["sync --full"], context: "corrupt")

        // The way out the message gives: move it aside, full sync into a fresh file.
        try FileManager.default.moveItem(atPath: db, toPath: db + ".bad")
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let fresh = try await ReliabilityProcess.run(
            ["sync", "--full", "--chargify", server.baseURL, "--db", db], environment: env, directory: work)
        #expect(fresh.status == 0, "\(fresh.stderrText)")
        let store = try BillingStore.open(path: db)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.customerCount(sourceID: nil) == 8)
        await server.stop()
    }

    @Test func newerSchemaIsRefusedWithoutTouchingTheFile() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 5))
        let work = try ReliabilityProcess.workDirectory("newer")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = try await Self.syncedStore(server, work: work)
        do {
            let queue = try DatabaseQueue(path: db)
            try await queue.write {
                try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        }
        try await Self.expectCleanRefusal(
            db: db, work: work, url: server.baseURL, mentions: ["newer billtop"], context: "newer")
        let queue = try DatabaseQueue(path: db)
        let kept = try await queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(kept.contains("v99-from-the-future"), "the newer store was rewritten")
        await server.stop()
    }

    @Test func storeLockedByAnotherWriterIsAClearMessage() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 5))
        let work = try ReliabilityProcess.workDirectory("locked")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = try await Self.syncedStore(server, work: work)
        // Another writer holds the write lock for the whole run of the command.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the point: a transaction left open across accesses
        let holder = try DatabaseQueue(path: db, configuration: holding)
        // Like a real sync, it commits once before it holds the lock (a sync saves its run state first). Without
        // that commit the WAL is brand new and its index unwritten, and SQLite makes a new reader wait for the
        // write lock to build it: the reader below then failed "locked" about one run in two.
        try holder.inDatabase {
            try $0.execute(
                sql:
                    "INSERT INTO sync_log (source_id, stream, at, kind, message) SELECT id, 'x', 0, 'request', 'first' FROM source LIMIT 1"
            )
        }
        try holder.inDatabase {
            try $0.execute(
                sql:
                    "BEGIN IMMEDIATE; INSERT INTO sync_log (source_id, stream, at, kind, message) SELECT id, 'x', 0, 'request', 'held' FROM source LIMIT 1"
            )
        }
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "sandbox"])
        let sync = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", server.baseURL, "--db", db], environment: env, directory: work, timeout: 60
        )
        #expect(!sync.signalled)
        #expect(sync.status != 0, "a sync against a locked store exited 0")
        #expect(sync.stderrLines.contains { $0.contains("locked") && $0.contains(db) }, "\(sync.stderrText)")
        // Readers are not blocked by a writer (WAL).
        let read = try await ReliabilityProcess.run(["customers", "--db", db], environment: env, directory: work)
        #expect(read.status == 0, "\(read.stderrText)")
        try holder.inDatabase { try $0.execute(sql: "ROLLBACK") }
        await server.stop()
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a read-only tmpfs (root ignores file modes)"))
    func readOnlyStoreIsAClearMessage() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 5))
        let work = try ReliabilityProcess.workDirectory("readonly")
        let mountPoint = work.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let db = try await Self.syncedStore(server, work: work)
        try #require(
            mount("tmpfs", mountPoint.path, "tmpfs", 0, "size=8m") == 0, "cannot mount a tmpfs here (errno \(errno))")
        defer {
            umount2(mountPoint.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: work)
        }
        let target = mountPoint.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: target)
        #expect(
            mount("tmpfs", mountPoint.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=8m") == 0,
            "remount read-only: errno \(errno)")
        try await Self.expectCleanRefusal(
            db: target, work: work, url: server.baseURL, mentions: ["--db"], readsMaySucceed: true, context: "read-only"
        )
        await server.stop()
    }
}
