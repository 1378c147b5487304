import BillingCore
import TUIKit

/// The MRR pane: per currency MRR, ARR, ARPA, paying customers, this month's movements and a 12-month trend.
public enum MRRPaneView {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// Facts plain, reconstructions muted, estimates and back-fill as warnings.
    static func role(_ basis: HistoryBasis) -> StyleRole {
        switch basis {
        case .observed: .ok
        case .events: .text
        case .invoices, .backFilled: .warn
        }
    }

    public static func render(_ s: AppState, into grid: inout CellGrid, box: Rect, focused: Bool) {
        let month = "\(monthNames[s.asOf.month - 1]) \(s.asOf.year)"
        Box(title: "MRR (\(month))", focused: focused).render(into: &grid, in: box)
        let inner = box.inset(by: 1)
        guard inner.height >= 3, inner.width >= 20 else { return }
        guard let overview = s.mrr else {
            grid.put("loading…", x: inner.x, y: inner.y, style: CellStyle(.muted), maxX: inner.maxX)
            return
        }
        if overview.currencies.isEmpty {
            let text = overview.computing ? "computing MRR from the synced data…" : "no recurring revenue yet"
            grid.put(text, x: inner.x, y: inner.y, style: CellStyle(.muted), maxX: inner.maxX)
            return
        }
        var y = inner.y
        func line(_ parts: [(String, StyleRole)]) {
            guard y < inner.maxY else { return }
            var x = inner.x
            for (text, role) in parts {
                x = grid.put(
                    text, x: x, y: y, style: CellStyle(role, bold: role == .money || role == .title), maxX: inner.maxX)
            }
            y += 1
        }
        // First, where it cannot be cut off: the figures below leave this out.
        for reason in overview.incomplete { line([("incomplete: ", .danger), (reason, .warn)]) }
        // The currency with the most paying customers first: it is the one the business runs on.
        let ordered = overview.currencies.sorted {
            ($0.payingCustomers, $1.currency.code) > ($1.payingCustomers, $0.currency.code)
        }
        for c in ordered {
            let estimate = c.isEstimate ? " (estimate\(c.basis.map { ": " + $0 } ?? ""))" : ""
            line([
                (c.currency.code + "  ", .title), (MoneyFormatter.format(c.mrr), .money),
                ("  ARR ", .muted), (MoneyFormatter.compact(c.arr), .text),
                ("  ARPA ", .muted), (c.arpa.map { MoneyFormatter.compact($0) } ?? "—", .text),
                ("  \(c.payingCustomers) paying", .muted), (estimate, .warn),
            ])
            let spark = Sparkline.text(c.series)
            let change = Formats.monthOverMonth(c.series) ?? ""
            line([("12 mo ", .muted), (spark, .accent), ("  " + change, change.hasPrefix("-") ? .danger : .ok)])
            let moves: [(String, Money, Bool)] = [
                ("new", c.new, true), ("expansion", c.expansion, true), ("reactivation", c.reactivation, true),
                ("contraction", c.contraction, false), ("churn", c.churn, false),
            ]
            var parts: [(String, StyleRole)] = []
            for (label, amount, up) in moves where !amount.isZero {
                parts.append((label + " ", .muted))
                parts.append(((up ? "+" : "-") + MoneyFormatter.compact(amount) + "  ", up ? .ok : .danger))
            }
            parts.append(("net this month ", .muted))
            parts.append(
                (MoneyFormatter.compact(c.netMovement, showPlus: true), c.netMovement.isNegative ? .danger : .ok))
            line(parts)
        }
        // Each figure's evidence: a back-filled month must never pass for an observed one.
        if let basis = overview.monthBasis {
            var parts: [(String, StyleRole)] = [("history ", .muted), (basis.label, role(basis))]
            if let trend = overview.trendBasis, trend != basis {
                parts += [("  12 mo ", .muted), (trend.label, role(trend))]
            }
            line(parts)
        }
        if !overview.scheduledChurn.isEmpty {
            line([("scheduled churn ", .muted), (Formats.totals(overview.scheduledChurn, compact: true), .warn)])
        }
    }
}
