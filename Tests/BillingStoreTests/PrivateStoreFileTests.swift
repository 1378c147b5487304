import BillingCore
import BillingStore
import Foundation
import GRDB
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The store file before SQLite opens it: a store left readable by others is made private and said once;
/// something that is not a regular file is refused in one line, before SQLite can block on it.
/// (Creation under umask 000 and 022 is proven with the real binary: `ReliabilityPrivateFilesTests`.)
struct PrivateStoreFileTests {
    static func mode(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
    }

    @Test func aStoreLeftOpenToOthersIsTightenedAndSaidOnce() throws {
        let path = StoreFixtures.temporaryPath()
        do { _ = try BillingStore.open(path: path) }
        chmod(path, 0o644)
        let reopened = try BillingStore.open(path: path)
        #expect(Self.mode(path) == 0o600, "the store is still \(String(Self.mode(path), radix: 8))")
        #expect(
            reopened.tightened.contains { $0.contains(path) && $0.contains("was mode 644; now 600") },
            "\(reopened.tightened)")
        // Its companions, created by SQLite from the store's bits while it is open, are private too.
        for companion in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            #expect(Self.mode(companion) == 0o600, "\(companion) is \(String(Self.mode(companion), radix: 8))")
        }
        let again = try BillingStore.open(path: path)
        #expect(again.tightened.isEmpty, "said twice: \(again.tightened)")
    }

    @Test func notARegularFileIsRefusedInOneLineNamingIt() throws {
        let directory = TestScratch.directory("odd-store")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases = [("/dev/null", "character device"), (fifo, "FIFO"), (directory.path, "directory")]
        for (path, kind) in cases {
            do {
                _ = try BillingStore.open(path: path)
                Issue.record("\(path) opened as a store")
            } catch let error as StoreOpenError {
                #expect(error.message.contains(path) && error.message.contains(kind), "\(error.message)")
                #expect(
                    error.message.contains("not a regular file") && error.message.contains("--db"), "\(error.message)")
                #expect(!error.message.contains("disk is full") && !error.message.contains("\n"), "\(error.message)")
            }
        }
    }
}
