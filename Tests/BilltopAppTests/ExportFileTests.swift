import BillingCore
import Foundation
import TUIKit
import Testing

@testable import BilltopApp

#if canImport(Glibc)
    import Glibc
#endif

/// An export holds customer names and amounts: it is private to its owner from its first byte.
struct ExportFileTests {
    @Test func anExportIsReadableOnlyByItsOwner() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-export-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // What this process's umask gives an ordinary new file: the test proves something only if others could read it.
        let control = dir.appendingPathComponent("control").path
        _ = FileManager.default.createFile(atPath: control, contents: Data())
        let controlMode =
            (try FileManager.default.attributesOfItem(atPath: control)[.posixPermissions] as? NSNumber)?.intValue ?? 0
        try FileManager.default.removeItem(atPath: control)
        #expect(
            controlMode & 0o044 != 0,
            "run under a umask like 022: here new files are \(String(controlMode, radix: 8)) already")

        let h = try Harness(width: 120, height: 40, exportDirectory: dir.path)
        try h.press(.char("e"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(files.count == 1)
        let path = dir.appendingPathComponent(files.first ?? "").path
        let mode =
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode == 0o600, "the export is \(String(mode, radix: 8))")
    }

    /// The dashboard's export is written by the one CSV writer, byte for byte: the fixture's formula name
    /// and negative amounts meet the same rule as every other export.
    @Test func anExportIsTheOneCSVWritersDocument() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("billtop-export-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = Fixtures.data()
        for request in [ExportRequest.customers(CustomerQuery()), .invoices(InvoiceQuery(asOf: Fixtures.today))] {
            let (path, _) = try Exporter(directory: dir.path).export(request, from: data, now: Fixtures.now)
            let written = try String(contentsOfFile: path, encoding: .utf8)
            let table = try ExportTable.make(request, from: data)
            #expect(written == CSVWriter.document(header: table.header, rows: table.rows), "\(request.name)")
        }
        // The check means something only if a cell would run as a formula without the writer.
        let customers = try ExportTable.make(.customers(CustomerQuery()), from: data)
        #expect(customers.rows.joined().contains { $0.hasPrefix("=") })
    }
}
