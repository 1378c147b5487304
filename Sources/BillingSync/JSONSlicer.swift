import Foundation

/// Finds the byte ranges of the elements of a JSON array inside a body, so each record's raw JSON is
/// kept exactly as sent without re-serialising it (re-serialising cost more than decoding).
enum JSONSlicer {
    /// Ranges of the elements of the top-level array, or of the array under `key` at the top level of
    /// an object body (`{"invoices": [...]}`, `{"result": [...]}`). Nil when the shape is not found.
    static func elements(of data: Data, key: String? = nil) -> [Range<Int>]? {
        data.withUnsafeBytes { raw -> [Range<Int>]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
            func skipString() -> Bool {
                i += 1
                while i < n {
                    if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if bytes[i] == UInt8(ascii: "\"") { i += 1; return true }
                    i += 1
                }
                return false
            }
            /// Skips one value starting at i; returns false on malformed input.
            func skipValue() -> Bool {
                skipSpace()
                guard i < n else { return false }
                switch bytes[i] {
                case UInt8(ascii: "\""): return skipString()
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    var depth = 0
                    while i < n {
                        switch bytes[i] {
                        case UInt8(ascii: "\""): if !skipString() { return false }; continue
                        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                        case UInt8(ascii: "}"), UInt8(ascii: "]"):
                            depth -= 1
                            if depth == 0 { i += 1; return true }
                        default: break
                        }
                        i += 1
                    }
                    return false
                default:
                    while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: "]") { i += 1 }
                    return true
                }
            }
            skipSpace()
            if let key {
                guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
                i += 1
                let wanted = Array(key.utf8)
                while true {
                    skipSpace()
                    guard i < n, bytes[i] == UInt8(ascii: "\"") else { return nil }
                    let start = i + 1
                    guard skipString() else { return nil }
                    let matches = i - 1 - start == wanted.count && zip(wanted, start..<(i - 1)).allSatisfy { $0 == bytes[$1] }
                    skipSpace()
                    guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace()
                    if matches { break }
                    guard skipValue() else { return nil }
                    skipSpace()
                    guard i < n, bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                }
            }
            guard i < n, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var ranges: [Range<Int>] = []
            while true {
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: "]") { return ranges }
                let start = i
                guard skipValue() else { return nil }
                ranges.append(start..<i)
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1 }
            }
        }
    }

    /// The raw texts of the array's elements, or nil when they cannot be matched one to one.
    static func texts(of data: Data, key: String? = nil, expectedCount: Int) -> [String]? {
        guard let ranges = elements(of: data, key: key), ranges.count == expectedCount else { return nil }
        return data.withUnsafeBytes { raw in
            ranges.map { String(decoding: UnsafeRawBufferPointer(rebasing: raw[$0]), as: UTF8.self) }
        }
    }
}
