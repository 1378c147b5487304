import BillingCore

/// One line of the invoices pane.
public struct InvoiceRow: Sendable, Equatable {
    public var id: String
    public var number: String
    public var customer: CustomerKey
    public var customerName: String
    public var status: InvoiceStatus
    public var issueDate: LocalDate?
    public var dueDate: LocalDate?
    public var total: Money
    public var due: Money
    /// Whole days past due on the query's as-of date; 0 when not overdue.
    public var daysOverdue: Int

    public init(
        id: String, number: String, customer: CustomerKey, customerName: String, status: InvoiceStatus,
        issueDate: LocalDate?, dueDate: LocalDate?, total: Money, due: Money, daysOverdue: Int
    ) {
        self.id = id
        self.number = number
        self.customer = customer
        self.customerName = customerName
        self.status = status
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.total = total
        self.due = due
        self.daysOverdue = daysOverdue
    }

    public var isOverdue: Bool { daysOverdue > 0 }
}
