/// A Chargify subscription state; states billtop does not know are kept verbatim, never dropped.
public enum SubscriptionState: Hashable, Sendable, Codable, CustomStringConvertible {
    case trialing, assessing, pending, active, softFailure, pastDue, unpaid, canceled, expired
    case suspended, onHold, paused, trialEnded, failedToCreate, awaitingSignup
    case other(String)

    /// The state from its API spelling ("past_due").
    public init(apiValue: String) {
        switch apiValue {
        case "trialing": self = .trialing
        case "assessing": self = .assessing
        case "pending": self = .pending
        case "active": self = .active
        case "soft_failure": self = .softFailure
        case "past_due": self = .pastDue
        case "unpaid": self = .unpaid
        case "canceled", "cancelled": self = .canceled
        case "expired": self = .expired
        case "suspended": self = .suspended
        case "on_hold": self = .onHold
        case "paused": self = .paused
        case "trial_ended": self = .trialEnded
        case "failed_to_create": self = .failedToCreate
        case "awaiting_signup": self = .awaitingSignup
        default: self = .other(apiValue)
        }
    }

    /// The API spelling.
    public var apiValue: String {
        switch self {
        case .trialing: "trialing"
        case .assessing: "assessing"
        case .pending: "pending"
        case .active: "active"
        case .softFailure: "soft_failure"
        case .pastDue: "past_due"
        case .unpaid: "unpaid"
        case .canceled: "canceled"
        case .expired: "expired"
        case .suspended: "suspended"
        case .onHold: "on_hold"
        case .paused: "paused"
        case .trialEnded: "trial_ended"
        case .failedToCreate: "failed_to_create"
        case .awaitingSignup: "awaiting_signup"
        case .other(let raw): raw
        }
    }

    /// Dunning is running or has ended without payment.
    public var isProblem: Bool { self == .pastDue || self == .softFailure || self == .unpaid }

    /// The subscription has ended for good.
    public var isEnded: Bool { self == .canceled || self == .expired || self == .failedToCreate }

    public var description: String { apiValue }

    public init(from decoder: any Decoder) throws {
        self.init(apiValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(apiValue)
    }
}
