/// An invoice with its amounts, lines and payments. Identity is the source's `uid` (Chargify `inv_...`).
public struct Invoice: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// The customer-facing number.
    public var number: String
    public var customerID: String
    public var subscriptionID: String?
    public var status: InvoiceStatus
    public var currency: Currency
    public var issueDate: LocalDate?
    public var dueDate: LocalDate?
    public var paidDate: LocalDate?
    public var subtotal: Money
    public var discount: Money
    public var tax: Money
    public var total: Money
    public var credit: Money
    public var paid: Money
    public var refund: Money
    /// Still to pay: total - credits - payments.
    public var due: Money
    public var productName: String
    public var memo: String
    public var lineItems: [InvoiceLineItem]
    public var payments: [Payment]
    public var createdAt: Timestamp?
    public var updatedAt: Timestamp?
    /// Amounts the source sent that could not be read: zero in their fields, shown as unreadable.
    public var unreadable: InvoiceAmounts

    public init(
        id: String, number: String, customerID: String, subscriptionID: String? = nil, status: InvoiceStatus,
        currency: Currency, issueDate: LocalDate? = nil, dueDate: LocalDate? = nil, paidDate: LocalDate? = nil,
        subtotal: Money? = nil, discount: Money? = nil, tax: Money? = nil, total: Money, credit: Money? = nil,
        paid: Money? = nil, refund: Money? = nil, due: Money, productName: String = "", memo: String = "",
        lineItems: [InvoiceLineItem] = [], payments: [Payment] = [], createdAt: Timestamp? = nil,
        updatedAt: Timestamp? = nil, unreadable: InvoiceAmounts = []
    ) {
        let zero = Money.zero(currency)
        self.id = id
        self.number = number
        self.customerID = customerID
        self.subscriptionID = subscriptionID
        self.status = status
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.paidDate = paidDate
        self.subtotal = subtotal ?? total
        self.discount = discount ?? zero
        self.tax = tax ?? zero
        self.total = total
        self.credit = credit ?? zero
        self.paid = paid ?? zero
        self.refund = refund ?? zero
        self.due = due
        self.productName = productName
        self.memo = memo
        self.lineItems = lineItems
        self.payments = payments
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.unreadable = unreadable
    }

    /// Collectible with money still due, or with a due amount that could not be read: such an invoice may
    /// be owed, so it stays in sight (open, overdue, in dunning) with its marker instead of vanishing as 0.00.
    public var isOpen: Bool {
        status.isCollectible && (due.isPositive || unreadable.contains(.due))
    }

    /// Overdue on `date`: open (see `isOpen`), and the due date is before that day.
    public func isOverdue(on date: LocalDate) -> Bool {
        guard isOpen, let dueDate else { return false }
        return dueDate < date
    }

    /// Whole days past the due date on `date` (0 when not overdue).
    public func daysOverdue(on date: LocalDate) -> Int {
        guard isOverdue(on: date), let dueDate else { return 0 }
        return dueDate.days(until: date)
    }
}
