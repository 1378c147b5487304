import Foundation

/// Reads an API key from a file that only its owner may read or write (mode 0600 or stricter; through a
/// symbolic link, the file it points at).
enum KeyFile {
    static func read(
        _ path: String, environment: [String: String], fail: (String) -> ConfigError
    ) throws -> String {
        let expanded =
            path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + String(path.dropFirst(1)) : path
        if let problem = FilePermissions.keyFileProblem(expanded) { throw fail(problem) }
        guard let data = FileManager.default.contents(atPath: expanded) else { throw fail("cannot read \(expanded)") }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw fail("\(expanded) is empty") }
        return key
    }
}
