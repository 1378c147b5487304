/// An invoice status, normalised across Chargify and Truto; unknown statuses are kept verbatim.
public enum InvoiceStatus: Hashable, Sendable, Codable, CustomStringConvertible {
    case draft, open, pending, processing, paid, voided, canceled, failed, refunded
    case other(String)

    /// Maps both Chargify's and Truto's unified spellings.
    public init(apiValue: String) {
        switch apiValue.lowercased() {
        case "draft": self = .draft
        case "open": self = .open
        case "pending": self = .pending
        case "processing": self = .processing
        case "paid": self = .paid
        case "voided", "void": self = .voided
        case "canceled", "cancelled": self = .canceled
        case "failed": self = .failed
        case "refunded": self = .refunded
        default: self = .other(apiValue)
        }
    }

    public var apiValue: String {
        switch self {
        case .draft: "draft"
        case .open: "open"
        case .pending: "pending"
        case .processing: "processing"
        case .paid: "paid"
        case .voided: "voided"
        case .canceled: "canceled"
        case .failed: "failed"
        case .refunded: "refunded"
        case .other(let raw): raw
        }
    }

    /// Money may still be owed on an invoice in this status (it can become overdue).
    public var isCollectible: Bool {
        switch self {
        case .open, .pending, .processing, .failed: true
        default: false
        }
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
