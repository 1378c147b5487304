import BillingCore
import Foundation

/// Lenient typed access to one decoded JSON object; every field that is present but wrong is
/// recorded in `flags`, so one bad field flags the record instead of losing the page.
struct JSONObject {
    let fields: [String: Any]
    /// Where this object sits ("invoice inv_1"), for flag messages.
    var flags: [String] = []

    init(_ fields: [String: Any]) { self.fields = fields }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    mutating func string(_ key: String) -> String {
        switch fields[key] {
        case nil, is NSNull: return ""
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
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
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default:
            flags.append("\(key): not an id")
            return nil
        }
    }

    mutating func int(_ key: String) -> Int64? {
        switch fields[key] {
        case nil, is NSNull: return nil
        case let n as NSNumber:
            // NSNumber from JSON: integers come exactly; a fractional value is a wrong field, not rounded.
            let value = n.int64Value
            if NSNumber(value: value) != n { flags.append("\(key): not an integer") }
            return value
        case let s as String:
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
        case nil, is NSNull: return false
        case let n as NSNumber: return n.boolValue
        case let s as String: return s == "true" || s == "1"
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
        case let s as String: text = s
        case let n as NSNumber:
            // An integral JSON number prints exactly; a fractional one went through a Double: kept, but flagged.
            text = n.stringValue
            if NSNumber(value: n.int64Value) != n { flags.append("\(key): a JSON number, not a decimal string") }
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
        case nil, is NSNull: return nil
        case let s as String:
            if let d = ExactDecimal(parsing: s) { return d }
        case let n as NSNumber:
            if let d = ExactDecimal(parsing: n.stringValue) { return d }
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
        (fields[key] as? [String: Any]).map(JSONObject.init)
    }

    func array(_ key: String) -> [JSONObject] {
        (fields[key] as? [Any])?.compactMap { ($0 as? [String: Any]).map(JSONObject.init) } ?? []
    }

    func strings(_ key: String) -> [String] {
        (fields[key] as? [Any])?.compactMap { $0 as? String } ?? []
    }
}

/// Decodes a page body into JSON values; a body that is not JSON (truncated, HTML) throws.
enum JSONBody {
    struct NotJSON: Error {}

    static func parse(_ data: Data) throws -> Any {
        guard let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
        else { throw NotJSON() }
        return try JSONSerialization.jsonObject(with: data, options: [])
    }

    /// The compact JSON text of one element, re-serialised (only when the sent bytes could not be sliced).
    static func text(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: []) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
