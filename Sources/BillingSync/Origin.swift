import BillingCore
import Foundation

/// Where a request may carry credentials: scheme, host and port, compared as browsers compare origins
/// (RFC 6454). `https://acme.chargify.com` and `https://acme.chargify.com:443` are one origin;
/// `http://acme.chargify.com`, `https://acme.chargify.com:8443` and `https://evil.example` are others.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// Lower-cased: "https" or "http".
    public let scheme: String
    /// Lower-cased; an IPv6 address without its brackets.
    public let host: String
    /// The explicit port, or the scheme's default (443, 80).
    public let port: Int

    public init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        self.init(components)
    }

    public init?(string: String) {
        guard let components = URLComponents(string: string) else { return nil }
        self.init(components)
    }

    init?(_ components: URLComponents) {
        guard let scheme = components.scheme?.lowercased(), let rawHost = components.host, !rawHost.isEmpty else {
            return nil
        }
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = components.port ?? Self.defaultPort(scheme) else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "https": 443
        case "http": 80
        default: nil
        }
    }

    /// "https://acme.chargify.com", "http://127.0.0.1:8080", "http://[::1]:8080" (default ports left out);
    /// sanitised, since a redirect's host comes from the server.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let shownPort = Self.defaultPort(scheme) == port ? "" : ":\(port)"
        return TextSanitizer.clean("\(scheme)://\(shownHost)\(shownPort)")
    }

    /// 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine (the sandbox, tests).
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt8($0) != nil })
        else { return false }
        return octets[0] == "127"
    }
}
