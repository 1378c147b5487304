import BillingCore

/// Work the reducer asks the loop to do; results come back as actions.
public enum Effect: Sendable, Equatable {
    case loadCustomers(CustomerQuery, offset: Int, limit: Int)
    case loadInvoices(InvoiceQuery, offset: Int, limit: Int)
    case loadDunning(asOf: LocalDate)
    case loadMRR(asOf: LocalDate)
    case loadCustomer(CustomerKey, asOf: LocalDate)
    case loadSync
    /// Ask the fetcher to sync every source now.
    case syncNow
    case export(ExportRequest)
    case quit
}
