import Foundation
import BillingCore
import TUIKit

/// How numbers, dates and states read on screen.
public enum Formats {
    /// Per-currency totals side by side ("$1,200.00 · €980.00"), "—" when empty.
    public static func totals(_ totals: MoneyTotals, compact: Bool = false) -> String {
        let amounts = totals.nonZeroAmounts
        guard !amounts.isEmpty else { return "—" }
        return amounts.map { compact ? MoneyFormatter.compact($0) : MoneyFormatter.format($0) }.joined(separator: " · ")
    }

    /// "14s ago", "3m ago", "2h ago", "5d ago".
    public static func ago(_ then: Timestamp, now: Timestamp) -> String {
        let s = max(0, now.secondsSinceEpoch - then.secondsSinceEpoch)
        if s < 60 { return "\(s)s ago" }
        if s < 3600 { return "\(s / 60)m ago" }
        if s < 86_400 { return "\(s / 3600)h ago" }
        return "\(s / 86_400)d ago"
    }

    /// "12d overdue", "due in 3d", "due today", or the status for settled invoices.
    public static func dueText(_ row: InvoiceRow, asOf: LocalDate) -> String {
        if row.isOverdue { return "\(row.daysOverdue)d overdue" }
        guard row.status.isCollectible, row.due.isPositive else { return row.status.apiValue }
        guard let due = row.dueDate else { return "open" }
        let days = asOf.days(until: due)
        return days == 0 ? "due today" : "due in \(days)d"
    }

    /// The role a subscription state is drawn in.
    public static func role(_ state: SubscriptionState?) -> StyleRole {
        guard let state else { return .muted }
        if state.isProblem { return .danger }
        if state == .active { return .ok }
        if state == .trialing { return .accent }
        return .muted
    }

    /// "past due" for past_due.
    public static func state(_ state: SubscriptionState?) -> String {
        state?.apiValue.replacingOccurrences(of: "_", with: " ") ?? "—"
    }
}
