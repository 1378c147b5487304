import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop store compact`: gives back to the disk the space a store file no longer uses. SQLite reuses a deleted
/// row's pages but never shrinks the file by itself, so a team copy made before copies left out the invoices'
/// JSON (a 5.75 GB copy holding 1.5 GB of data at 100k customers) or a store that lost a big source keeps its
/// size until this runs.
struct StoreCompactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Give back the disk space a store file no longer uses (SQLite's VACUUM).",
        discussion: """
            Rewrites the store without its free pages. All or nothing: if it fails (a full disk), the store is as \
            it was. It needs free disk of about twice the data's size while it runs. Best run with no dashboard or \
            sync on the store: their reads go on, but their writes wait at most 10 s for it, then fail. With \
            --store postgres://..., compacts this machine's copy of that team store.
            """)

    @OptionGroup var store: StoreOptions
    @Flag(help: "Compact even when little is free.") var force = false

    func run() async throws {
        let path: String
        switch try store.choice() {
        case .sqlite(let file): path = file
        case .postgres(let url, _): path = TeamCopy.path(url)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("no store at \(path): nothing to compact", status: .store)
        }
        let opened = try CommandStore.open(path: path)
        let before = try opened.space()
        guard force || before.worthCompacting else {
            print(
                "\(path): \(StoreSpace.describe(before.freeBytes)) free of \(StoreSpace.describe(before.bytes)); not worth compacting (--force to do it anyway)"
            )
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        if let free = Self.freeDisk(at: directory), free < before.neededToCompact {
            throw CommandFailure(
                "compacting \(path) needs about \(StoreSpace.describe(before.neededToCompact)) of free disk, and \(directory) has \(StoreSpace.describe(free)); free some space and run it again (nothing was changed)",
                status: .store)
        }
        let started = ContinuousClock.now
        do { try opened.compact() } catch {
            throw CommandFailure(
                "could not compact \(path) (nothing was changed): \(TextSanitizer.clean(String(describing: error)))",
                status: .store)
        }
        let after = try opened.space()
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        print(
            "compacted \(path): \(StoreSpace.describe(before.bytes)) -> \(StoreSpace.describe(after.bytes)) (\(StoreSpace.describe(max(0, before.bytes - after.bytes))) given back) in \(Int(seconds.rounded())) s"
        )
    }

    /// Free bytes on the file system holding `directory`, or nil when it cannot be told.
    static func freeDisk(at directory: String) -> Int64? {
        (try? FileManager.default.attributesOfFileSystem(forPath: directory))?[.systemFreeSize]
            .flatMap { ($0 as? NSNumber)?.int64Value }
    }
}
