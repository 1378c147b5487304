import BillingCore
import TUIKit

/// The widest number, total and due in a loaded window of invoice rows: the invoices pane sizes those columns
/// to it. Measured once when a window loads (the reducer), not on every frame, and over the whole window (not
/// only the rows on screen), so the columns hold still while the selection scrolls through it.
public struct InvoiceColumnFit: Sendable, Equatable {
    public var number: Int
    public var total: Int
    public var due: Int

    public init(number: Int, total: Int, due: Int) {
        self.number = number
        self.total = total
        self.due = due
    }

    /// The fit of `rows`; nil when there are none (the pane then uses its standard widths).
    public init?(_ rows: [InvoiceRow]) {
        guard !rows.isEmpty else { return nil }
        var fit = InvoiceColumnFit(number: 0, total: 0, due: 0)
        for row in rows {
            fit.number = max(fit.number, DisplayWidth.of(TextSanitizer.clean(row.number)))
            fit.total = max(fit.total, DisplayWidth.of(row.totalText))
            fit.due = max(fit.due, DisplayWidth.of(row.dueText))
        }
        self = fit
    }
}
