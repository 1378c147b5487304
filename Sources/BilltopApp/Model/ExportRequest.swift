import BillingCore

/// What `e` exports: the current view with its filters and sort.
public enum ExportRequest: Sendable, Equatable {
    case customers(CustomerQuery)
    case invoices(InvoiceQuery)
    case dunning(asOf: LocalDate)
    case mrr(asOf: LocalDate)
    case customer(CustomerKey, asOf: LocalDate)

    /// Short name used in the file name ("customers", "invoices", ...).
    public var name: String {
        switch self {
        case .customers: "customers"
        case .invoices: "invoices"
        case .dunning: "dunning"
        case .mrr: "mrr"
        case .customer: "customer"
        }
    }
}
