import BillingStore
import Foundation

/// The one way a command opens a SQLite store, so each open does the same three things: it says on stderr,
/// before the screen is taken, that it upgrades a store an older billtop wrote (a step that rewrites every
/// customer takes seconds at 100k, and nothing else would say why the terminal waits); it logs which store files
/// it made private; and a failure is one line with the way out (`StoreOpenError`). When each command opened
/// its own store, three of them upgraded silently and four never logged the files they tightened.
enum CommandStore {
    /// Opens (creating it if needed) the store at `path` for writing.
    static func open(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> BillingStore
    {
        try opened(path: path, environment: environment) { try BillingStore.open(path: path, upgrading: say) }
    }

    /// Opens the store at `path` for a read command: read-only when the file or its disk cannot be written.
    static func openForReading(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> BillingStore {
        try opened(path: path, environment: environment) {
            try BillingStore.openForReading(path: path, upgrading: say)
        }
    }

    private static func opened(
        path: String, environment: [String: String], _ open: () throws -> BillingStore
    ) throws -> BillingStore {
        let store: BillingStore
        do { store = try open() } catch { throw StoreOpenError.explain(error, path: path) }
        TightenedFilesLog.record(store, environment: environment)
        return store
    }

    /// "billtop: upgrading the store at PATH for this billtop (N steps, once)…"
    static func say(_ line: String) {
        FileHandle.standardError.write(Data(("billtop: " + line + "…\n").utf8))
    }
}
