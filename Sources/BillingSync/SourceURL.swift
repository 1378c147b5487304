import BillingCore
import Foundation

/// The rules a source's base URL must meet before a key is sent to it: http(s) with a host, no
/// credentials in it (they would be stored and logged with the URL), and plain http only to loopback
/// unless the source says `allow_insecure_http = true` (the key would cross the network in cleartext).
public enum SourceURL {
    /// Why a URL is refused, as the end of one line; the caller adds where it came from.
    public enum Problem: Sendable, Equatable {
        case notHTTP
        case credentials
        case cleartext(host: String)
    }

    /// The first problem of `url`, or nil when billtop may send a key to it.
    public static func problem(_ url: String, allowInsecureHTTP: Bool) -> Problem? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let origin = Origin(components)
        else { return .notHTTP }
        if components.user != nil || components.password != nil || hasUserPart(url) { return .credentials }
        if scheme == "http" && !origin.isLoopback && !allowInsecureHTTP { return .cleartext(host: origin.host) }
        return nil
    }

    /// True when a key sent to `url` crosses the network unencrypted: plain http to a host that is not
    /// loopback (allowed only by `allow_insecure_http`; config check and the dashboard header say so).
    public static func sendsCleartext(_ url: String) -> Bool {
        guard let origin = Origin(string: url) else { return false }
        return origin.scheme == "http" && !origin.isLoopback
    }

    /// `url` without a user part (`https://user:pw@host/x` -> `https://host/x`), for URLs stored before
    /// billtop refused them; unchanged when there is none or it cannot be parsed.
    public static func withoutCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else {
            return url
        }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }

    /// The URL as a message may show it: never its user part or query.
    public static func shown(_ url: String) -> String {
        guard let parsed = URL(string: withoutCredentials(url)), Origin(parsed) != nil else {
            // Unparseable: show no more than the scheme, in case a password hides in the rest.
            let scheme = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            return TextSanitizer.clean(scheme.count < 10 ? scheme + "://…" : "the URL")
        }
        return RedirectRule.shown(parsed)
    }

    /// The problem as the end of a config error ("key 'url': ..."), with what to write instead.
    public static func configMessage(_ problem: Problem) -> String {
        switch problem {
        case .notHTTP:
            "must be an http(s) URL with a host, e.g. https://acme.chargify.com"
        case .credentials:
            "holds credentials (user:password@); remove them and give the key with key_env or key_file"
        case .cleartext(let host):
            "plain http would send the key to \(TextSanitizer.clean(host)) unencrypted; use https://, "
                + "or add allow_insecure_http = true to this [[source]] if you accept that"
        }
    }

    /// The problem for a URL given on the command line (`flag` is "--chargify" or "--truto").
    public static func flagMessage(_ problem: Problem, flag: String, url: String, keyVariable: String) -> String {
        switch problem {
        case .notHTTP:
            "\(flag) \(shown(url)): not an http(s) URL with a host, e.g. https://acme.chargify.com"
        case .credentials:
            "\(flag) \(shown(url)): the URL holds credentials (user:password@); remove them and put the key in \(keyVariable)"
        case .cleartext(let host):
            "\(flag) \(shown(url)): plain http would send the key to \(TextSanitizer.clean(host)) unencrypted; "
                + "use https://, or pass --allow-insecure-http if you accept that"
        }
    }

    /// An `@` before the host that URLComponents did not read as a user part (e.g. `http://@host`).
    static func hasUserPart(_ url: String) -> Bool {
        guard let range = url.range(of: "://") else { return false }
        let authority = url[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.contains("@")
    }
}
