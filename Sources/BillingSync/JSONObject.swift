import BillingCore
import Foundation

/// Lenient typed access to one decoded JSON object; every field that is present but wrong is
/// recorded in `flags`, so one bad field flags the record instead of losing the page.
struct JSONObject {
    let fields: JSONFields
    /// Where this object sits ("invoice inv_1"), for flag messages.
    var flags: [String] = []

    init(_ fields: JSONFields) { self.fields = fields }

    func has(_ key: String) -> Bool {
        switch fields[key] {
        case nil, .null?: false
        default: true
        }
    }

    /// A text field, cut to `limit` (and flagged) when longer.
    mutating func string(_ key: String, limit: FieldLimit = .short) -> String {
        let text: String
        switch fields[key] {
        case nil, .null?: return ""
        case .string(let s)?: text = s
        case .number(let number)?: text = JSONNumber.plainText(number)
        // JSONSerialization handed booleans over as NSNumber, whose text is 1 or 0 (checked on Linux): kept.
        case .bool(let b)?: return b ? "1" : "0"
        default:
            flags.append("\(key): not text")
            return ""
        }
        guard let cut = limit.cut(text) else { return text }
        flags.append(limit.flag(key, length: text.utf8.count))
        return cut
    }

    mutating func optionalString(_ key: String, limit: FieldLimit = .short) -> String? {
        has(key) ? string(key, limit: limit) : nil
    }

