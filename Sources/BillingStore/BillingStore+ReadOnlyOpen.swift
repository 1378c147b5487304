import Foundation
import GRDB

/// Opening a store that only needs reading, when its file or disk cannot be written: a read-only file, a
/// read-only mount, a backup. The read commands show what is there instead of refusing.
extension BillingStore {
    /// The store as `open(path:)` gives it; or, when that fails because the file or its disk is read-only,
    /// the same file opened read-only (`isReadOnly`): every read works and every write throws
    /// `SQLITE_READONLY`, so a caller that would save something (the metrics) computes it in memory instead.
    public static func openForReading(path: String, upgrading: ((String) -> Void)? = nil) throws -> BillingStore {
        do { return try open(path: path, upgrading: upgrading) } catch let error as StoreOpenError
            where error.isReadOnly
        {
            return try openReadOnly(path: path, writableError: error)
        }
    }

    /// A read-only pool on `path`; `writableError` is the answer when even reading is impossible.
    static func openReadOnly(path: String, writableError: StoreOpenError) throws -> BillingStore {
        var config = configuration()
        config.readonly = true
        let pool: DatabasePool
        do {
            pool = try probed(DatabasePool(path: path, configuration: config))
        } catch {
            // A WAL store on a read-only disk without its -shm: SQLite can only read it as immutable (no
            // locks, no WAL), which shows every commit only when the WAL holds none (a clean close).
            guard walIsEmpty(path), let uri = immutableURI(path),
                let immutable = try? probed(DatabasePool(path: uri, configuration: config))
            else { throw writableError }
            pool = immutable
        }
        do {
            let migrator = StoreMigrations.migrator()
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreOpenError.newer(path: path) }
            guard try pool.read({ try migrator.hasCompletedMigrations($0) }) else {
                throw StoreOpenError(
                    "the store at \(path) is read-only and needs an upgrade this billtop would write; make it writable (or copy it) and run billtop once, or pass --db NEW_FILE"
                )
            }
        } catch {
            throw StoreOpenError.explain(error, path: path)
        }
        return BillingStore(pool: pool, path: path, isReadOnly: true)
    }

    /// The pool once a read worked (GRDB opens readers lazily; a store SQLite cannot read fails here).
    static func probed(_ pool: DatabasePool) throws -> DatabasePool {
        _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        return pool
    }

    static func walIsEmpty(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue
        return (size ?? 0) == 0
    }

    /// `file:///PATH?immutable=1` (percent-encoded, so a `?` or `#` in the path stays part of it).
    static func immutableURI(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        guard absolute.hasPrefix("file://") else { return nil }
        return absolute + "?immutable=1"
    }
}
