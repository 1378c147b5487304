import BillingCore

/// Random JSON documents for the parser's differential tests: nested objects and arrays, strings with
/// every escape (surrogate pairs included), non-ASCII text and numbers in all of JSON's forms, with
/// random whitespace between tokens.
struct JSONDocumentGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    mutating func space() -> String {
        switch int(6) {
        case 0: " "
        case 1: "\n  "
        case 2: "\t"
        default: ""
        }
    }

    /// A document whose root is an object or an array.
    mutating func document() -> String {
        space() + (int(2) == 0 ? object(depth: 0) : array(depth: 0)) + space()
    }

    mutating func value(depth: Int) -> String {
        switch int(depth >= 5 ? 6 : 9) {
        case 0: return "null"
        case 1: return int(2) == 0 ? "true" : "false"
        case 2, 3: return number()
        case 4, 5: return string()
        case 6, 7: return object(depth: depth + 1)
        default: return array(depth: depth + 1)
        }
    }

    mutating func object(depth: Int) -> String {
        let count = int(6)
        var keys = Set<String>()
        var parts: [String] = []
        for _ in 0..<count {
            // Distinct keys: a repeated key's winner is not part of what JSON defines.
            let key = string()
            guard keys.insert(key).inserted else { continue }
            parts.append(space() + key + space() + ":" + space() + value(depth: depth))
        }
        return "{" + parts.joined(separator: ",") + space() + "}"
    }

    mutating func array(depth: Int) -> String {
        let count = int(6)
        return "[" + (0..<count).map { _ in space() + value(depth: depth) + space() }.joined(separator: ",") + "]"
    }

    mutating func number() -> String {
        let sign = int(3) == 0 ? "-" : ""
        let whole = int(4) == 0 ? "0" : String(1 + int(999_999_999))
        let fraction = int(3) == 0 ? "." + String(int(1_000)) + (int(2) == 0 ? "0" : "") : ""
        let exponent = int(6) == 0 ? ["e", "E"][int(2)] + ["", "+", "-"][int(3)] + String(int(20)) : ""
        return sign + whole + fraction + exponent
    }

    /// A string literal mixing plain ASCII, multi-byte UTF-8 and escapes.
    mutating func string() -> String {
        let pieces = [
            "a", "id", "Zoë", "東京", "😀", " ", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
            "\\u0000", "\\u001b", "\\u00e9", "\\u2028", "\\ud83d\\ude00", "\\uD834\\uDD1E", "12.10", "<b>", "\u{7F}",
        ]
        return "\"" + (0..<int(6)).map { _ in pieces[int(pieces.count)] }.joined() + "\""
    }
}
