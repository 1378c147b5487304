/// A closed set of values an API names by string, open at one end: a spelling billtop does not know is kept
/// verbatim in `other` (never dropped, written back as it came). Invoice statuses and subscription states
/// are both this, so the mapping both ways, the Codable form and the printed form are written once, here;
/// each type gives only its table of spellings.
public protocol APIVocabulary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every known value with the spellings that mean it; the first is the one billtop writes.
    static var spellings: [(value: Self, spellings: [String])] { get }

    /// A spelling not in the table, kept as it came.
    static func other(_ spelling: String) -> Self

    /// The spelling of a value made by `other`, nil for a known value.
    var otherSpelling: String? { get }

    /// The form a spelling is looked up in (as it is by default; a type whose API varies the case lowers it).
    static func lookupForm(_ spelling: String) -> String
}

extension APIVocabulary {
    public static func lookupForm(_ spelling: String) -> String { spelling }

    /// The value of an API spelling: a known one by the table, any other kept verbatim.
    public init(apiValue: String) {
        let key = Self.lookupForm(apiValue)
        self = Self.spellings.first { $0.spellings.contains(key) }?.value ?? Self.other(apiValue)
    }

    /// The API spelling: the table's first for a known value, the original for any other.
    public var apiValue: String {
        if let otherSpelling { return otherSpelling }
        return Self.spellings.first { $0.value == self }?.spellings.first ?? ""
    }

    public var description: String { apiValue }

    public init(from decoder: any Decoder) throws {
        self.init(apiValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(apiValue)
    }
}
