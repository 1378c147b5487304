/// An invoice status, normalised across Chargify and Truto; unknown statuses are kept verbatim.
public enum InvoiceStatus: APIVocabulary {
    case draft, open, pending, processing, paid, voided, canceled, failed, refunded
    case other(String)

    /// Both Chargify's and Truto's unified spellings, in any case.
    public static let spellings: [(value: InvoiceStatus, spellings: [String])] = [
        (.draft, ["draft"]), (.open, ["open"]), (.pending, ["pending"]), (.processing, ["processing"]),
        (.paid, ["paid"]), (.voided, ["voided", "void"]), (.canceled, ["canceled", "cancelled"]),
        (.failed, ["failed"]), (.refunded, ["refunded"]),
    ]

    public static func lookupForm(_ spelling: String) -> String { spelling.lowercased() }

    public var otherSpelling: String? {
        if case .other(let raw) = self { return raw }
        return nil
    }

    /// Money may still be owed on an invoice in this status (it can become overdue).
    public var isCollectible: Bool {
        switch self {
        case .open, .pending, .processing, .failed: true
        default: false
        }
    }
}
