/// An ISO 4217 currency code with the number of minor-unit digits it uses.
public struct Currency: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Upper-case ISO code, e.g. "USD".
    public let code: String

    /// Digits after the decimal point: 0 for JPY and friends, 3 for KWD and friends, otherwise 2.
    /// Set once here: every amount parsed or formatted asks for it, and two set lookups per call were
    /// half of `Money.parse`'s cost in a sync (s4-decode's profile).
    public let exponent: Int

    /// Creates a currency from a code; the code is upper-cased and must be three ASCII letters.
    public init?(_ code: String) {
        // API codes come upper-case already: skip the allocating uppercased() then.
        let upper = code.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) ? code : code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.code = upper
        exponent = Currency.zeroDecimal.contains(upper) ? 0 : Currency.threeDecimal.contains(upper) ? 3 : 2
    }

    /// Whether the code is one billtop knows; unknown codes still work with 2 decimals but get flagged.
    public var isKnown: Bool { Currency.known.contains(code) }

    /// 10^exponent, the number of minor units in one major unit.
    public var minorPerMajor: Int64 {
        switch exponent {
        case 0: return 1
        case 3: return 1000
        default: return 100
        }
    }

    /// The symbol shown before amounts, or nil when the code itself should be shown.
    public var symbol: String? {
        switch code {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        case "KRW": return "₩"
        default: return nil
        }
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = Currency(raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a currency code"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    // Force-unwrapped constants are fine: the literals are valid codes.
    public static let usd = Currency("USD")!
    public static let eur = Currency("EUR")!
    public static let gbp = Currency("GBP")!
    public static let jpy = Currency("JPY")!
    public static let kwd = Currency("KWD")!

    static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ]
    static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    static let known: Set<String> = zeroDecimal.union(threeDecimal).union([
        "AED", "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS",
        "INR", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "SAR", "SEK", "SGD", "THB", "TRY", "TWD",
        "USD", "ZAR",
    ])
}
