import BillingCore

/// One line of the customers pane: who, and the three numbers an agent scans for.
public struct CustomerRow: Sendable, Equatable {
    public var key: CustomerKey
    public var name: String
    public var email: String
    public var organization: String
    public var reference: String
    /// Customer MRR per currency (usually one).
    public var mrr: MoneyTotals
    /// The most telling subscription state (a problem state wins over active), nil without subscriptions.
    public var state: SubscriptionState?
    /// Sum of overdue invoice amounts due, per currency.
    public var overdue: MoneyTotals

    public init(
        key: CustomerKey, name: String, email: String = "", organization: String = "", reference: String = "",
        mrr: MoneyTotals = MoneyTotals(), state: SubscriptionState? = nil, overdue: MoneyTotals = MoneyTotals()
    ) {
        self.key = key
        self.name = name
        self.email = email
        self.organization = organization
        self.reference = reference
        self.mrr = mrr
        self.state = state
        self.overdue = overdue
    }
}
