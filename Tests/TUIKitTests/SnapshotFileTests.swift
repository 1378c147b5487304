import Foundation
import TUITestSupport
import Testing

/// A snapshot that was recorded instead of compared fails its test: a fresh file can never pass silently.
struct SnapshotFileTests {
    @Test func aMissingSnapshotIsRecordedAndFailsThenMatches() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("Snapshots/fresh.txt").path
        let error = #expect(throws: SnapshotFile.Recorded.self) {
            try SnapshotFile.assertMatches("abc\n", path: path)
        }
        #expect(error?.description == "recorded \(path); re-run to compare")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "abc\n", "the recording was written")
        try SnapshotFile.assertMatches("abc\n", path: path)  // the re-run compares, and passes
        let mismatch = #expect(throws: SnapshotFile.Mismatch.self) {
            try SnapshotFile.assertMatches("abd\n", path: path)
        }
        #expect(mismatch?.description.contains("line 1: expected \"abc\" got \"abd\"") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "abc\n", "a mismatch never rewrites the file")
    }
}
