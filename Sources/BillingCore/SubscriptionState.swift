/// A Chargify subscription state; states billtop does not know are kept verbatim, never dropped.
public enum SubscriptionState: APIVocabulary {
    case trialing, assessing, pending, active, softFailure, pastDue, unpaid, canceled, expired
    case suspended, onHold, paused, trialEnded, failedToCreate, awaitingSignup
    case other(String)

    /// The API spellings ("past_due"), matched exactly.
    public static let spellings: [(value: SubscriptionState, spellings: [String])] = [
        (.trialing, ["trialing"]), (.assessing, ["assessing"]), (.pending, ["pending"]), (.active, ["active"]),
        (.softFailure, ["soft_failure"]), (.pastDue, ["past_due"]), (.unpaid, ["unpaid"]),
        (.canceled, ["canceled", "cancelled"]), (.expired, ["expired"]), (.suspended, ["suspended"]),
        (.onHold, ["on_hold"]), (.paused, ["paused"]), (.trialEnded, ["trial_ended"]),
        (.failedToCreate, ["failed_to_create"]), (.awaitingSignup, ["awaiting_signup"]),
    ]

    public var otherSpelling: String? {
        if case .other(let raw) = self { return raw }
        return nil
    }

    /// Dunning is running or has ended without payment.
    public var isProblem: Bool { self == .pastDue || self == .softFailure || self == .unpaid }

    /// The subscription has ended for good.
    public var isEnded: Bool { self == .canceled || self == .expired || self == .failedToCreate }
}
