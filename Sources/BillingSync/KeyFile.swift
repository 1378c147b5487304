import Foundation

/// Reads an API key from a file that only its owner may read (mode 0600 or stricter).
enum KeyFile {
    static func read(
        _ path: String, environment: [String: String], fail: (String) -> ConfigError
    ) throws -> String {
        let expanded = path.hasPrefix("~/") ? (environment["HOME"] ?? NSHomeDirectory()) + String(path.dropFirst(1)) : path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: expanded),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { throw fail("cannot read \(expanded)") }
        guard mode & 0o077 == 0 else {
            throw fail("\(expanded) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(expanded)")
        }
        guard let data = FileManager.default.contents(atPath: expanded) else { throw fail("cannot read \(expanded)") }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw fail("\(expanded) is empty") }
        return key
    }
}
