import BillingCore

/// One account at risk, with everything a CSM needs to decide whom to call first.
public struct DunningAlertRow: Sendable, Equatable {
    public var customer: CustomerKey
    public var customerName: String
    public var customerMRR: MoneyTotals
    /// Amount due on overdue invoices (the ordering key: money at risk).
    public var totalDue: Money
    public var oldestInvoiceNumber: String
    public var daysOverdue: Int
    public var subscriptionState: SubscriptionState?
    /// The dunning step reached, when the source's events say.
    public var dunningStage: String?
    public var retries: Int?
    public var lastFailureReason: String?
    /// The card's last valid day when it expires within 30 days of the as-of date.
    public var cardExpiring: LocalDate?
    /// When a scheduled cancellation takes effect.
    public var scheduledCancellation: LocalDate?
    /// Numbers of overdue invoices whose due amount could not be read (not in `totalDue`; shown as unreadable).
    public var unreadableDue: [String]

    public init(
        customer: CustomerKey, customerName: String, customerMRR: MoneyTotals, totalDue: Money,
        oldestInvoiceNumber: String, daysOverdue: Int, subscriptionState: SubscriptionState?,
        dunningStage: String? = nil, retries: Int? = nil, lastFailureReason: String? = nil,
        cardExpiring: LocalDate? = nil, scheduledCancellation: LocalDate? = nil, unreadableDue: [String] = []
    ) {
        self.customer = customer
        self.customerName = customerName
        self.customerMRR = customerMRR
        self.totalDue = totalDue
        self.oldestInvoiceNumber = oldestInvoiceNumber
        self.daysOverdue = daysOverdue
        self.subscriptionState = subscriptionState
        self.dunningStage = dunningStage
        self.retries = retries
        self.lastFailureReason = lastFailureReason
        self.cardExpiring = cardExpiring
        self.scheduledCancellation = scheduledCancellation
        self.unreadableDue = unreadableDue
    }
}
