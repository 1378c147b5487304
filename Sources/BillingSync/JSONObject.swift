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

    mutating func string(_ key: String) -> String {
        switch fields[key] {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .number(let text)?: return JSONNumber.plainText(text)
        // JSONSerialization handed booleans over as NSNumber, whose text is 1 or 0 (checked on Linux): kept.
        case .bool(let b)?: return b ? "1" : "0"
        default:
            flags.append("\(key): not text")
            return ""
        }
    }

    mutating func optionalString(_ key: String) -> String? {
        has(key) ? string(key) : nil
    }

    /// An id that may be a number or a string.
    mutating func id(_ key: String) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .number(let text)?: return JSONNumber.plainText(text)
        case .bool(let b)?: return b ? "1" : "0"
        default:
            flags.append("\(key): not an id")
            return nil
        }
    }

    mutating func int(_ key: String) -> Int64? {
        switch fields[key] {
        case nil, .null?: return nil
        case .number(let text)?:
            if let v = Int64(text) { return v }
            // A fractional value is a wrong field, not rounded: truncated as before, and flagged unless integral.
            let (value, exact) = JSONNumber.truncated(text)
            if !exact { flags.append("\(key): not an integer") }
            return value
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
        case .number(let text)?: return (Double(text) ?? 0) != 0
        case .string(let s)?: return s == "true" || s == "1"
        default:
            flags.append("\(key): not a boolean")
            return false
        }
    }
    mutating func time(_ key: String) -> Timestamp? {
        guard has(key) else { return nil }
        let text = string(key)
        if let t = Timestamp(iso: text) { return t }
        flags.append("\(key): not an ISO 8601 time")
        return nil
    }

    mutating func date(_ key: String) -> LocalDate? {
        guard has(key) else { return nil }
        let text = string(key)
        if let d = LocalDate(iso: text) { return d }
        flags.append("\(key): not a date")
        return nil
    }

    /// A decimal-string amount (Chargify invoices: "1200.0"), parsed exactly; zero and a flag when bad.
    mutating func money(_ key: String, _ currency: Currency) -> Money {
        guard has(key) else { return .zero(currency) }
        let text: String
        switch fields[key] {
        case .string(let s)?: text = s
        case .number(let number)?:
            // Read from its exact text; a fractional JSON number is still not the decimal string money is sent as: kept, but flagged.
            text = JSONNumber.plainText(number)
            if !JSONNumber.truncated(number).exact { flags.append("\(key): a JSON number, not a decimal string") }
        default:
            flags.append("\(key): not a decimal")
            return .zero(currency)
        }
        do { return try Money.parse(text, currency: currency) } catch {
            flags.append("\(key): \(TextSanitizer.clean(text)) is not an amount in \(currency.code)")
            return .zero(currency)
        }
    }

    /// An amount the totals depend on: missing or null is flagged as well as read as zero, never a silent zero.
    mutating func requiredMoney(_ key: String, _ currency: Currency) -> Money {
        if !has(key) { flags.append("\(key): missing") }
        return money(key, currency)
    }

    /// `*_in_cents` integers: minor units already.
    mutating func cents(_ key: String, _ currency: Currency) -> Money {
        Money(minorUnits: int(key) ?? 0, currency: currency)
    }

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

    func strings(_ key: String) -> [String] {
        fields[key]?.arrayValue?.compactMap(\.stringValue) ?? []
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
