import BillingCore
import Foundation

/// Reads serve's webhook secrets where secrets may live: the environment, or a file only its owner can read
/// (judged through a link by its target, as API key files are). Never argv: a path on the command line is fine,
/// the key itself would show in `ps`.
enum ServeKeys {
    /// The Chargify webhook keys by source: `SOURCE=PATH` options, then `BILLTOP_WEBHOOK_KEY_<SOURCE>` variables.
    static func chargify(_ options: [String], environment: [String: String]) throws -> [String: String] {
        var keys: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                throw CommandFailure(
                    "--chargify-webhook-key \(TextSanitizer.clean(option)): write SOURCE=PATH (a file holding the key)",
                    status: .usage)
            }
            keys[String(option[..<equals])] = try secretFile(String(option[option.index(after: equals)...]))
        }
        // By the variable's suffix: ServeSecrets matches it to the source whose name spells the same.
        let prefix = "BILLTOP_WEBHOOK_KEY_"
        for (name, value) in environment where name.hasPrefix(prefix) && !value.isEmpty {
            let source = String(name.dropFirst(prefix.count))
            if keys[source] == nil { keys[source] = value }
        }
        return keys
    }

    /// A key file's content, refused when others may read or write it.
    static func secretFile(_ path: String) throws -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(resolved, &info) == 0, let data = FileManager.default.contents(atPath: resolved) else {
            throw CommandFailure("cannot read the key file \(TextSanitizer.clean(path))", status: .config)
        }
        guard info.st_mode & 0o077 == 0 else {
            throw CommandFailure(
                "the key file \(TextSanitizer.clean(path)) is open to others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 \(TextSanitizer.clean(resolved))",
                status: .config)
        }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw CommandFailure("the key file \(TextSanitizer.clean(path)) is empty", status: .config)
        }
        return key
    }

    /// GHL's public key (not a secret): the PEM file's text.
    static func publicKey(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the GHL public key file \(TextSanitizer.clean(path))", status: .config)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
