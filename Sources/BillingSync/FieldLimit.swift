import BillingCore

/// How long a text field read from an API may be, in UTF-8 bytes, before it is cut (and the record flagged).
///
/// Why: the store keeps what it is sent, and a hostile or broken server can send a 200 MB name. Real values
/// are far shorter than these limits (an email at most 254 bytes, a name a few dozen, a memo a few
/// paragraphs), so a cut is always a problem worth flagging, never a normal record.
enum FieldLimit: Int, Sendable {
    /// Ids, numbers, codes: longer is no id; the record is skipped (a cut id could merge two records).
    case id = 1_024
    /// Names, emails, organisations, references, titles, statuses: 2 KiB (about 680 CJK characters).
    case short = 2_048
    /// Memos, descriptions, event messages, an event's data: 64 KiB.
    case long = 65_536
    /// One record's raw JSON as kept in the store: 1 MiB. Longer raw text is replaced by `RecordText.summary`.
    case raw = 1_048_576

    /// What ends a cut value, so that no screen, CSV or JSON shows it as if it were whole.
    static let cutMarker = "…[cut]"

    /// `text` cut to at most `rawValue` bytes, ending in `cutMarker`, on a character boundary; nil when it fits.
    func cut(_ text: String) -> String? {
        let length = text.utf8.count
        guard length > rawValue else { return nil }
        let room = rawValue - Self.cutMarker.utf8.count
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let next = text.index(after: index)
            let size = text.utf8.distance(from: index, to: next)
            if used + size > room { break }
            used += size
            end = next
        }
        return String(text[..<end]) + Self.cutMarker
    }

    /// The flag for a value of `length` bytes cut to this limit.
    func flag(_ key: String, length: Int) -> String {
        "\(key): \(length) bytes, longer than \(rawValue): stored cut, ending \(Self.cutMarker)"
    }
}
