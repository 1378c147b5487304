import BillingCore

/// Byte-level writers for the values every invoice repeats (times, dates, amounts), so a 200-invoice
/// page is written without building thousands of intermediate strings.
extension JSONWriter {
    /// `"YYYY-MM-DDTHH:MM:SSZ"` or with `±HH:MM` for a non-zero offset.
    mutating func time(_ name: StaticString, _ seconds: Int64, offset: Int) {
        let shifted = seconds + Int64(offset)
        let days = SandboxClock.floorDiv(shifted, 86_400)
        let secondOfDay = Int(shifted - days * 86_400)
        var out: [UInt8] = []
        out.reserveCapacity(27)
        out.append(UInt8(ascii: "\""))
        Self.appendDate(&out, Int(days))
        out.append(UInt8(ascii: "T"))
        Self.appendTwo(&out, secondOfDay / 3_600)
        out.append(UInt8(ascii: ":"))
        Self.appendTwo(&out, secondOfDay % 3_600 / 60)
        out.append(UInt8(ascii: ":"))
        Self.appendTwo(&out, secondOfDay % 60)
        if offset == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            out.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            Self.appendTwo(&out, abs(offset) / 3_600)
            out.append(UInt8(ascii: ":"))
            Self.appendTwo(&out, abs(offset) % 3_600 / 60)
        }
        out.append(UInt8(ascii: "\""))
        rawValue(name, out)
    }

    mutating func time(_ name: StaticString, _ seconds: Int64?, offset: Int) {
        if let seconds { time(name, seconds, offset: offset) } else { null(name) }
    }

    /// `"YYYY-MM-DD"` of a day number.
    mutating func date(_ name: StaticString, _ day: Int) {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        Self.appendDate(&out, day)
        out.append(UInt8(ascii: "\""))
        rawValue(name, out)
    }

    /// A decimal string of minor units with the currency's digits (`"1200.00"`, `"1500"` for JPY).
    mutating func money(_ name: StaticString, _ minor: Int64, _ currency: Currency) {
        let scale = currency.exponent
        var digits = Array(String(minor.magnitude).utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        if minor < 0 { out.append(UInt8(ascii: "-")) }
        if scale > 0 {
            while digits.count <= scale { digits.insert(UInt8(ascii: "0"), at: 0) }
            out.append(contentsOf: digits[0..<(digits.count - scale)])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[(digits.count - scale)...])
        } else {
            out.append(contentsOf: digits)
        }
        out.append(UInt8(ascii: "\""))
        rawValue(name, out)
    }

    private static func appendDate(_ out: inout [UInt8], _ day: Int) {
        let date = LocalDate(daysSinceEpoch: day)
        let year = date.year
        out.append(UInt8(48 + year / 1_000 % 10))
        out.append(UInt8(48 + year / 100 % 10))
        appendTwo(&out, year % 100)
        out.append(UInt8(ascii: "-"))
        appendTwo(&out, date.month)
        out.append(UInt8(ascii: "-"))
        appendTwo(&out, date.day)
    }

    private static func appendTwo(_ out: inout [UInt8], _ value: Int) {
        out.append(UInt8(48 + value / 10 % 10))
        out.append(UInt8(48 + value % 10))
    }
}
