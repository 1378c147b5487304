import Foundation
import GRDB
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Stores that are not what billtop expects: something that is not a regular file is named in one line;
/// a store billtop cannot write is read, and mrr and dunning compute its figures without saving them;
/// a search with thousands of words is answered (or refused) at once.
@Suite(.serialized) struct ReliabilityOddStoreTests {
    @Test func aStorePathThatIsNotARegularFileIsOneLineSayingSo() async throws {
        let work = try ReliabilityProcess.workDirectory("odd")
        defer { try? FileManager.default.removeItem(at: work) }
        let fifo = work.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let directory = work.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y"])
        for (db, kind) in [("/dev/null", "character device"), (fifo, "FIFO"), (directory, "directory")] {
            let commands: [[String]] = [
                ["sync", "--once", "--chargify", "http://127.0.0.1:9", "--db", db], ["customers", "--db", db],
                ["invoices", "--db", db], ["mrr", "--db", db], ["dunning", "--db", db], ["--db", db],
            ]
            for arguments in commands {
                let result = try await ReliabilityProcess.run(arguments, environment: env, directory: work, timeout: 30)
                let name = "billtop \(arguments.first ?? "") on \(kind)"
                #expect(result.status != 0 && !result.signalled, "\(name) exited \(result.status)")
                #expect(result.stderrLines.count == 1, "\(name): \(result.stderrText)")
                let line = result.stderrLines.first ?? ""
                #expect(
                    line.contains("\(db) is a") && line.contains(kind) && line.contains("not a regular file"),
                    "\(name): \(line)")
                #expect(line.contains("--db") && !line.contains("disk is full"), "\(name): \(line)")
                #expect(!result.stdout.contains(0x1B), "\(name) drew on the terminal")
            }
        }
    }

    /// A synced store whose aggregates were never computed (as an older billtop, or a sync cut short,
    /// leaves it): mrr and dunning must compute, which a store they cannot write does not allow.
    static func storeWithoutAggregates(work: URL) async throws -> String {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 12))
        let db = try await ReliabilityStoreTests.syncedStore(server, work: work)
        await server.stop()
        let queue = try DatabaseQueue(path: db)
        try await queue.write { try $0.execute(sql: "DELETE FROM metrics_refresh") }
        try queue.close()
        return db
    }

    static let readCommands: [[String]] = [
        ["mrr", "--as-of", "2026-06-20"], ["mrr", "--as-of", "2026-06-20", "--json"],
        ["dunning", "--as-of", "2026-06-20"],
        ["dunning", "--as-of", "2026-06-20", "--json"], ["customers"], ["invoices", "--limit", "500"],
    ]

    /// What every read command prints from a writable copy: the figures a read-only store must show.
    static func expectedOutputs(of db: String, work: URL) async throws -> [String] {
        let copy = work.appendingPathComponent("writable.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let env = ReliabilityProcess.environment(home: work)
        var outputs: [String] = []
        for arguments in readCommands {
            let result = try await ReliabilityProcess.run(
                arguments + ["--db", copy], environment: env, directory: work)
            #expect(result.status == 0, "\(arguments) on the writable copy: \(result.stderrText)")
            outputs.append(result.stdoutText)
        }
        #expect(
            outputs[0].contains("MRR as of 2026-06-20") && outputs[2].contains("alert(s)"), "\(outputs[0])\(outputs[2])"
        )
        return outputs
    }

    /// Runs every read command on `db` (with `prefix` before the binary, e.g. to run as another user) and
    /// expects the writable copy's output, one note on stderr for the metrics, and the file unchanged.
    static func expectReadsMatch(
        db: String, expected: [String], work: URL, prefix: [String] = [], context: String
    ) async throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let env = ReliabilityProcess.environment(home: work)
        for (arguments, want) in zip(readCommands, expected) {
            let result = try await run(prefix: prefix, arguments + ["--db", db], environment: env, directory: work)
            let name = "\(context): billtop \(arguments.joined(separator: " "))"
            #expect(result.status == 0, "\(name) exited \(result.status): \(result.stderrText)")
            #expect(result.stdoutText == want, "\(name) printed other figures:\n\(result.stdoutText)\nwant:\n\(want)")
            #expect(
                !result.stderrText.contains("SQLite error") && !result.stderrText.contains("error 8"),
                "\(name): \(result.stderrText)")
            if arguments[0] == "mrr" || arguments[0] == "dunning" {
                #expect(result.stderrLines.count == 1, "\(name): \(result.stderrText)")
                #expect(
                    result.stderrText.contains(
                        "is read-only, so these figures were computed from its records and not saved"),
                    "\(name): \(result.stderrText)")
            } else {
                #expect(result.stderr.isEmpty, "\(name): \(result.stderrText)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(context): the read-only store changed")
    }

    /// `prefix` (e.g. setpriv) then the binary and its arguments.
    static func run(prefix: [String], _ arguments: [String], environment: [String: String], directory: URL) async throws
        -> ReliabilityProcess.Result
    {
        guard !prefix.isEmpty else {
            return try await ReliabilityProcess.run(arguments, environment: environment, directory: directory)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix[0])
        process.arguments = Array(prefix.dropFirst()) + [try ReliabilityProcess.binary()] + arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent(".out-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        #expect(await ReliabilityProcess.waitBounded(process, seconds: 60), "\(arguments) did not finish")
        return ReliabilityProcess.Result(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            stdout: (try? Data(contentsOf: out)) ?? Data(), stderr: (try? Data(contentsOf: err)) ?? Data())
    }

    /// A read-only file in a directory the reader may write (SQLite opens it read-only without a word and
    /// refuses only the refresh's write). Root ignores file modes, so as root the commands run as nobody.
    @Test func mrrAndDunningOnAReadOnlyFileComputeWithoutSaving() async throws {
        let work = try ReliabilityProcess.workDirectory("ro-file")
        defer { try? FileManager.default.removeItem(at: work) }
        let db = try await Self.storeWithoutAggregates(work: work)
        let expected = try await Self.expectedOutputs(of: db, work: work)
        let folder = work.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        chmod(folder.path, 0o777)
        chmod(work.path, 0o755)
        let target = folder.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: target)
        chmod(target, 0o444)
        var prefix: [String] = []
        if getuid() == 0 {
            try #require(
                FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                "as root this needs setpriv to drop to nobody")
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        try await Self.expectReadsMatch(
            db: target, expected: expected, work: work, prefix: prefix, context: "read-only file")
    }

    /// A read-only mount (a backup, a snapshot): not even a -shm can be made beside the store.
    @Test(.enabled(if: getuid() == 0, "needs root to mount a read-only tmpfs"))
    func mrrAndDunningOnAReadOnlyMountComputeWithoutSaving() async throws {
        let work = try ReliabilityProcess.workDirectory("ro-mount")
        let mountPoint = work.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let db = try await Self.storeWithoutAggregates(work: work)
        let expected = try await Self.expectedOutputs(of: db, work: work)
        try #require(
            mount("tmpfs", mountPoint.path, "tmpfs", 0, "size=16m") == 0, "cannot mount a tmpfs here (errno \(errno))")
        defer {
            umount2(mountPoint.path, Int32(MNT_DETACH))
            try? FileManager.default.removeItem(at: work)
        }
        let target = mountPoint.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: target)
        try #require(
            mount("tmpfs", mountPoint.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=16m") == 0,
            "remount: errno \(errno)")
        try await Self.expectReadsMatch(db: target, expected: expected, work: work, context: "read-only mount")
        // Writing is still refused in one line.
        let env = ReliabilityProcess.environment(home: work, extra: ["BILLTOP_API_KEY": "k3y"])
        let sync = try await ReliabilityProcess.run(
            ["sync", "--once", "--chargify", "http://127.0.0.1:9", "--db", target], environment: env, directory: work)
        #expect(
            sync.status != 0 && sync.stderrLines.count == 1
                && sync.stderrText.contains("cannot write the store at \(target)"), "\(sync.stderrText)")
    }

    @Test func aSearchWithThousandsOfWordsIsAnsweredOrRefusedAtOnce() async throws {
        let work = try ReliabilityProcess.workDirectory("words")
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 2, customers: 5))
        let db = try await ReliabilityStoreTests.syncedStore(server, work: work)
        await server.stop()
        let env = ReliabilityProcess.environment(home: work)
        // 8,000 separate words: refused before ArgumentParser's quadratic parse (15 s and more).
        let many = (0..<8_000).map { "w\($0)" }
        let refused = try await ReliabilityProcess.run(
            ["customers", "--db", db] + many, environment: env, directory: work)
        #expect(refused.status == 64, "\(refused.status): \(refused.stderrText.prefix(300))")
        #expect(
            refused.stderrLines.count == 1
                && refused.stderrText.contains("8003 arguments are more than billtop reads (at most 256)"),
            "\(refused.stderrText.prefix(300))")
        #expect(refused.stdout.isEmpty)
        // 200 words in one argument: the first 16 are searched, the rest ignored and said so (that the 17th
        // word no longer narrows the result is `SearchWordsTests`).
        let query = (0..<200).map { "zz\($0)" }.joined(separator: " ")
        let search = try await ReliabilityProcess.run(
            ["customers", "--db", db, query], environment: env, directory: work)
        #expect(search.status == 0, "\(search.stderrText)")
        #expect(
            search.stderrText == "note: a search uses its first 16 words; the other 184 were ignored\n",
            "\(search.stderrText)")
    }
}
