import BillingCore

/// One live invoice as the invoices pane lists it, with its source and customer's display name.
public struct InvoiceListRow: Sendable, Equatable {
    public var id: String
    public var number: String
    public var sourceName: String
    public var customerID: String
    public var customerName: String
    public var status: InvoiceStatus
    public var issueDate: LocalDate?
    public var dueDate: LocalDate?
    /// In the invoice's currency (an unknown code reads as USD, as rows are drawn).
    public var total: Money
    public var due: Money
    /// Amounts the source sent unreadable (0 in `total` and `due`).
    public var unreadable: InvoiceAmounts
}
