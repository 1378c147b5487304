import BillingCore

/// A window of invoice rows plus the per-currency totals of everything the filter shows (not just the window).
public struct InvoicePage: Sendable, Equatable {
    public var page: RowWindow<InvoiceRow>
    /// Sum of invoice totals per currency over the whole filtered list.
    public var totals: MoneyTotals
    /// Sum of amounts still due per currency over the whole filtered list.
    public var dueTotals: MoneyTotals
    /// Invoices of the filtered list whose due could not be read (`InvoiceAmounts`): not in `dueTotals`.
    public var unreadableDue: Int

    public init(page: RowWindow<InvoiceRow>, totals: MoneyTotals, dueTotals: MoneyTotals, unreadableDue: Int = 0) {
        self.page = page
        self.totals = totals
        self.dueTotals = dueTotals
        self.unreadableDue = unreadableDue
    }

    public static let empty = InvoicePage(page: .empty, totals: MoneyTotals(), dueTotals: MoneyTotals())
}
