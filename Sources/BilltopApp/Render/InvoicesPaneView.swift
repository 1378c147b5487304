import BillingCore
import TUIKit

/// The invoices pane: filters, then number, customer, total, due and when, then totals of what is shown.
public enum InvoicesPaneView {
    /// The columns at `width`. The number, total and due columns shrink to `fit` (never below their title),
    /// so a half-width pane leaves the customer's name more than ten cells.
    public static func columns(width: Int, fit: InvoiceColumnFit? = nil) -> [TableColumn] {
        func sized(_ title: String, _ standard: Int, _ widest: Int?) -> Int {
            guard let widest else { return standard }
            return min(max(widest, title.count), 16)
        }
        var columns = [
            TableColumn("Number", width: sized("Number", 10, fit?.number)), TableColumn("Customer", width: 10, flex: 1),
        ]
        if width >= 84 { columns.append(TableColumn("Issued", width: 10)) }
        columns += [
            TableColumn("Total", width: sized("Total", 11, fit?.total), align: .right),
            TableColumn("Due", width: sized("Due", 11, fit?.due), align: .right), TableColumn("When", width: 11),
        ]
        return columns
    }

    public static func title(_ q: InvoiceQuery) -> String {
        if q.status == .all && q.dateRange == .any && q.customer == nil && q.sort == .attention && !q.descending {
            return "Invoices · overdue and open first"
        }
        var parts = ["Invoices"]
        if q.status != .all { parts.append(q.status.rawValue) }
        if q.dateRange != .any { parts.append(q.dateRange.label) }
        if let name = q.customerName ?? q.customer?.id { parts.append(name) }
        parts.append("by \(q.sort.rawValue) \(q.descending ? "↑" : "↓")")
        return parts.joined(separator: " · ")
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, box: Rect, focused: Bool) {
        let q = s.invoiceQuery
        Box(title: title(q), focused: focused).render(into: &grid, in: box)
        let inner = box.inset(by: 1)
        guard inner.height >= 4, inner.width >= 10 else { return }
        let customer = q.customerName ?? q.customer?.id ?? "all"
        let filters =
            "f status: \(q.status.rawValue) · d \(q.dateRange.label) · c customer: \(customer) · s \(q.sort.rawValue)"
        grid.put(
            TextLayout.truncate(filters, to: inner.width), x: inner.x, y: inner.y, style: CellStyle(.muted),
            maxX: inner.maxX)
        let columns = columns(width: inner.width, fit: s.invoiceColumnFit)
        let widths = TableColumn.widths(columns, total: inner.width)
        Table.header(&grid, columns, widths: widths, x: inner.x, y: inner.y + 1, totalWidth: inner.width)
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 3)
        let totalsY = inner.maxY - 1
        guard s.invoices.loaded else {
            grid.put("loading…", x: list.x, y: list.y, style: CellStyle(.muted), maxX: list.maxX)
            return
        }
        if s.invoices.total == 0 {
            grid.put("no invoices match these filters", x: list.x, y: list.y, style: CellStyle(.muted), maxX: list.maxX)
        }
        let withIssued = columns.count == 6
        for line in 0..<list.height {
            let index = s.invoices.top + line
            guard index < s.invoices.total, let row = s.invoices.page.row(at: index) else { continue }
            let open = row.isOpen
            let whenRole: StyleRole = row.isOverdue ? .danger : (open ? .warn : .muted)
            var values: [(String, StyleRole)] = [(row.number, .text), (row.customerName, .text)]
            if withIssued { values.append((row.issueDate?.description ?? "—", .muted)) }
            values += [
                (row.totalText, row.unreadable.contains(.total) ? .danger : .money),
                (row.dueText, row.unreadable.contains(.due) ? .danger : row.due.isZero ? .muted : .money),
                (Formats.dueText(row, asOf: q.asOf, width: widths[widths.count - 1]), whenRole),
            ]
            Table.row(
                &grid, values, columns: columns, widths: widths, x: list.x, y: list.y + line, totalWidth: list.width,
                selected: index == s.invoices.selected, focused: focused)
        }
        let unreadable = s.invoiceUnreadableDue > 0 ? " + \(s.invoiceUnreadableDue) \(InvoiceAmounts.marker)" : ""
        let totals =
            "Σ \(s.invoices.total) shown · total \(Formats.totals(s.invoiceTotals)) · due \(Formats.totals(s.invoiceDueTotals))\(unreadable)"
        grid.put(
            TextLayout.truncate(totals, to: inner.width), x: inner.x, y: totalsY, style: CellStyle(.money, bold: true),
            maxX: inner.maxX)
    }
}
