/// A theme that cannot be used, with where and what to fix, as one line.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or "built-in NAME") the theme came from.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The dotted key at fault ("roles.selection.fg"), when there is one.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = "theme \(file)"
        if let line { place += ":\(line)" }
        if let key { place += " (\(key))" }
        return "\(place): \(message)"
    }
}
