import BillingCore
import Foundation

/// Builds query strings with every value percent-encoded (`+` and spaces included).
enum Query {
    // Unreserved characters only. Brackets are encoded too: Foundation's URL(string:) on Linux re-encodes a
    // whole URL that holds a raw "[", turning every "%3A" into "%253A".
    private static let unreserved: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    static func make(_ items: [(String, String)]) -> String {
        items.map { key, value in "\(encode(key))=\(encode(value))" }.joined(separator: "&")
    }

    /// One path segment from a value the API sent (an id): "/", "?", "#" and ".." cannot reach another
    /// resource or end the path early.
    static func segment(_ value: String) -> String {
        let encoded = encode(value)
        return encoded == "." || encoded == ".." ? encoded.replacingOccurrences(of: ".", with: "%2E") : encoded
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Chargify's datetime with an explicit UTC offset, so the site's time zone never matters.
    static func chargifyTime(_ seconds: Int64) -> String {
        Timestamp(secondsSinceEpoch: seconds).sqlStyle + "+00:00"
    }

    /// ISO 8601 in UTC for Truto's bracket filters.
    static func isoTime(_ seconds: Int64) -> String { Timestamp(secondsSinceEpoch: seconds).iso8601 }
}
