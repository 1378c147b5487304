import Foundation
import GRDB
import Sandbox
import Testing

/// `billtop store compact` on a synced store that freed much (its invoices' JSON gone, as a team copy made before
/// copies left it out): a little free is not worth it unless forced; forced, the file shrinks, every record stays
/// and the file stays private; a missing store is one line.
@Suite struct StoreCompactCommandTests {
    @Test func aStoreGivesBackWhatItFreedAndKeepsItsRecords() async throws {
        let work = try ReliabilityProcess.workDirectory("compact")
        defer { try? FileManager.default.removeItem(at: work) }
        let (db, invoices) = try await Self.storeThatFreed(work: work, bytesPerInvoice: 20_000)
        #expect(invoices > 50)
        let before = try Self.size(db)
        let env = ReliabilityProcess.environment(home: work)

        let asked = try await ReliabilityProcess.run(
            ["store", "compact", "--db", db], environment: env, directory: work)
        #expect(asked.status == 0, "\(asked.stderrText)")
        #expect(asked.stdoutText.contains("free of") && asked.stdoutText.contains("not worth compacting (--force"))
        #expect(try Self.size(db) == before)

        let forced = try await ReliabilityProcess.run(
            ["store", "compact", "--db", db, "--force"], environment: env, directory: work)
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(forced.stdoutText.hasPrefix("compacted \(db): "), "\(forced.stdoutText)")
        #expect(forced.stdoutText.contains(" MB given back) in "), "\(forced.stdoutText)")
        let after = try Self.size(db)
        #expect(after * 2 < before, "\(before) -> \(after)")
        let permissions = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let reread = try DatabaseQueue(path: db)
        #expect(try await reread.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoice") } == invoices)
        try reread.close()

        let missing = work.appendingPathComponent("none.sqlite").path
        let none = try await ReliabilityProcess.run(
            ["store", "compact", "--db", missing], environment: env, directory: work)
        #expect(none.status != 0 && !none.signalled)
        #expect(none.stderrLines == ["Error: no store at \(missing): nothing to compact"], "\(none.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// A store synced from the sandbox whose invoices' JSON, each first grown by `bytesPerInvoice` random bytes
    /// (twice that in hex), was then deleted, as a copy drops it; and how many invoices it holds.
    static func storeThatFreed(work: URL, bytesPerInvoice: Int) async throws -> (String, Int) {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 12))
        let db = try await ReliabilityStoreTests.syncedStore(server, work: work)
        await server.stop()
        let queue = try DatabaseQueue(path: db)
        let invoices = try await queue.write { db -> Int in
            try db.execute(
                sql: "UPDATE invoice_raw SET raw = raw || hex(randomblob(?))", arguments: [bytesPerInvoice])
            try db.execute(sql: "DELETE FROM invoice_raw")
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice") ?? 0
        }
        try queue.close()
        return (db, invoices)
    }

    static func size(_ path: String) throws -> Int64 {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64 ?? 0
    }
}

extension StoreCompactCommandTests {
    /// `billtop status` says when a store holds much free space and how to give it back; compacting without
    /// --force then does it, and status says nothing more.
    @Test func statusPointsAtCompactWhenMuchIsFree() async throws {
        let work = try ReliabilityProcess.workDirectory("compact-status")
        defer { try? FileManager.default.removeItem(at: work) }
        let (db, _) = try await Self.storeThatFreed(work: work, bytesPerInvoice: 200_000)
        let env = ReliabilityProcess.environment(home: work)
        let hint = "is free; `billtop store compact` gives it back to the disk"

        let before = try await ReliabilityProcess.run(["status", "--db", db], environment: env, directory: work)
        #expect(before.stdoutText.contains("\(db): ") && before.stdoutText.contains(hint), "\(before.stdoutText)")
        let json = try await ReliabilityProcess.run(
            ["status", "--db", db, "--json"], environment: env, directory: work)
        #expect(!json.stdoutText.contains(hint), "the JSON stays as it was")

        let compacted = try await ReliabilityProcess.run(
            ["store", "compact", "--db", db], environment: env, directory: work)
        #expect(compacted.stdoutText.hasPrefix("compacted "), "\(compacted.stdoutText)\(compacted.stderrText)")
        let after = try await ReliabilityProcess.run(["status", "--db", db], environment: env, directory: work)
        #expect(!after.stdoutText.contains(hint), "\(after.stdoutText)")
    }
}
