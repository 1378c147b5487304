import BillingCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds a theme by name: a user file in `$XDG_CONFIG_HOME/billtop/themes/NAME.toml` (or
/// `~/.config/...`) first, then an explicit path, then the built-ins (the themes/ files compiled in, so
/// the binary works from any directory). `NO_COLOR` is the terminal's business (see `ColorLevel.detect`).
public struct ThemeLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The user theme directory, if one can be named.
    public var userDirectory: String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/billtop/themes" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/billtop/themes" }
        return nil
    }

    /// Every theme name available: built-ins plus user files.
    public func availableNames() -> [String] {
        var names = BuiltinThemes.names
        if let dir = userDirectory {
            for file in Self.listDirectory(dir) where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// Loads `name` (or a path ending in .toml). User files may leave roles out: they inherit from dark.
    public func load(_ name: String) throws(ThemeError) -> Theme {
        if name.hasSuffix(".toml") || name.contains("/") {
            return try loadFile(name)
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            throw ThemeError(
                file: TextSanitizer.clean(name), message: "a theme name uses letters, digits, - and _ only")
        }
        if let dir = userDirectory, let text = Self.readFile(dir + "/" + name + ".toml") {
            return try ThemeParser.parse(text, file: dir + "/" + name + ".toml", base: Theme.dark)
        }
        if let builtin = BuiltinThemes.theme(named: name) { return builtin }
        let known = availableNames().joined(separator: ", ")
        throw ThemeError(file: name, message: "no such theme (available: \(known))")
    }

    /// Loads a theme file by path.
    public func loadFile(_ path: String) throws(ThemeError) -> Theme {
        guard let text = Self.readFile(path) else {
            throw ThemeError(file: TextSanitizer.clean(path), message: "cannot read the file (check the path)")
        }
        return try ThemeParser.parse(text, file: TextSanitizer.clean(path), base: Theme.dark)
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > 1 << 20 { return nil }  // a theme is tiny; refuse to slurp something huge
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func listDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }
}
