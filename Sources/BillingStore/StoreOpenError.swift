import Foundation
import GRDB

/// Why a store file could not be opened, as one line that says what to do about it.
public struct StoreOpenError: Error, Sendable, CustomStringConvertible {
    /// The problem and the way out, naming the file.
    public var message: String
    public var description: String { message }
    /// The cause is that the file, its directory or its disk cannot be written (SQLite said so).
    public var isReadOnly = false

    public init(_ message: String) { self.message = message }

    /// Whether `error` (from SQLite, or already explained) says the store cannot be written.
    public static func isReadOnly(_ error: any Error) -> Bool {
        if let known = error as? StoreOpenError { return known.isReadOnly }
        return (error as? DatabaseError)?.resultCode == .SQLITE_READONLY
    }

    /// Turns what SQLite or GRDB threw while opening or first writing `path` into a message with a way out.
    public static func explain(_ error: any Error, path: String) -> StoreOpenError {
        if let known = error as? StoreOpenError { return known }
        let fresh =
            "move it aside (mv \(path) \(path).bad) and rebuild it with `billtop sync --full`, or pass --db NEW_FILE"
        guard let database = error as? DatabaseError else {
            return StoreOpenError("cannot open the store at \(path): \(error); \(fresh)")
        }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreOpenError("the store at \(path) is damaged or not a billtop store; \(fresh)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreOpenError(
                "the store at \(path) is locked by another writer (another billtop sync?); wait for it to finish, or pass --db NEW_FILE"
            )
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            var readOnly = StoreOpenError(
                "cannot write the store at \(path) (read-only file, directory or disk?); make it writable, or pass --db NEW_FILE"
            )
            readOnly.isReadOnly = true
            return readOnly
        case .SQLITE_FULL, .SQLITE_IOERR:
            // The cause first: a status line cut at the terminal's width still says it.
            return StoreOpenError(
                "the disk is full or failing: cannot write the store at \(path); free space and run again")
        default:
            return StoreOpenError(
                "cannot open the store at \(path): \(database.message ?? "SQLite error \(database.resultCode.rawValue)"); \(fresh)"
            )
        }
    }

    /// The file was migrated by a newer billtop than this one.
    static func newer(path: String) -> StoreOpenError {
        StoreOpenError(
            "the store at \(path) was written by a newer billtop; upgrade billtop, or sync into a fresh file with `billtop sync --full --db NEW_FILE`"
        )
    }
}

extension StoreOpenError {
    /// The one-line reason and way out when the cause is the file or its disk (full or failing, locked by
    /// another writer, read-only); nil for any other error.
    public static func environmental(_ error: any Error, path: String) -> StoreOpenError? {
        if let known = error as? StoreOpenError { return known }
        guard let database = error as? DatabaseError else { return nil }
        switch database.resultCode {
        case .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_CANTOPEN,
            .SQLITE_PERM:
            return explain(error, path: path)
        default:
            return nil
        }
    }

    /// Turns an error from a write to an open store (a page, a checkpoint) into one line: the way out when
    /// the file or disk is the cause (`environmental`), otherwise what SQLite said.
    public static func writeFailure(_ error: any Error, path: String) -> StoreOpenError {
        if let known = environmental(error, path: path) { return known }
        if let database = error as? DatabaseError {
            return StoreOpenError(
                "the store at \(path) refused a write: \(database.message ?? "SQLite error \(database.resultCode.rawValue)")"
            )
        }
        return StoreOpenError("the store at \(path) refused a write: \(error)")
    }
}
