import BillingStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The demo's temporary store directory (`$TMPDIR/billtop-demo-PID/`), removed on every way out: quit and
/// errors call `remove()`; SIGINT, SIGTERM, SIGHUP and SIGQUIT unlink the files from a signal handler
/// (unlink and rmdir are async-signal-safe) and then run the handler that was there before (the terminal's,
/// which restores the screen and re-raises). A SIGKILLed demo cannot clean up: the next demo removes
/// directories whose process is gone.
final class DemoDirectory: Sendable {
    static let prefix = "billtop-demo-"
    let url: URL
    let storePath: String

    init(temporaryDirectory: URL = FileManager.default.temporaryDirectory) throws {
        Self.removeAbandoned(in: temporaryDirectory)
        url = temporaryDirectory.appendingPathComponent("\(Self.prefix)\(getpid())")
        storePath = url.appendingPathComponent("demo.sqlite").path
        // 0700 whatever the umask: the demo's store is made-up data, but $TMPDIR is shared with every user.
        try PrivateFiles.makeDirectory(url.path)
        DemoSignalCleanup.prepare(directory: url.path, files: ["", "-wal", "-shm", "-journal"].map { storePath + $0 })
    }

    /// Takes over the fatal signals (again): call before the terminal starts, after it installed its own
    /// handlers, and after it put the defaults back.
    func guardSignals() { DemoSignalCleanup.install() }

    /// Removes the directory and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Removes `billtop-demo-PID` directories whose process no longer runs (a demo killed with SIGKILL).
    static func removeAbandoned(in directory: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }
}
