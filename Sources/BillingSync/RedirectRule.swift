import BillingCore
import Foundation

/// Decides whether a redirect may be followed. The request carries the source's key (an Authorization
/// header, and for Truto an account id in the query) and libcurl's URLSession re-sends every header to
/// wherever `Location` points, so a redirect may be followed only within the origin the request was
/// sent to, and only a few times; anything else stops the request with one line naming both places.
public enum RedirectRule {
    /// Same-origin redirects followed for one request before it stops (a loop is a server fault).
    public static let maxFollowed = 5

    public enum Decision: Sendable, Equatable {
        case follow
        /// Stop the request; the message names both URLs (without queries, which may hold account ids).
        case refuse(String)
    }

    /// The decision for a redirect from a request sent to `original` towards `target`, after `followed`
    /// redirects of the same request were already followed.
    public static func decide(from original: URL, to target: URL?, followed: Int) -> Decision {
        guard let allowed = Origin(original) else {
            return .refuse("the request's own URL has no origin; fix the url in config.toml")
        }
        guard let target, let destination = Origin(target) else {
            return .refuse(
                "the server redirected to an address billtop cannot read; billtop sends keys only to \(allowed); fix the url in config.toml"
            )
        }
        guard destination == allowed else {
            return .refuse(
                "the server redirected to \(shown(target)); billtop sends keys only to \(allowed); fix the url in config.toml"
            )
        }
        guard followed < maxFollowed else {
            return .refuse("the server redirected more than \(maxFollowed) times (last to \(shown(target))); stopped")
        }
        return .follow
    }

    /// A URL as a message may show it: origin and path, never the user part, query or fragment;
    /// sanitised and cut to a readable length (the server chose it).
    public static func shown(_ url: URL) -> String {
        let origin = Origin(url)?.description ?? "?"
        var path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        if path.count > 120 { path = String(path.prefix(120)) + "…" }
        return TextSanitizer.clean(origin + path)
    }
}
