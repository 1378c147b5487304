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
    /// Amounts the source sent in a form billtop could not read (zero in `total`/`due`; shown as unreadable).
    public var unreadable: InvoiceAmounts

    public init(
        id: String, number: String, customer: CustomerKey, customerName: String, status: InvoiceStatus,
        issueDate: LocalDate?, dueDate: LocalDate?, total: Money, due: Money, daysOverdue: Int,
        unreadable: InvoiceAmounts = []
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
        self.unreadable = unreadable
    }

    public var isOverdue: Bool { daysOverdue > 0 }

    /// Collectible with money due, or with a due that could not be read (as `Invoice.isOpen`).
    public var isOpen: Bool { status.isCollectible && (due.isPositive || unreadable.contains(.due)) }

    /// The total as the pane shows it: formatted, or the unreadable marker.
    public var totalText: String { unreadable.contains(.total) ? InvoiceAmounts.marker : MoneyFormatter.format(total) }

    /// The due as the pane shows it: the marker when unreadable, "—" when nothing is due, else formatted.
    public var dueText: String {
        unreadable.contains(.due) ? InvoiceAmounts.marker : due.isZero ? "—" : MoneyFormatter.format(due)
    }
}
