import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files and directories that only their owner can use, whatever the umask: the store holds customer data,
/// the log holds URLs and account names, and exports hold whatever the user exported.
///
/// `mkdir` and `open` take bits away from the mode they are asked for (the umask, a default ACL), never add
/// any, so asking for 0700 / 0600 is enough; FileManager and SQLite ask for 0777 / 0644 (umask 000 left a
/// world-writable state directory). SQLite creates a store's -wal and -shm with the store file's own bits
/// (os_unix.c `findCreateFileMode`, then fchmod past the umask), so a store created 0600 keeps them 0600.
public enum PrivateFiles {
    /// Creates `path` and every missing parent with mode 0700; existing directories are left as they are
    /// (a parent such as `~/.local` is the user's, not billtop's). Throws one line naming what failed.
    public static func makeDirectory(_ path: String) throws {
        var missing: [String] = []
        var current = path
        while !current.isEmpty && current != "/" && !exists(current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for directory in missing.reversed() {
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {
                throw PrivateFileError("cannot create the directory \(directory): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Creates `path` as an empty 0600 file if nothing is there (never replacing what is); true when it did.
    @discardableResult
    public static func createFile(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw PrivateFileError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
        return true
    }

    /// Writes `data` to a new file at `path`, private from its first byte; an existing file is an error
    /// (the caller chose a fresh name), never overwritten.
    public static func writeNew(_ path: String, data: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PrivateFileError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: data) } catch {
            throw PrivateFileError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Takes the group and other bits off an existing regular file or directory this user owns, and says so
    /// ("PATH was mode 644; now 600") for the log; nil when it was private already, is missing, is a link or
    /// another kind of file, belongs to someone else, or cannot be changed (a read-only disk).
    public static func tighten(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_uid == geteuid() else { return nil }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR else { return nil }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return nil }
        let private_ = mode & ~0o077
        guard chmod(path, private_) == 0 else { return nil }
        return
            "\(path) was mode \(String(mode, radix: 8)); now \(String(private_, radix: 8)) (only its owner may use it)"
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

/// A private file or directory that could not be made, as one line naming it.
public struct PrivateFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}
