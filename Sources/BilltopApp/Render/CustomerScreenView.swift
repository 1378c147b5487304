import BillingCore
import TUIKit

/// The customer screen: profile and standing, subscriptions with MRR, invoice history with payments, then the
/// timeline of the account's events (newest first); invoices and timeline scroll together with j/k.
public enum CustomerScreenView {
    /// A line of the scrolled part: an invoice or payment row, or the timeline's heading or one of its entries.
    enum ScrollLine {
        case invoice([(String, StyleRole)])
        case blank
        case heading(String)
        case entry(TimelineEntry)
    }

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
    static let timelineColumns = [
        TableColumn("When", width: 10), TableColumn("What", width: 7), TableColumn("Amount", width: 12, align: .right),
        TableColumn("", width: 12, flex: 1),
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
            // An ended subscription shows the day it ended (its state says how), never a next billing day it
            // will not have; a live one its next billing day or its scheduled end.
            let next =
                if sub.state == .canceled || sub.state == .expired {
                    (sub.state == .canceled ? sub.canceledAt : sub.expiresAt)?.utcDate.description ?? "—"
                } else if sub.hasScheduledCancellation {
                    "ends " + ((sub.scheduledCancellationAt ?? sub.currentPeriodEndsAt)?.utcDate.description ?? "?")
                } else {
                    sub.nextAssessmentAt?.utcDate.description ?? "—"
                }
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
        if let crm = d.crm, y < inner.maxY - 4 {
            y = CRMPanelView.render(crm, asOf: d.asOf, into: &grid, x: inner.x, y: y + 1, width: inner.width)
        }
        y += 1
        guard y < inner.maxY - 1 else { return }
        // Invoice history with payments, scrolled by j/k.
        let iw = TableColumn.widths(invoiceColumns, total: inner.width)
        Table.header(&grid, invoiceColumns, widths: iw, x: inner.x, y: y, totalWidth: inner.width)
        y += 1
        var lines: [ScrollLine] = []
        for invoice in d.invoices {
            let overdue = invoice.isOverdue(on: d.asOf)
            let status =
                overdue ? Formats.overdue(days: invoice.daysOverdue(on: d.asOf), width: iw[5]) : invoice.status.apiValue
            lines.append(
                .invoice([
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
                ]))
            for p in invoice.payments {
                let when = p.transactionTime?.utcDate.description ?? "?"
                let how = Formats.paymentMethod(p.method, detail: p.methodDetail)
                lines.append(
                    .invoice([
                        ("  ↳ paid", .ok), (when, .muted), ("", .muted), (MoneyFormatter.format(p.appliedAmount), .ok),
                        ("", .muted), (how, .muted),
                    ]))
            }
        }
        if !d.timeline.isEmpty {
            lines.append(.blank)
            lines.append(.heading("Timeline · newest first (\(d.timeline.count))"))
            lines += d.timeline.map { .entry($0) }
        }
        if d.invoices.isEmpty { grid.put("no invoices", x: inner.x, y: y, style: CellStyle(.muted), maxX: inner.maxX) }
        let tw = TableColumn.widths(timelineColumns, total: inner.width)
        // With no invoices, "no invoices" holds the first row and the timeline starts below it.
        let top = y + (d.invoices.isEmpty ? 1 : 0)
        for (i, line) in lines.dropFirst(s.detailScroll).prefix(max(0, inner.maxY - top)).enumerated() {
            let row = top + i
            switch line {
            case .invoice(let values):
                Table.row(
                    &grid, values, columns: invoiceColumns, widths: iw, x: inner.x, y: row, totalWidth: inner.width,
                    selected: false, focused: false)
            case .blank: break
            case .heading(let text):
                grid.put(text, x: inner.x, y: row, style: CellStyle(.accent, bold: true), maxX: inner.maxX)
            case .entry(let entry):
                Table.row(
                    &grid, timelineValues(entry), columns: timelineColumns, widths: tw, x: inner.x, y: row,
                    totalWidth: inner.width, selected: false, focused: false)
            }
        }
    }

    /// When, what, amount and text of a timeline entry, coloured by what it means for the account.
    static func timelineValues(_ entry: TimelineEntry) -> [(String, StyleRole)] {
        let role: StyleRole =
            switch entry.kind {
            case .paymentFailure, .dunning: .danger
            case .payment: .ok
            case .stateChange, .action: .warn
            case .note, .other: .text
            case .mrr: entry.amount.map { $0.isPositive ? .ok : .warn } ?? .text
            }
        return [
            (entry.at?.utcDate.description ?? "—", .muted), (entry.kind.rawValue, role),
            (entry.amount.map { MoneyFormatter.format($0) } ?? "", entry.amount == nil ? .muted : .money),
            (entry.text, .text),
        ]
    }

    static func label(_ grid: inout CellGrid, _ item: (String, String, StyleRole), x: Int, y: Int, width: Int) {
        let labelWidth = 13
        grid.field(item.0, x: x, y: y, width: min(labelWidth, width), style: CellStyle(.muted))
        grid.field(
            item.1.isEmpty ? "—" : item.1, x: x + labelWidth, y: y, width: max(0, width - labelWidth),
            style: CellStyle(item.2))
    }
}
