import BillingCore
import TUIKit

/// The customer screen: profile and standing, subscriptions with MRR, invoice history with payments.
public enum CustomerScreenView {
    static let subscriptionColumns = [
        TableColumn("Product", width: 12, flex: 2), TableColumn("State", width: 12),
        TableColumn("MRR", width: 11, align: .right),
        TableColumn("Billed", width: 9), TableColumn("Next / ends", width: 11), TableColumn("Card", width: 10, flex: 1),
    ]
    static let invoiceColumns = [
        TableColumn("Number", width: 10), TableColumn("Issued", width: 10), TableColumn("Due date", width: 10),
        TableColumn("Total", width: 12, align: .right), TableColumn("Due", width: 12, align: .right),
        TableColumn("Status", width: 12, flex: 1),
    ]

    public static func render(_ s: AppState, into grid: inout CellGrid, body: Rect) {
        guard case .customer(let key) = s.screen else { return }
        guard let d = s.detail else {
            Box(title: "Customer \(key.id)", focused: true).render(into: &grid, in: body)
            let text = s.detailMissing ? "customer \(key.id) is not in the store (Esc goes back)" : "loading…"
            grid.put(
                TextLayout.truncate(text, to: body.width - 2), x: body.x + 1, y: body.y + 1, style: CellStyle(.muted),
                maxX: body.maxX - 1)
            return
        }
        let c = d.customer
        Box(title: "Customer · \(c.displayName)", focused: true).render(into: &grid, in: body)
        let inner = body.inset(by: 1)
        guard inner.height >= 6 else { return }
        var y = inner.y
        let half = inner.width / 2
        let standingRole: StyleRole =
            ["unpaid", "past due", "overdue"].contains(d.standing) ? .danger : (d.standing == "active" ? .ok : .muted)
        let left: [(String, String, StyleRole)] = [
            ("Name", c.displayName, .text), ("Organisation", c.organization, .text), ("Email", c.email, .text),
            ("Reference", c.reference, .text), ("Id", "\(key.source) / \(key.id)", .muted),
        ]
        let right: [(String, String, StyleRole)] = [
            ("Standing", d.standing, standingRole), ("MRR", Formats.totals(d.mrr), .money),
            ("Overdue", Formats.totals(d.overdue), d.overdue.isEmpty ? .muted : .danger),
            ("Open", Formats.totals(d.openDue), .money),
            ("Location", [c.city, c.country].filter { !$0.isEmpty }.joined(separator: ", "), .text),
        ]
        for i in 0..<left.count {
            label(&grid, left[i], x: inner.x, y: y + i, width: half - 1)
            label(&grid, right[i], x: inner.x + half, y: y + i, width: inner.width - half)
        }
        y += left.count + 1
        // Subscriptions.
        let sw = TableColumn.widths(subscriptionColumns, total: inner.width)
        Table.header(&grid, subscriptionColumns, widths: sw, x: inner.x, y: y, totalWidth: inner.width)
        y += 1
        if d.subscriptions.isEmpty {
            grid.put("no subscriptions", x: inner.x, y: y, style: CellStyle(.muted), maxX: inner.maxX)
            y += 1
        }
        for line in d.subscriptions.prefix(max(0, (inner.maxY - y) / 3)) {
            let sub = line.subscription
            let next =
                sub.hasScheduledCancellation
                ? "ends " + ((sub.scheduledCancellationAt ?? sub.currentPeriodEndsAt)?.utcDate.description ?? "?")
                : (sub.nextAssessmentAt?.utcDate.description ?? "—")
            let card =
                sub.creditCard.map {
                    "\(Formats.cardBrand($0.cardType)) \(String($0.maskedNumber.suffix(4))) \($0.expirationMonth)/\($0.expirationYear % 100)"
                } ?? "—"
            let values: [(String, StyleRole)] = [
                (sub.productName, .text), (Formats.state(sub.state, width: sw[1]), Formats.role(sub.state)),
                (line.mrr.map { MoneyFormatter.format($0) } ?? "—", line.mrr == nil ? .muted : .money),
                (sub.interval.description, .muted), (next, sub.hasScheduledCancellation ? .warn : .muted),
                (card, .muted),
            ]
            Table.row(
                &grid, values, columns: subscriptionColumns, widths: sw, x: inner.x, y: y, totalWidth: inner.width,
                selected: false, focused: false)
            y += 1
        }
        y += 1
        guard y < inner.maxY - 1 else { return }
        // Invoice history with payments, scrolled by j/k.
        let iw = TableColumn.widths(invoiceColumns, total: inner.width)
        Table.header(&grid, invoiceColumns, widths: iw, x: inner.x, y: y, totalWidth: inner.width)
        y += 1
        var lines: [[(String, StyleRole)]] = []
        for invoice in d.invoices {
            let overdue = invoice.isOverdue(on: d.asOf)
            let status =
                overdue ? Formats.overdue(days: invoice.daysOverdue(on: d.asOf), width: iw[5]) : invoice.status.apiValue
            lines.append([
                (invoice.number, .text), (invoice.issueDate?.description ?? "—", .muted),
                (invoice.dueDate?.description ?? "—", .muted),
                invoice.unreadable.contains(.total)
                    ? (InvoiceAmounts.marker, .danger) : (MoneyFormatter.format(invoice.total), .money),
                invoice.unreadable.contains(.due)
                    ? (InvoiceAmounts.marker, .danger)
                    : (
                        invoice.due.isZero ? "—" : MoneyFormatter.format(invoice.due),
                        invoice.due.isZero ? .muted : .money
                    ),
                (status, overdue ? .danger : (invoice.status == .paid ? .ok : .warn)),
            ])
            for p in invoice.payments {
                let when = p.transactionTime?.utcDate.description ?? "?"
                let how = Formats.paymentMethod(p.method, detail: p.methodDetail)
                lines.append([
                    ("  ↳ paid", .ok), (when, .muted), ("", .muted), (MoneyFormatter.format(p.appliedAmount), .ok),
                    ("", .muted), (how, .muted),
                ])
            }
        }
        if lines.isEmpty { grid.put("no invoices", x: inner.x, y: y, style: CellStyle(.muted), maxX: inner.maxX) }
        for (i, values) in lines.dropFirst(s.detailScroll).prefix(max(0, inner.maxY - y)).enumerated() {
            Table.row(
                &grid, values, columns: invoiceColumns, widths: iw, x: inner.x, y: y + i, totalWidth: inner.width,
                selected: false, focused: false)
        }
    }

    static func label(_ grid: inout CellGrid, _ item: (String, String, StyleRole), x: Int, y: Int, width: Int) {
        let labelWidth = 13
        grid.field(item.0, x: x, y: y, width: min(labelWidth, width), style: CellStyle(.muted))
        grid.field(
            item.1.isEmpty ? "—" : item.1, x: x + labelWidth, y: y, width: max(0, width - labelWidth),
            style: CellStyle(item.2))
    }
}