    /// An id that may be a number or a string; nil (flagged) when longer than `FieldLimit.id`, since a cut id
    /// could name another record.
    mutating func id(_ key: String) -> String? {
        let text: String
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?: text = s
        case .number(let number)?: text = JSONNumber.plainText(number)
        case .bool(let b)?: return b ? "1" : "0"
        default:
            flags.append("\(key): not an id")
            return nil
        }
        guard text.utf8.count <= FieldLimit.id.rawValue else {
            flags.append("\(key): \(text.utf8.count) bytes, longer than \(FieldLimit.id.rawValue): not used as an id")
            return nil
        }
        return text
    }

    /// An integer; a fraction is truncated and flagged, a number beyond Int64 flagged and nil.
    mutating func int(_ key: String) -> Int64? {
        switch fields[key] {
        case nil, .null?: return nil
        case .number(let text)?:
            switch JSONNumber.integer(text) {
            case .exact(let value): return value
            case .fraction(let value):
                flags.append("\(key): not an integer")
                return value
            case .outOfRange:
                flags.append("\(key): \(Self.shown(text)) is out of range")
                return nil
            }
        case .bool(let b)?: return b ? 1 : 0
        case .string(let s)?:
            if let v = Int64(s) { return v }
            flags.append("\(key): not an integer")
            return nil
        default:
            flags.append("\(key): not an integer")
            return nil
        }
    }

    mutating func bool(_ key: String) -> Bool {
        switch fields[key] {
        case nil, .null?: return false
        case .bool(let b)?: return b
        // Any digit but zero makes a number non-zero (read without a Double, so `1e400` is true, `0e5` false).
        case .number(let text)?:
            return text.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
                .contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
        case .string(let s)?: return s == "true" || s == "1"
        default:
            flags.append("\(key): not a boolean")
            return false
        }
    }

    /// A time; one that is not ISO 8601, or outside `LocalDate.plausibleYears`, is flagged and nil.
    mutating func time(_ key: String) -> Timestamp? {
        guard has(key) else { return nil }
        let text = string(key)
        guard let t = Timestamp(iso: text) else {
            flags.append("\(key): not an ISO 8601 time")
            return nil
        }
        guard LocalDate.plausibleYears.contains(t.utcDate.year) else {
            flags.append("\(key): \(Self.shown(text)) is outside the years \(Self.years)")
            return nil
        }
        return t
    }

    /// A date; one that is not `YYYY-MM-DD`, or outside `LocalDate.plausibleYears` (`0001-01-01`), is flagged and nil.
    mutating func date(_ key: String) -> LocalDate? {
        guard has(key) else { return nil }
        let text = string(key)
        guard let d = LocalDate(iso: text) else {
            flags.append("\(key): not a date")
            return nil
        }
        guard LocalDate.plausibleYears.contains(d.year) else {
            flags.append("\(key): \(Self.shown(text)) is outside the years \(Self.years)")
            return nil
        }
        return d
    }

    /// A decimal-string amount (Chargify invoices: "1200.0"), parsed exactly. Absent or null: zero. Present
    /// but unreadable (not a decimal, too precise, beyond `Money.largestHeld`, an object): flagged and nil,
    /// so that the caller can mark it unreadable instead of showing 0.00.
    mutating func amount(_ key: String, _ currency: Currency) -> Money? {
        guard has(key) else { return .zero(currency) }
        let text: String
        switch fields[key] {
        case .string(let s)?: text = s
        case .number(let number)?:
            // Read from its exact text; a fractional JSON number is still not the decimal string money is sent as: kept, but flagged.
            text = JSONNumber.plainText(number)
            if case .fraction = JSONNumber.integer(number) {
                flags.append("\(key): a JSON number, not a decimal string")
            }
        default:
            flags.append("\(key): not a decimal")
            return nil
        }
        let money: Money
        do { money = try Money.parse(text, currency: currency) } catch {
            // A well-formed number that does not parse is too large (30 digits, `1e400`): say so.
            if case .tooPrecise = error {
                flags.append("\(key): \(Self.shown(text)) is not an amount in \(currency.code)")
            } else if Self.isNumeral(text) {
                flags.append("\(key): \(Self.shown(text)) is more than billtop can hold in \(currency.code)")
            } else {
                flags.append("\(key): \(Self.shown(text)) is not an amount in \(currency.code)")
            }
            return nil
        }
        guard money.isHeld else {
            flags.append("\(key): \(Self.shown(text)) is more than billtop can hold in \(currency.code)")
            return nil
        }
        return money
    }

    /// `amount`, zero when unreadable (flagged): for amounts with no unreadable marker of their own
    /// (line items, payments).
    mutating func money(_ key: String, _ currency: Currency) -> Money {
        amount(key, currency) ?? .zero(currency)
    }

    /// An amount the totals depend on: missing or null is flagged as well as read as zero, never a silent zero.
    mutating func requiredAmount(_ key: String, _ currency: Currency) -> Money? {
        if !has(key) { flags.append("\(key): missing") }
        return amount(key, currency)
    }

    /// `*_in_cents` integers: minor units already; beyond `Money.largestHeld` flagged and zero.
    mutating func cents(_ key: String, _ currency: Currency) -> Money {
        let money = Money(minorUnits: int(key) ?? 0, currency: currency)
        guard money.isHeld else {
            flags.append("\(key): \(money.minorUnits) is more than billtop can hold")
            return .zero(currency)
        }
        return money
    }

    /// A value as a flag message shows it: sanitised, and at most 40 characters.
    static func shown(_ text: String) -> String {
        let clean = TextSanitizer.clean(text)
        return clean.count > 40 ? String(clean.prefix(40)) + "…" : clean
    }

    /// Whether `text` is a number in JSON's grammar (sign, digits, point, exponent), however large.
    static func isNumeral(_ text: String) -> Bool {
        var bytes = text.trimmingCharacters(in: .whitespaces).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let digit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let mantissa = bytes.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
        let parts = mantissa.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(digit) }) else {
            return false
        }
        var exponent = bytes.dropFirst(mantissa.count)
        guard !exponent.isEmpty else { return true }
        exponent = exponent.dropFirst()
        if exponent.first == UInt8(ascii: "-") || exponent.first == UInt8(ascii: "+") {
            exponent = exponent.dropFirst()
        }
        return !exponent.isEmpty && exponent.allSatisfy(digit)
    }

    static let years = "\(LocalDate.plausibleYears.lowerBound)-\(LocalDate.plausibleYears.upperBound)"

    mutating func decimal(_ key: String) -> ExactDecimal? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?:
            if let d = ExactDecimal(parsing: s) { return d }
        case .number(let text)?:
            if let d = ExactDecimal(parsing: JSONNumber.plainText(text)) { return d }
        default: break
        }
        flags.append("\(key): not a decimal")
        return nil
    }

    mutating func currency(_ key: String, default fallback: Currency = .usd) -> Currency {
        guard has(key) else { return fallback }
        let code = string(key)
        if let c = Currency(code) {
            if !c.isKnown { flags.append("\(key): unknown currency \(c.code)") }
            return c
        }
        flags.append("\(key): not a currency code")
        return fallback
    }

    func object(_ key: String) -> JSONObject? {
        fields[key]?.objectValue.map(JSONObject.init)
    }

    func array(_ key: String) -> [JSONObject] {
        fields[key]?.arrayValue?.compactMap { $0.objectValue.map(JSONObject.init) } ?? []
    }

    /// The strings of an array field; each longer than `FieldLimit.short` is cut and flagged.
    mutating func strings(_ key: String) -> [String] {
        (fields[key]?.arrayValue?.compactMap(\.stringValue) ?? []).map { text in
            guard let cut = FieldLimit.short.cut(text) else { return text }
            flags.append(FieldLimit.short.flag(key, length: text.utf8.count))
            return cut
        }
    }
}

/// Decodes a page body into JSON values; a body that is not JSON (truncated, HTML) throws.
enum JSONBody {
    struct NotJSON: Error {}

    /// The body's root value.
    static func parse(_ data: Data) throws -> JSONValue {
        try JSONParser.parse(data).root
    }
}
