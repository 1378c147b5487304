import BillingCore
import BillingStore
import Foundation

/// Writes an export to a timestamped CSV file in a directory.
public struct Exporter: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// Writes the view and returns the path and the number of rows.
    public func export(_ request: ExportRequest, from data: any DashboardData, now: Timestamp) throws -> (
        path: String, rows: Int
    ) {
        let table = try ExportTable.make(request, from: data)
        let stamp = now.iso8601.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var path = (directory as NSString).appendingPathComponent("billtop-\(request.name)-\(stamp).csv")
        var n = 1
        while FileManager.default.fileExists(atPath: path) {
            n += 1
            path = (directory as NSString).appendingPathComponent("billtop-\(request.name)-\(stamp)-\(n).csv")
        }
        let text = CSVWriter.document(header: table.header, rows: table.rows)
        do {
            // 0600 from the first byte whatever the umask (customer names and amounts); never over a file.
            try PrivateFiles.writeNew(path, data: Data(text.utf8))
        } catch {
            throw ExportError(message: "cannot write \(path): check the directory exists and is writable")
        }
        return (path, table.rows.count)
    }
}

/// An export that could not be written, with what to do about it.
public struct ExportError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
