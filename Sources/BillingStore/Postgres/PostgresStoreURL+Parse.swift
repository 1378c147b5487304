import BillingCore
import Foundation

extension PostgresStoreURL {
    /// The form every message points to.
    static let form = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require|verify-full|disable]"

    /// Parses a store URL. Without `sslmode`, a loopback host is reached in the clear and any other host with
    /// TLS (`require`): a password must not cross a network unencrypted unless the URL says `sslmode=disable`.
    public static func parse(_ text: String) throws(Invalid) -> PostgresStoreURL {
        guard isPostgres(text) else { throw invalid("it must start with postgres://") }
        let rest = Substring(text[text.index(after: text.firstIndex(of: ":")!)...].dropFirst(2))
        // The last @ ends the user part, so a password holding /, ? or @ still parses (it should be %-escaped),
        // and no piece of it can land in a message about the host, the database or the parameters.
        guard let at = rest.lastIndex(of: "@") else { throw invalid("it names no user (USER@HOST)") }
        let userInfo = rest[..<at]
        var server = rest[rest.index(after: at)...]
        var query: Substring = ""
        if let mark = server.firstIndex(of: "?") {
            query = server[server.index(after: mark)...]
            server = server[..<mark]
        }
        guard let slash = server.firstIndex(of: "/") else { throw invalid("it names no database (…/DATABASE)") }
        let hostPort = server[..<slash]
        let databaseText = server[server.index(after: slash)...]

        var password: String?
        var userText = userInfo
        if let colon = userInfo.firstIndex(of: ":") {
            userText = userInfo[..<colon]
            // Decoded but never echoed: an error about the password says only that it is malformed.
            guard let decoded = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else {
                throw invalid("its password has a malformed %-escape")
            }
            password = decoded
        }
        let user = try name(userText, what: "user")
        let (host, port) = try hostAndPort(hostPort)
        let database = try name(databaseText, what: "database")
        let tls = try tlsMode(query) ?? (isLoopbackHost(host) ? .disable : .require)
        return PostgresStoreURL(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    private static func invalid(_ problem: String) -> Invalid {
        Invalid(message: "the store URL is not valid: \(problem); write \(form)")
    }

    /// A user or database name: %-decoded, not empty, no control characters and no slash.
    private static func name(_ raw: Substring, what: String) throws(Invalid) -> String {
        guard let decoded = String(raw).removingPercentEncoding else {
            throw invalid("its \(what) has a malformed %-escape")
        }
        guard !decoded.isEmpty else { throw invalid("its \(what) is empty") }
        guard decoded.count <= 63 else { throw invalid("its \(what) is longer than PostgreSQL's 63 characters") }
        guard decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0 != "/" }) else {
            throw invalid("its \(what) holds a control character or a slash")
        }
        return decoded
    }

    private static func hostAndPort(_ raw: Substring) throws(Invalid) -> (String, Int) {
        var host = raw
        var portText: Substring?
        if raw.hasPrefix("[") {
            guard let close = raw.firstIndex(of: "]") else { throw invalid("its IPv6 host lacks the closing ]") }
            host = raw[raw.index(after: raw.startIndex)..<close]
            let after = raw[raw.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("write the port after the host as [HOST]:PORT") }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("its IPv6 host is not an address")
            }
        } else if let colon = raw.lastIndex(of: ":") {
            host = raw[..<colon]
            portText = raw[raw.index(after: colon)...]
        }
        guard !host.isEmpty else { throw invalid("it names no host") }
        let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._:".contains($0)) }
        guard allowed else { throw invalid("its host '\(TextSanitizer.clean(String(host.prefix(64))))' is not a name") }
        var port = 5432
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw invalid("its port '\(TextSanitizer.clean(String(portText.prefix(16))))' is not 1-65535")
            }
            port = number
        }
        return (String(host), port)
    }

    /// `sslmode` is the one parameter read; any other is refused rather than silently ignored.
    private static func tlsMode(_ query: Substring) throws(Invalid) -> TLSMode? {
        var mode: TLSMode?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            guard key == "sslmode" else {
                throw invalid("billtop reads only sslmode, not '\(TextSanitizer.clean(String(key.prefix(32))))'")
            }
            let value = parts.count == 2 ? String(parts[1]) : ""
            guard let known = TLSMode(rawValue: value) else {
                throw invalid(
                    "sslmode '\(TextSanitizer.clean(String(value.prefix(32))))' is not one of require, verify-full, disable"
                )
            }
            mode = known
        }
        return mode
    }

    static func isLoopbackHost(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
