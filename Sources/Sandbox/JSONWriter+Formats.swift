import BillingCore

/// Byte-level writers for the values every record repeats (times, dates, amounts, numbers as strings),
/// so a 200-invoice page is written without building thousands of intermediate strings. Every encoder
/// writes these values through here: one path, one spelling.
extension JSONWriter {
    /// `"YYYY-MM-DDTHH:MM:SSZ"`, or with `±HH:MM` for a non-zero offset (Chargify writes the site's).
    mutating func time(_ name: StaticString, _ seconds: Int64, offset: Int) {
        var stage = beginField(name)
        let shifted = seconds + Int64(offset)
        let days = SandboxClock.floorDiv(shifted, 86_400)
        let secondOfDay = Int(shifted - days * 86_400)
        let date = LocalDate(daysSinceEpoch: Int(days))
        stage.put(UInt8(ascii: "\""))
        stage.putDate(date.year, date.month, date.day)
        stage.put(UInt8(ascii: "T"))
        stage.putTwoDigits(secondOfDay / 3_600)
        stage.put(UInt8(ascii: ":"))
        stage.putTwoDigits(secondOfDay % 3_600 / 60)
        stage.put(UInt8(ascii: ":"))
        stage.putTwoDigits(secondOfDay % 60)
        if offset == 0 {
            stage.put(UInt8(ascii: "Z"))
        } else {
            stage.put(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            stage.putTwoDigits(abs(offset) / 3_600)
            stage.put(UInt8(ascii: ":"))
            stage.putTwoDigits(abs(offset) % 3_600 / 60)
        }
        stage.put(UInt8(ascii: "\""))
        stage.flush(into: &bytes)
    }

    /// A time, or `null` when absent.
    mutating func time(_ name: StaticString, _ seconds: Int64?, offset: Int) {
        if let seconds { time(name, seconds, offset: offset) } else { null(name) }
    }

    /// `"YYYY-MM-DD"` of a day number (days since 1970).
    mutating func date(_ name: StaticString, _ day: Int) {
        var stage = beginField(name)
        let date = LocalDate(daysSinceEpoch: day)
        stage.put(UInt8(ascii: "\""))
        stage.putDate(date.year, date.month, date.day)
        stage.put(UInt8(ascii: "\""))
        stage.flush(into: &bytes)
    }

    /// A date, or `null` when absent.
    mutating func date(_ name: StaticString, _ day: Int?) {
        if let day { date(name, day) } else { null(name) }
    }

    /// A decimal string of minor units with the currency's digits (`"1200.00"`, `"1500"` for JPY), the
    /// same text as `Money.decimalString`.
    mutating func money(_ name: StaticString, _ minor: Int64, _ currency: Currency) {
        var stage = beginField(name)
        stage.put(UInt8(ascii: "\""))
        stage.putDecimal(minor, scale: currency.exponent)
        stage.put(UInt8(ascii: "\""))
        stage.flush(into: &bytes)
    }

    /// An integer as a JSON string with a literal tail (`"42"`, `"3.0"`): ids and quantities the APIs
    /// send as strings.
    mutating func quoted(_ name: StaticString, _ value: Int, suffix: StaticString = "") {
        var stage = beginField(name)
        stage.put(UInt8(ascii: "\""))
        stage.putDecimal(Int64(value), scale: 0)
        if suffix.utf8CodeUnitCount <= 16 {
            stage.put(suffix)
            stage.put(UInt8(ascii: "\""))
            stage.flush(into: &bytes)
        } else {
            stage.flush(into: &bytes)
            suffix.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// An integer as a JSON string, or `null` when absent.
    mutating func quoted(_ name: StaticString, _ value: Int?) {
        if let value { quoted(name, value) } else { null(name) }
    }

    /// A string made of a fixed prefix and escaped text (`"https://host/invoices/<uid>"`).
    mutating func field(_ name: StaticString, prefix: StaticString, _ text: String) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        prefix.withUTF8Buffer { bytes.append(contentsOf: $0) }
        writeStringContent(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A person's display name: the non-empty parts joined by one space (`""` when both are empty).
    mutating func fullName(_ name: StaticString, _ first: String, _ last: String) {
        key(name)
        bytes.append(UInt8(ascii: "\""))
        writeStringContent(first)
        if !first.isEmpty && !last.isEmpty { bytes.append(UInt8(ascii: " ")) }
        writeStringContent(last)
        bytes.append(UInt8(ascii: "\""))
    }
}
