/// A small, fast JSON writer: appends UTF-8 straight into a byte array, escaping every control character,
/// so hostile strings travel as valid JSON and 200-record pages encode in well under a millisecond.
struct JSONWriter {
    /// The JSON written so far. Internal so the format writers (`JSONWriter+Formats`) append digits
    /// in place; everything else goes through the methods below.
    var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Writes `"name":` (after a comma when needed); the caller writes exactly one value next.
    mutating func key(_ name: StaticString) {
        var stage = beginField(name)
        stage.flush(into: &bytes)
    }

    /// `,"name":` staged for one append together with the value the caller stages next (appended
    /// directly when the name is too long to stage, leaving the stage empty). Inlined: the stage is
    /// 136 bytes, and returning it from a call showed as 16% of a Truto page in `perf`.
    @inline(__always) mutating func beginField(_ name: StaticString) -> JSONStage {
        var stage = JSONStage()
        if needsComma { stage.put(UInt8(ascii: ",")) }
        needsComma = true
        guard name.utf8CodeUnitCount <= JSONStage.maximumKey else {
            stage.flush(into: &bytes)
            bytes.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
            return JSONStage()
        }
        stage.put(UInt8(ascii: "\""))
        stage.put(name)
        stage.put(UInt8(ascii: "\""))
        stage.put(UInt8(ascii: ":"))
        return stage
    }

    /// `,"name":"` staged and appended; the caller writes the string's content and its closing quote.
    private mutating func beginString(_ name: StaticString) {
        var stage = beginField(name)
        stage.put(UInt8(ascii: "\""))
        stage.flush(into: &bytes)
    }

    // MARK: containers

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separator()
        enclosed(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        separator()
        enclosed(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    mutating func object(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        key(name)
        enclosed(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    mutating func array(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        key(name)
        enclosed(UInt8(ascii: "["), UInt8(ascii: "]"), body)
    }

    /// An object `{"name": <value>}` whose single value `body` writes (Chargify's type-name envelope).
    mutating func wrapped(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        object { w in w.named(name, body) }
    }

    /// A named field whose value `body` writes as one value (an object or array from another encoder).
    mutating func named(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        key(name)
        needsComma = false
        body(&self)
        needsComma = true
    }

    private mutating func enclosed(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) -> Void) {
        bytes.append(open)
        needsComma = false
        body(&self)
        bytes.append(close)
        needsComma = true
    }

    /// One already encoded JSON value as the next array element (trusted: produced by this writer).
    mutating func rawElement(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    /// Writes one array element with `body` and returns its bytes (exactly sized, to be kept by a cache).
    mutating func capturedElement(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        separator()
        let start = bytes.count
        needsComma = false
        body(&self)
        needsComma = true
        return Array(bytes[start...])
    }

    // MARK: fields

    mutating func field(_ name: StaticString, _ value: String) {
        beginString(name)
        writeStringContent(value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        if let value { field(name, value) } else { null(name) }
    }

    /// A string, or `null` when it is empty (the APIs send null for blank optional text).
    mutating func field(_ name: StaticString, nonEmpty value: String) {
        if value.isEmpty { null(name) } else { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        field(name, Int64(value))
    }

    mutating func field(_ name: StaticString, _ value: Int64) {
        var stage = beginField(name)
        stage.putDecimal(value, scale: 0)
        stage.flush(into: &bytes)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        if let value { field(name, Int64(value)) } else { null(name) }
    }

    mutating func field(_ name: StaticString, _ value: Int64?) {
        if let value { field(name, value) } else { null(name) }
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        var stage = beginField(name)
        stage.put(value ? "true" : "false")
        stage.flush(into: &bytes)
    }

    mutating func null(_ name: StaticString) {
        var stage = beginField(name)
        stage.put("null")
        stage.flush(into: &bytes)
    }

    /// A field whose value is already JSON text (trusted: generated by the sandbox itself).
    mutating func raw(_ name: StaticString, _ json: String) {
        key(name)
        bytes.append(contentsOf: json.utf8)
    }

    /// A string element of an array.
    mutating func element(_ value: String) {
        separator()
        writeString(value)
    }

    // MARK: scalars

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        writeStringContent(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escaped characters of a string without its quotes. Runs that need no escaping (nearly all
    /// text) are copied in one piece.
    mutating func writeStringContent(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else {
                    continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                writeEscaped(byte)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), 48, 48, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
        }
    }
}
