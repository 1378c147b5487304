/// Up to 128 bytes assembled on the stack and appended to a `JSONWriter` in one copy.
///
/// A field's fixed pieces (`,"key":`, quotes, a date's or an amount's digits) appended byte by byte cost
/// an array uniqueness and capacity check per byte; staged, they cost one per field. Profiling a Truto
/// page (670 KB, about 120 fields per record) showed those checks among the largest costs.
struct JSONStage {
    /// The most bytes a stage holds: a key of `maximumKey` bytes plus punctuation plus the longest value
    /// staged with it (a 20-digit amount with sign and point, or a time with an offset) fits.
    static let capacity = 128
    /// Longer keys are appended directly (none of the encoders uses one).
    static let maximumKey = 64

    private var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    @inline(__always) mutating func put(_ byte: UInt8) {
        let at = count
        withUnsafeMutableBytes(of: &storage) { $0[at] = byte }
        count += 1
    }

    /// The bytes of `text` in one copy (the caller keeps the total within `capacity`).
    @inline(__always) mutating func put(_ text: StaticString) {
        let at = count
        let length = text.utf8CodeUnitCount
        guard length > 0 else { return }
        text.withUTF8Buffer { source in
            withUnsafeMutableBytes(of: &storage) { target in
                (target.baseAddress! + at).copyMemory(from: source.baseAddress!, byteCount: length)
            }
        }
        count += length
    }

    /// Two decimal digits of `value` (its last two).
    @inline(__always) mutating func putTwoDigits(_ value: Int) {
        put(UInt8(truncatingIfNeeded: 48 + value / 10 % 10))
        put(UInt8(truncatingIfNeeded: 48 + value % 10))
    }

    /// `value / 10^scale` in plain decimal digits (`-1234, 2` is `-12.34`; `5, 2` is `0.05`).
    mutating func putDecimal(_ value: Int64, scale: Int) {
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let integerDigits = max(digits - scale, 1)
        if value < 0 { put(UInt8(ascii: "-")) }
        let total = integerDigits + (scale > 0 ? scale + 1 : 0)
        var at = count + total - 1
        count += total
        withUnsafeMutableBytes(of: &storage) { buffer in
            for _ in 0..<scale {
                buffer[at] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
                magnitude /= 10
                at -= 1
            }
            if scale > 0 {
                buffer[at] = UInt8(ascii: ".")
                at -= 1
            }
            for _ in 0..<integerDigits {
                buffer[at] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
                magnitude /= 10
                at -= 1
            }
        }
    }

    /// `YYYY-MM-DD` of a day number (days since 1970).
    mutating func putDate(_ year: Int, _ month: Int, _ day: Int) {
        putTwoDigits(year / 100)
        putTwoDigits(year % 100)
        put(UInt8(ascii: "-"))
        putTwoDigits(month)
        put(UInt8(ascii: "-"))
        putTwoDigits(day)
    }

    /// The staged bytes appended to `bytes` in one copy.
    @inline(__always) mutating func flush(into bytes: inout [UInt8]) {
        let n = count
        withUnsafeBytes(of: &storage) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
}
