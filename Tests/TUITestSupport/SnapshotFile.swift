#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Snapshot files for screen tests: compare text with a file next to the test, or (re)record it when
/// `RECORD_SNAPSHOTS=1` or the file is missing. Test targets use it as
/// `try SnapshotFile.assertMatches(text, path: ...)`.
///
/// Recording fails the test that recorded: a run on a fresh or rewritten file compared nothing, so it must
/// never pass (docs/dev/TESTING.md). Re-running compares against what was recorded.
public enum SnapshotFile {
    /// A snapshot that differs, or was just recorded; the description says where and what to do.
    public struct Mismatch: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "snapshot \(path): \(message)" }
    }

    /// A snapshot written by this run instead of compared.
    public struct Recorded: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "recorded \(path); re-run to compare" }
    }

    /// `Snapshots/NAME.txt` beside the calling test file (docs/dev/TESTING.md).
    public static func path(named name: String, testFile: String = #filePath) -> String {
        let dir = testFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return dir + "/Snapshots/" + name + ".txt"
    }

    /// Throws `Mismatch` unless `text` equals the file. When RECORD_SNAPSHOTS=1 or the file is missing, writes
    /// `text` there and throws `Recorded` (an unchanged file under RECORD_SNAPSHOTS=1 is left alone and passes).
    public static func assertMatches(_ text: String, path: String) throws {
        let recording = getenv("RECORD_SNAPSHOTS").map { String(cString: $0) } == "1"
        let stored = read(path)
        if stored == text { return }
        guard let stored, !recording else {
            try write(text, to: path)
            throw Recorded(path: path)
        }
        throw Mismatch(
            path: path,
            message: "differs (first difference: \(firstDifference(stored, text))); "
                + "if the change is intended, re-run with RECORD_SNAPSHOTS=1 and review the diff")
    }

    /// A readable description of the first differing line.
    public static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? String(a[i]) : "<none>"
            let r = i < b.count ? String(b[i]) : "<none>"
            if l != r { return "line \(i + 1): expected \"\(l)\" got \"\(r)\"" }
        }
        return "none"
    }

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ text: String, to path: String) throws {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !dir.isEmpty { mkdir(dir, 0o755) }
        guard let file = fopen(path, "wb") else {
            throw Mismatch(path: path, message: "cannot write the snapshot (check the directory)")
        }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }
}
