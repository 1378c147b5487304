import Foundation
import TUIKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An export holds customer names and amounts: it is private to its owner from its first byte.
struct ExportFileTests {
    @Test func anExportIsReadableOnlyByItsOwner() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("billtop-export-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // What this process's umask gives an ordinary new file: the test proves something only if others could read it.
        let control = dir.appendingPathComponent("control").path
        _ = FileManager.default.createFile(atPath: control, contents: Data())
        let controlMode = (try FileManager.default.attributesOfItem(atPath: control)[.posixPermissions] as? NSNumber)?.intValue ?? 0
        try FileManager.default.removeItem(atPath: control)
        #expect(controlMode & 0o044 != 0, "run under a umask like 022: here new files are \(String(controlMode, radix: 8)) already")

        let h = try Harness(width: 120, height: 40, exportDirectory: dir.path)
        try h.press(.char("e"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1)
        let path = dir.appendingPathComponent(files.first ?? "").path
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode == 0o600, "the export is \(String(mode, radix: 8))")
    }
}
