import BillingCore

/// `billtop customer ID --oneline`: one line to paste into a ticket, e.g.
/// `Amara Okafor <amara@x.com> · Pro monthly · past due 12d · MRR $49.00 · overdue $98.00 (2 invoices)`.
/// Every API string is sanitised and whitespace runs (newlines, tabs) become one space, so it never breaks a
/// line; it is not truncated (it is for pasting, not for a fixed-width screen).
public enum CustomerSummaryLine {
    public static let separator = " · "

    public static func make(_ profile: CustomerProfile) -> String {
        let c = profile.customer
        var who = flat(c.displayName.isEmpty ? profile.key.id : c.displayName)
        if !c.email.isEmpty { who += " <\(flat(c.email))>" }
        let overdueInvoices = profile.invoices.filter { $0.isOverdue(on: profile.asOf) && $0.due.isPositive }
        var standing = profile.standing
        if let days = overdueInvoices.map({ $0.daysOverdue(on: profile.asOf) }).max(), days > 0 {
            standing += " \(days)d"
        }
        var overdue = "nothing overdue"
        if !profile.overdue.isEmpty {
            let count = overdueInvoices.count
            overdue = "overdue \(amounts(profile.overdue)) (\(count) invoice\(count == 1 ? "" : "s"))"
        }
        let mrr = profile.mrr.isEmpty ? "MRR 0" : "MRR \(amounts(profile.mrr))"
        return [who, plans(profile), standing, mrr, overdue].joined(separator: separator)
    }

    /// The plans of subscriptions still running (all of them when none is), each once, in the profile's order.
    static func plans(_ profile: CustomerProfile) -> String {
        let subs = profile.subscriptions.map(\.subscription)
        let running = subs.filter { ![.canceled, .expired].contains($0.state) }
        var seen = Set<String>()
        let names = (running.isEmpty ? subs : running).map { flat("\($0.productName) \($0.interval.description)") }
            .filter { seen.insert($0).inserted }
        return names.isEmpty ? "no subscription" : names.joined(separator: ", ")
    }

    /// Per currency, joined with " + " (" · " separates the line's fields).
    static func amounts(_ totals: MoneyTotals) -> String {
        totals.nonZeroAmounts.map { MoneyFormatter.format($0) }.joined(separator: " + ")
    }

    /// Sanitised, with every run of whitespace (a pasted line's enemy) made one space.
    static func flat(_ text: String) -> String {
        TextSanitizer.clean(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
