/// A record's raw JSON as the store keeps it: exactly as sent, or, beyond `FieldLimit.raw`, a small JSON
/// summary in its place, so that one enormous record (a 200 MB string in a field) never reaches the store.
enum RecordText {
    /// Bytes of the original text kept in a summary.
    static let headBytes = 4_096

    /// `text`, or its summary when it is longer than `FieldLimit.raw` (flagged in `flags`).
    static func bounded(_ text: String, flags: inout [String]) -> String {
        let length = text.utf8.count
        guard length > FieldLimit.raw.rawValue else { return text }
        flags.append(
            "raw JSON: \(length) bytes, longer than \(FieldLimit.raw.rawValue): kept as its size, digest and first \(headBytes) bytes"
        )
        return summary(text)
    }

    /// `{"billtop_cut": {"bytes": N, "fnv1a": "…", "head": "…"}}`: valid JSON, and different whenever the
    /// text is (the digest covers every byte), so the store's change detection, which compares raw texts
    /// or their digests, still sees a change made past the head.
    static func summary(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        var head = String(decoding: text.utf8.prefix(headBytes), as: UTF8.self)
        // The prefix may end inside a character: drop a replacement character it left at the end.
        while head.last == "\u{FFFD}" { head.removeLast() }
        var out = #"{"billtop_cut":{"bytes":\#(text.utf8.count),"fnv1a":"\#(String(hash, radix: 16))","head":"#
        JSONValue.writeString(head, to: &out)
        out += "}}"
        return out
    }
}
