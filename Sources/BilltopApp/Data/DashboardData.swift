import BillingCore
import BillingStore

/// The seam between the dashboard and its data: exactly the queries the panes need.
///
/// Calls are synchronous and should be fast (indexed reads, precomputed aggregates): the UI loop's worker
/// thread makes them one at a time, and the panes wait for them, not the keys. Implementations:
/// `FixtureDashboardData` (tests), `StoreDashboardData` (the real store).
public protocol DashboardData: Sendable {
    /// Customers matching a type-ahead text, sorted, a window of them.
    func customers(_ query: CustomerQuery, offset: Int, limit: Int) throws -> RowWindow<CustomerRow>
    /// Invoices passing the filters, sorted, a window of them, with per-currency totals of all that pass.
    func invoices(_ query: InvoiceQuery, offset: Int, limit: Int) throws -> InvoicePage
    /// Aging buckets and dunning alerts as of a date.
    func dunning(asOf: LocalDate, limit: Int) throws -> DunningOverview
    /// MRR per currency, movements this month and the 12-month series.
    func mrr(asOf: LocalDate) throws -> MRROverview
    /// One customer's profile, subscriptions, invoices with payments and standing; nil when unknown.
    func customer(_ key: CustomerKey, asOf: LocalDate) throws -> CustomerProfile?
    /// Sources, what the fetcher is doing and its recent log.
    func syncStatus() throws -> SyncOverview
    /// Every source's and GHL location's health with its streams' record counts (the sync screen).
    func sourceHealth(now: Timestamp) throws -> [SourceHealth]
}
