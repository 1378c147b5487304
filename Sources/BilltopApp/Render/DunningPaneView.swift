import BillingCore
import TUIKit

/// The dunning pane: aging buckets per currency, amount at risk, then alerts ordered by money at risk.
public enum DunningPaneView {
    /// The columns at `width` cells: the name column holds most of the names listed, and grows towards the
    /// widest while the notes keep `notesRoom` cells (a full note: stage, retries, a decline reason and MRR).
    public static func alertColumns(width: Int, names: (most: Int, widest: Int)) -> [TableColumn] {
        // Due, days and state are rigid: they and the four gaps between the five columns come off the width first.
        let fixed = rigidColumns.map(\.width).reduce(0, +) + rigidColumns.count + 1
        let name = min(names.widest, max(names.most, width - fixed - notesRoom))
        return [TableColumn("Customer", width: 12, flex: 2, maxWidth: name)] + rigidColumns + [
            TableColumn("Notes", width: 8, flex: 3)
        ]
    }

    static let rigidColumns = [
        TableColumn("Due", width: 10, align: .right), TableColumn("Days", width: 4, align: .right),
        TableColumn("State", width: 9),
    ]

    static let notesRoom = 66

    /// "step 2, 3 retries · card_declined · card ends 2026-06-30 · cancels 2026-07-01".
    public static func notes(_ alert: DunningAlertRow) -> String {
        var parts: [String] = []
        if let stage = alert.dunningStage {
            parts.append(alert.retries.map { "\(stage), \(Formats.retries($0))" } ?? stage)
        } else if let retries = alert.retries {
            parts.append(Formats.retries(retries))
        }
        if let reason = alert.lastFailureReason { parts.append(reason) }
        if let card = alert.cardExpiring { parts.append("card ends \(card)") }
        if let cancel = alert.scheduledCancellation { parts.append("cancels \(cancel)") }
        if !alert.unreadableDue.isEmpty {
            parts.append(
                "due \(InvoiceAmounts.marker): " + alert.unreadableDue.map { "#\($0)" }.joined(separator: ", "))
        }
        parts.append("MRR \(Formats.totals(alert.customerMRR, compact: true))")
        return parts.joined(separator: " · ")
    }

    /// The alert's due: its amount, or the unreadable marker when an overdue invoice's due could not be read
    /// (with "+" when there is a readable amount as well), never a bare 0.00.
    public static func dueText(_ alert: DunningAlertRow, width: Int) -> String {
        guard !alert.unreadableDue.isEmpty else { return Formats.money(alert.totalDue, width: width) }
        if alert.totalDue.isZero { return InvoiceAmounts.marker }
        return Formats.money(alert.totalDue, width: max(1, width - 1)) + "+"
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, box: Rect, focused: Bool) {
        Box(title: "Dunning (as of \(s.asOf)) · most at risk first", focused: focused).render(into: &grid, in: box)
        let inner = box.inset(by: 1)
        guard inner.height >= 5, inner.width >= 20 else { return }
        guard let d = s.dunning else {
            grid.put("loading…", x: inner.x, y: inner.y, style: CellStyle(.muted), maxX: inner.maxX)
            return
        }
        // Aging table: one row per currency, never summed across currencies.
        let bucketColumns =
            [TableColumn("", width: 4)]
            + AgingBucket.allCases.map { TableColumn($0.label, width: 9, flex: 1, align: .right) }
        let bw = TableColumn.widths(bucketColumns, total: inner.width)
        Table.header(&grid, bucketColumns, widths: bw, x: inner.x, y: inner.y, totalWidth: inner.width)
        var y = inner.y + 1
        let currencies = d.currencies
        if currencies.isEmpty {
            if d.computing {
                grid.put(
                    "computing aging and alerts from the synced data…", x: inner.x, y: y, style: CellStyle(.muted),
                    maxX: inner.maxX)
            } else {
                grid.put("nothing owed", x: inner.x, y: y, style: CellStyle(.ok), maxX: inner.maxX)
            }
            y += 1
        }
        for currency in currencies {
            var values: [(String, StyleRole)] = [(currency.code, .muted)]
            for (column, bucket) in AgingBucket.allCases.enumerated() {
                let amount = d.totals(bucket)[currency]
                let role: StyleRole =
                    amount.isZero ? .muted : (bucket == .current ? .money : (bucket == .days1to30 ? .warn : .danger))
                values.append((amount.isZero ? "—" : Formats.money(amount, width: bw[column + 1]), role))
            }
            Table.row(
                &grid, values, columns: bucketColumns, widths: bw, x: inner.x, y: y, totalWidth: inner.width,
                selected: false, focused: false)
            y += 1
        }
        let risk = Formats.labelledTotals(
            [("overdue ", d.openReceivable), ("MRR at risk ", d.mrrAtRisk)], width: inner.width)
        grid.put(
            TextLayout.truncate(risk, to: inner.width), x: inner.x, y: y, style: CellStyle(.warn, bold: true),
            maxX: inner.maxX)
        y += 1
        let columns = alertColumns(width: inner.width, names: (d.namesWidth, d.widestName))
        let widths = TableColumn.widths(columns, total: inner.width)
        Table.header(&grid, columns, widths: widths, x: inner.x, y: y, totalWidth: inner.width)
        y += 1
        let rows = inner.maxY - y
        if d.alerts.isEmpty {
            if !d.computing {
                grid.put("no account in dunning", x: inner.x, y: y, style: CellStyle(.ok), maxX: inner.maxX)
            }
            return
        }
        for line in 0..<max(0, rows) {
            let index = s.dunningTop + line
            guard index < d.alerts.count else { break }
            let a = d.alerts[index]
            let values: [(String, StyleRole)] = [
                (a.customerName, .text), (dueText(a, width: widths[1]), .danger),
                (a.daysOverdue > 0 ? "\(a.daysOverdue)" : "—", .warn),
                (Formats.state(a.subscriptionState, width: widths[3]), Formats.role(a.subscriptionState)),
                (notes(a), .muted),
            ]
            Table.row(
                &grid, values, columns: columns, widths: widths, x: inner.x, y: y + line, totalWidth: inner.width,
                selected: index == s.dunningSelected, focused: focused)
        }
    }
}
