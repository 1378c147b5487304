/// Finds the record array in a provider list body (`[...]` or `{"invoices": [...]}`) and counts its
/// elements without decoding, so the proxy can pass records through byte for byte.
enum JSONArrayScanner {
    /// The byte range of the first array at depth 0 or 1, and how many elements it holds.
    static func recordArray(_ bytes: [UInt8]) -> (range: Range<Int>, count: Int)? {
        var depth = 0
        var inString = false
        var escaped = false
        var start: Int?
        var arrayDepth = 0
        var count = 0
        var sawValue = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                if start != nil, depth == arrayDepth { sawValue = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if start == nil, byte == UInt8(ascii: "["), depth <= 1 {
                    start = index
                    arrayDepth = depth + 1
                } else if start != nil, depth == arrayDepth {
                    sawValue = true
                }
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if let begin = start, depth == arrayDepth - 1, byte == UInt8(ascii: "]") {
                    return (begin..<(index + 1), sawValue ? count + 1 : 0)
                }
            case UInt8(ascii: ","):
                if start != nil, depth == arrayDepth { count += 1 }
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ":"):
                break
            default:
                if start != nil, depth == arrayDepth { sawValue = true }
            }
        }
        return nil
    }
}
