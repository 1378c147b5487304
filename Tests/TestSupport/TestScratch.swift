import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where this test process keeps its temporary files: one directory under $TMPDIR, removed when the process
/// exits, so a run leaves nothing in /tmp even when a test forgets its cleanup or fails before it.
/// Shared by the test targets through the `TestSupport` target.
public enum TestScratch {
    /// `$TMPDIR/billtop-test-PID`.
    public static let rootPath = FileManager.default.temporaryDirectory.appendingPathComponent(
        "billtop-test-\(getpid())"
    ).path

    /// Created on first use, with the exit hook; directories of test processes that died are swept then.
    public static let root: URL = {
        sweepDeadProcesses()
        try? FileManager.default.createDirectory(atPath: rootPath, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.rootPath) }
        return URL(fileURLWithPath: rootPath)
    }()

    /// A fresh directory `root/LABEL-UUID`.
    public static func directory(_ label: String) -> URL {
        let url = root.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes `billtop-test-PID` directories whose process no longer exists (a run killed mid-way).
    public static func sweepDeadProcesses() {
        let base = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix("billtop-test-") {
            guard let pid = pid_t(name.dropFirst("billtop-test-".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }
}
