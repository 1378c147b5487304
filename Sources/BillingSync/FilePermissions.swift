import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Who else may read or change the files that decide where keys go: config.toml (its URLs and key_file
/// paths) and the key files. Each refusal is one line naming the file (and, through a symbolic link, the
/// file it points at, whose bits are the ones that count) and the exact `chmod` that fixes it.
///
/// config.toml cannot hold a key (no such setting; URLs with credentials are refused), so others may read
/// it; they may not write it, nor replace it through a directory anyone can write.
enum FilePermissions {
    /// The target's permission bits, its directory's, and how to name it ("PATH" or "PATH -> TARGET").
    struct Resolved {
        var target: String
        var label: String
        var mode: Int
        var directoryMode: Int
    }

    /// Follows symbolic links to the file itself; nil when it cannot be read.
    static func resolve(_ path: String) -> Resolved? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        var link = stat()
        let isLink = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
        // Only a link is resolved: a file is named as given, even in a directory reached through a link.
        let resolved = isLink ? path.withCString { realpath($0, nil) } : nil
        let target =
            resolved.map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? path
        var directory = stat()
        let parent = (target as NSString).deletingLastPathComponent
        let directoryMode = stat(parent.isEmpty ? "." : parent, &directory) == 0 ? Int(directory.st_mode & 0o7777) : 0
        return Resolved(
            target: target, label: isLink ? "\(path) -> \(target)" : path, mode: Int(info.st_mode & 0o7777),
            directoryMode: directoryMode)
    }

    /// Refuses a config file that group or others can write, or that sits in a directory everyone can
    /// write without the sticky bit (anyone could put another file in its place). Nil when it is fine.
    static func configProblem(_ path: String) -> String? {
        guard let file = resolve(path) else { return nil }  // unreadable: the loader says so
        if file.mode & 0o022 != 0 {
            return
                "\(file.label) is writable by others (mode \(octal(file.mode))), and it decides where billtop sends your keys; run chmod go-w \(file.target)"
        }
        let parent = (file.target as NSString).deletingLastPathComponent
        if file.directoryMode & 0o002 != 0 && file.directoryMode & 0o1000 == 0 {
            return
                "\(parent), the directory of \(file.label), is writable by everyone (mode \(octal(file.directoryMode))), so anyone can replace the file; run chmod o-w \(parent), or move the file"
        }
        return nil
    }

    /// Refuses a key file that anyone but its owner may read or write (through a link: the file itself).
    static func keyFileProblem(_ path: String) -> String? {
        guard let file = resolve(path) else { return "cannot read \(path)" }
        let open = file.mode & 0o077
        guard open != 0 else { return nil }
        let how = open & 0o044 != 0 ? "readable by others" : open & 0o022 != 0 ? "writable by others" : "open to others"
        return "\(file.label) is \(how) (mode \(octal(file.mode))); run chmod 600 \(file.target)"
    }

    static func octal(_ mode: Int) -> String { String(mode, radix: 8) }
}
