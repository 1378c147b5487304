/// One customer the CSM should look at: money overdue, a subscription in dunning, or both.
public struct DunningAlert: Hashable, Sendable, Codable {
    /// The oldest overdue invoice of the customer.
    public struct OverdueInvoice: Hashable, Sendable, Codable {
        public var invoiceID: String
        /// Sanitised invoice number.
        public var number: String
        public var dueDate: LocalDate
        public var daysOverdue: Int
        public var due: Money

        public init(invoiceID: String, number: String, dueDate: LocalDate, daysOverdue: Int, due: Money) {
            self.invoiceID = invoiceID
            self.number = number
            self.dueDate = dueDate
            self.daysOverdue = daysOverdue
            self.due = due
        }
    }

    public var customerID: String
    /// Sanitised display name.
    public var customerName: String
    /// The customer's MRR per currency.
    public var customerMRR: MoneyTotals
    public var oldestOverdue: OverdueInvoice?
    /// Outstanding on overdue invoices, per currency.
    public var totalDue: MoneyTotals
    /// The most serious subscription state (unpaid > past_due > soft_failure > others).
    public var subscriptionState: SubscriptionState?
    public var dunning: DunningEventSummary
    /// The last day of a card that stops working within 30 days of the as-of date.
    public var cardExpiringOn: LocalDate?
    /// The day a scheduled cancellation takes effect.
    public var scheduledCancellationOn: LocalDate?
    /// The currency the money at risk is measured in (of the oldest overdue invoice, else of the subscription).
    public var riskCurrency: Currency
    /// Money at risk = overdue due + customer MRR, in `riskCurrency`: the ordering key.
    public var moneyAtRisk: Money
    /// Sanitised numbers of overdue invoices whose due amount could not be read (not in `totalDue` or
    /// `moneyAtRisk`; every output names them). Nil when there are none; optional so that alerts stored
    /// as JSON before it existed still decode.
    public var unreadableDue: [String]?

    public init(
        customerID: String, customerName: String, customerMRR: MoneyTotals, oldestOverdue: OverdueInvoice?,
        totalDue: MoneyTotals, subscriptionState: SubscriptionState?, dunning: DunningEventSummary,
        cardExpiringOn: LocalDate?, scheduledCancellationOn: LocalDate?, riskCurrency: Currency, moneyAtRisk: Money
    ) {
        self.customerID = customerID
        self.customerName = customerName
        self.customerMRR = customerMRR
        self.oldestOverdue = oldestOverdue
        self.totalDue = totalDue
        self.subscriptionState = subscriptionState
        self.dunning = dunning
        self.cardExpiringOn = cardExpiringOn
        self.scheduledCancellationOn = scheduledCancellationOn
        self.riskCurrency = riskCurrency
        self.moneyAtRisk = moneyAtRisk
    }

    /// True when a card stops working within 30 days.
    public var cardExpiringSoon: Bool { cardExpiringOn != nil }
}
