import Foundation

/// A byte-level JSON parser (RFC 8259) for page bodies. It replaces JSONSerialization for two reasons
/// measured in DECISIONS.md ("Decoding (s4-decode)"): numbers keep their exact text (money is never read
/// through a Double), and the byte range of each element of the listed array is recorded in the same pass,
/// so each record's raw JSON is kept exactly as sent without a second scan.
///
/// Strict where JSON is strict (a truncated or trailing-garbage body throws: it is retried, never an
/// empty page); lenient where text is concerned (invalid UTF-8 and lone surrogates become U+FFFD, an
/// escaped NUL its picture U+2400) and where values are concerned (a number of any size is kept as text).
struct JSONParser {
    /// Deeper nesting is refused: records are a handful of levels deep, and recursion must stay well
    /// inside a cooperative thread's stack whatever a hostile server sends.
    static let maximumDepth = 100

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    /// The root object's key whose array's element ranges are recorded; nil: the root array's.
    private let listKey: String?
    private var ranges: [Range<Int>] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>, listKey: String?) {
        self.bytes = bytes
        self.listKey = listKey
    }

    /// Parses a body whose root is an object or an array. `elementRanges` are the byte ranges in `data` of
    /// the root array's elements (key nil) or of the elements of the array under `key` in the root object.
    static func parse(_ data: Data, elementsOf key: String? = nil) throws -> (
        root: JSONValue, elementRanges: [Range<Int>]
    ) {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self), listKey: key)
            return try parser.document()
        }
    }

    private mutating func document() throws -> (root: JSONValue, elementRanges: [Range<Int>]) {
        skipSpace()
        guard i < bytes.count else { throw JSONBody.NotJSON() }
        let root: JSONValue
        switch bytes[i] {
        case UInt8(ascii: "["): root = try array(recording: listKey == nil)
        case UInt8(ascii: "{"): root = try object(isRoot: true)
        default: throw JSONBody.NotJSON()
        }
        skipSpace()
        guard i == bytes.count else { throw JSONBody.NotJSON() }
        return (root, ranges)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw JSONBody.NotJSON() }
        switch bytes[i] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object(isRoot: false)
        case UInt8(ascii: "["): return try array(recording: false)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw JSONBody.NotJSON()
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard bytes.count - i >= count else { throw JSONBody.NotJSON() }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw JSONBody.NotJSON() }
        i += count
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth { throw JSONBody.NotJSON() }
    }

    private mutating func object(isRoot: Bool) throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var pairs: [(key: String, value: JSONValue)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(JSONFields(pairs))
        }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw JSONBody.NotJSON() }
            let key = try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw JSONBody.NotJSON() }
            i += 1
            skipSpace()
            if isRoot, let listKey, key == listKey, i < bytes.count, bytes[i] == UInt8(ascii: "[") {
                // A repeated key reads as its last value, so its ranges are the last array's.
                ranges = []
                pairs.append((key, try array(recording: true)))
            } else {
                pairs.append((key, try value()))
            }
            skipSpace()
            guard i < bytes.count else { throw JSONBody.NotJSON() }
            switch bytes[i] {
            case UInt8(ascii: ","):
                i += 1
                if closes(UInt8(ascii: "}")) { return .object(JSONFields(pairs)) }
            case UInt8(ascii: "}"):
                i += 1
                return .object(JSONFields(pairs))
            default: throw JSONBody.NotJSON()
            }
        }
    }

    private mutating func array(recording: Bool) throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var values: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(values)
        }
        while true {
            skipSpace()
            let start = i
            values.append(try value())
            if recording { ranges.append(start..<i) }
            skipSpace()
            guard i < bytes.count else { throw JSONBody.NotJSON() }
            switch bytes[i] {
            case UInt8(ascii: ","):
                i += 1
                if closes(UInt8(ascii: "]")) { return .array(values) }
            case UInt8(ascii: "]"):
                i += 1
                return .array(values)
            default: throw JSONBody.NotJSON()
            }
        }
    }

    /// After a comma: whether `close` follows, consuming it. A trailing comma is not JSON, but
    /// JSONSerialization accepted it, and a page it read must not become a failed request.
    private mutating func closes(_ close: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == close else { return false }
        i += 1
        return true
    }

    /// JSON's number grammar, kept as text: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { throw JSONBody.NotJSON() }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            guard isDigit(i) else { throw JSONBody.NotJSON() }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw JSONBody.NotJSON() }
            while isDigit(i) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw JSONBody.NotJSON() }
            while isDigit(i) { i += 1 }
        }
        // Any size is kept (`1e400`, 30 digits): JSONSerialization refused a number beyond a Double, which
        // rejected a whole page for one field, even one billtop ignores. The field reader that wants the
        // number decides (`JSONNumber`), and flags only that record.
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    private func isDigit(_ index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    /// A string literal starting at its opening quote. Most have no escapes: those are one scan and one copy.
    private mutating func string() throws -> String {
        i += 1
        let start = i
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            // Raw control characters are not allowed inside a JSON string.
            if byte < 0x20 { throw JSONBody.NotJSON() }
            i += 1
        }
        throw JSONBody.NotJSON()
    }

    /// The rest of a string with escapes, `i` at the first backslash; the bytes before it are copied as they are.
    private mutating func escapedString(from start: Int) throws -> String {
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte < 0x20 { throw JSONBody.NotJSON() }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { throw JSONBody.NotJSON() }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                // NUL is kept as its picture, U+2400 (what every screen shows for it): SQLite's text interface,
                // which GRDB binds and reads Swift strings through, ends a string at NUL, so "a\u0000@x.test"
                // was stored and shown as "a". The record's raw JSON keeps the escape as sent.
                let scalar = try unicodeEscape()
                Self.appendUTF8(scalar == 0 ? 0x2400 : scalar, to: &out)
            default: throw JSONBody.NotJSON()
            }
        }
        throw JSONBody.NotJSON()
    }

    /// The scalar of a `\u` escape (`i` after the `u`), joining a surrogate pair; a lone surrogate is U+FFFD.
    private mutating func unicodeEscape() throws -> UInt32 {
        let unit = try hex4()
        switch unit {
        case 0xD800..<0xDC00:
            let afterHigh = i
            if bytes.count - i >= 6, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                i += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) { return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00) }
                // Not a low surrogate: it is read again as an escape of its own.
                i = afterHigh
            }
            return 0xFFFD
        case 0xDC00..<0xE000: return 0xFFFD
        default: return unit
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - i >= 4 else { throw JSONBody.NotJSON() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONBody.NotJSON()
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case 0x800..<0x10000:
            out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default:
            out += [
                UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F),
                UInt8(0x80 | scalar & 0x3F),
            ]
        }
    }
}
