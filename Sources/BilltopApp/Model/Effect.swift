import BillingActions
import BillingCore

/// Work the reducer asks the loop to do; results come back as actions.
public enum Effect: Sendable, Equatable {
    case loadCustomers(CustomerQuery, offset: Int, limit: Int)
    case loadInvoices(InvoiceQuery, offset: Int, limit: Int)
    case loadDunning(asOf: LocalDate)
    case loadMRR(asOf: LocalDate)
    case loadCustomer(CustomerKey, asOf: LocalDate)
    case loadSync
    /// Every source's health with record counts, for the sync screen (dearer than `loadSync`).
    case loadHealth
    /// Ask the fetcher to sync every source now.
    case syncNow
    case export(ExportRequest)
    /// Load a customer to act on, with the invoice row the menu was opened on.
    case loadActionTarget(CustomerKey, invoiceID: String?, invoiceNumber: String?, asOf: LocalDate)
    /// Fetch a customer's billing-portal link (a read with the source's key).
    case fetchPortalLink(CustomerKey)
    /// Send an action the user confirmed.
    case performAction(BillingActions.Action, source: String)
    /// Send a CRM write the user confirmed, journalled under the customer's billing source.
    case performCRMWrite(CRMWrite, source: String)
    /// Link a customer to a contact by hand ("" unlinks); billtop's own store only.
    case linkContact(CustomerKey, contact: String)
    case quit
}
