import Foundation

/// How much one response may hold. A real page of 200 records is a few hundred KB decoded; the default
/// cap is far above it and far below what would hurt the machine (an endless body or a gzip bomb).
public enum ResponseLimit {
    /// 64 MiB: decoded bytes (after gzip) per response, and the largest `Content-Length` accepted.
    public static let defaultBytes = 64 << 20
    /// The range `max_response_mb` accepts: the body is held in memory up to the cap.
    public static let configurableMegabytes = 1...256

    /// "64 MB" for whole mebibytes (as config.toml states it), else "1500 bytes".
    public static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    /// "response from GET /customers.json exceeded 64 MB; stopped": the path without its query.
    public static func exceeded(method: String, url: URL?, limit: Int) -> String {
        let path = url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.percentEncodedPath } ?? "?"
        return "response from \(method) \(path.isEmpty ? "/" : path) exceeded \(describe(limit)); stopped"
    }
}
