import Foundation

/// Text as PostgreSQL can hold it. A `text` value cannot contain U+0000 (the server refuses the whole
/// statement), which SQLite stores without complaint; an API that sends one in a name would otherwise stop its
/// stream's every page on this engine alone. It becomes U+FFFD, which the sanitiser shows like any odd character.
enum PostgresText {
    static func safe(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    static func safe(_ text: String?) -> String? {
        text.map { safe($0) }
    }
}
