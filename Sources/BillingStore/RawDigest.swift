/// A 64-bit FNV-1a digest of a record's raw JSON, stored beside the row to tell a changed record from an
/// unchanged one without keeping (or comparing) the text in the row itself.
///
/// FNV-1a is stable across processes and versions (Swift's `Hasher` is seeded per process, so it cannot
/// be stored), and at ~1 ns per byte it costs ~2 µs for a 2 KB invoice. A collision would only skip
/// rewriting a record whose every compared column is also unchanged (the upsert checks those too).
enum RawDigest {
    static func of(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            return Int64(bitPattern: hash)
        }
    }
}
