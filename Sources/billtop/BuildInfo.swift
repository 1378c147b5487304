import BillingStore
import CursesTerminal
import Foundation

/// What `billtop --version` and `billtop version --json` report for a bug report: this release, the commit
/// and day it was built (`BuildStamp`, written at build time), the store's schema and the C libraries the
/// process runs with (asked at run time: the system's library may differ from the one it was built with).
enum BuildInfo {
    /// The release, bumped by hand when one is cut; the Debian package's version is read from here.
    static let version = "0.9.0"

    /// "billtop 0.9.0 (abc1234 2026-12-06)".
    static var line: String { "billtop \(version) (\(BuildStamp.commit) \(BuildStamp.date))" }

    /// Every field, in the order `billtop version` prints them.
    static var fields: [(key: String, value: String)] {
        [
            ("version", version), ("commit", BuildStamp.commit), ("build_date", BuildStamp.date),
            ("store_schema", StoreVersions.schema), ("sqlite", StoreVersions.sqlite),
            ("ncurses", CursesVersion.runtime), ("libcurl", Self.curl),
        ]
    }

    /// libcurl's version as the process loaded it (through Foundation's URLSession), without linking it
    /// again: `curl_version()` looked up by name. "unknown" when no libcurl is loaded.
    static var curl: String {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "curl_version") else { return "unknown" }
        typealias Version = @convention(c) () -> UnsafePointer<CChar>?
        guard let text = unsafeBitCast(symbol, to: Version.self)() else { return "unknown" }
        // "libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 ...": the first word is libcurl's own.
        let full = String(cString: text)
        let first = full.split(separator: " ").first.map(String.init) ?? full
        return first.hasPrefix("libcurl/") ? String(first.dropFirst("libcurl/".count)) : first
    }
}
