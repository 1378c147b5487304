import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The store's file before SQLite opens it: a regular file (or nothing yet), private to its owner.
///
/// SQLite would create a missing store 0644 less the umask (0666 under umask 000), and its -wal and -shm
/// with the same bits, so the file is created 0600 here first and SQLite's companions follow it. A store or
/// companion left open by an older billtop is tightened, and the directory too when it is billtop's own
/// default one; a directory the user chose with --db is theirs (it may be /tmp), so only its files change.
enum StoreFile {
    /// Makes `path` ready for SQLite and returns a line per file or directory it had to tighten (for the log).
    static func prepare(_ path: String, environment: [String: String]) throws -> [String] {
        try refuseIfNotRegular(path)
        let directory = (path as NSString).deletingLastPathComponent
        var notes: [String] = []
        if !directory.isEmpty {
            do { try PrivateFiles.makeDirectory(directory) } catch let error as PrivateFileError {
                throw StoreOpenError("\(error.message); pass --db with a path in a directory you can write")
            }
            let own = (BillingStore.defaultPath(environment: environment) as NSString).deletingLastPathComponent
            if directory == own, let note = PrivateFiles.tighten(directory) { notes.append(note) }
        }
        // A read-only directory or disk fails here with EACCES/EROFS; SQLite says the same in its own words.
        if (try? PrivateFiles.createFile(path)) == true { return notes }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            if let note = PrivateFiles.tighten(file) { notes.append(note) }
        }
        return notes
    }

    /// A FIFO, a device or a directory is not a store: SQLite would block on it, or fail with a message
    /// about a full disk. Symbolic links are followed (a link to a store file is a store).
    static func refuseIfNotRegular(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let kind = info.st_mode & S_IFMT
        guard kind != S_IFREG else { return }
        let what: String
        switch kind {
        case S_IFDIR: what = "a directory"
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        case S_IFSOCK: what = "a socket"
        default: what = "not a regular file"
        }
        throw StoreOpenError(
            "\(path) is \(what), not a regular file, so it cannot hold a billtop store; pass --db with the path of a store file (created if missing)"
        )
    }
}
