import BillingCore
import Foundation

/// Builds query strings with every value percent-encoded (`+` and spaces included).
enum Query {
    static func make(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        // Brackets are encoded too: Foundation's URL(string:) on Linux re-encodes a whole URL that holds
        // a raw "[", turning every "%3A" into "%253A".
        return items.map { key, value in
            let k = key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key
            let v = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(k)=\(v)"
        }.joined(separator: "&")
    }

    /// Chargify's datetime with an explicit UTC offset, so the site's time zone never matters.
    static func chargifyTime(_ seconds: Int64) -> String {
        Timestamp(secondsSinceEpoch: seconds).sqlStyle + "+00:00"
    }

    /// ISO 8601 in UTC for Truto's bracket filters.
    static func isoTime(_ seconds: Int64) -> String { Timestamp(secondsSinceEpoch: seconds).iso8601 }
}
