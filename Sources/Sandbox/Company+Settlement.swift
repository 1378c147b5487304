import BillingCore
import Foundation

extension Company {
    /// Pays every open invoice of `s` in full at `at` with its card (newest first), lowering its balance and
    /// raising its revenue; returns the amounts paid, for the caller's `payment_success` events. Shared by the
    /// simulator's dunning recovery and an API retry so both settle alike.
    mutating func payOpenInvoices(of s: inout SandboxSubscription, at: Int64) -> [Int64] {
        var paid: [Int64] = []
        // Only recent invoices can still be open in dunning: look at the newest 50,000, not all of them.
        let floor = max(0, invoices.count - 50_000)
        for index in stride(from: invoices.count - 1, through: floor, by: -1) {
            var invoice = invoices[index]
            guard invoice.subscriptionID == s.id, invoice.status == "open" else { continue }
            let due = invoice.due
            InvoiceFactory.pay(&invoice, at: at, card: s.creditCard, transactionID: s.id * 1_000 + index % 1_000)
            invoices[index] = invoice
            s.balanceInCents = max(0, s.balanceInCents - due)
            s.totalRevenueInCents += due
            paid.append(due)
        }
        return paid
    }
}

extension SandboxCreditCard {
    /// The world's card rule: a card works until the end of its expiry month (a renewal then still fails
    /// 7% of the time by chance; an API retry does not draw, so it is decided by the card alone).
    func works(at time: Int64) -> Bool {
        let today = LocalDate(daysSinceEpoch: SandboxClock.dayNumber(time))
        return (expirationYear, expirationMonth) >= (today.year, today.month)
    }
}

extension Company {
    /// Declines a card issuer repeats on a retry; the others ("Insufficient funds", "Gateway timeout", an
    /// expiry since replaced by a valid card) a retry gets past.
    static let hardDeclines: Set<String> = ["Card declined", "Do not honor"]

    /// Why a retry of `s` at `at` is declined, or nil when the card works: no card, an expired card, or a
    /// hard decline as the subscription's latest `payment_failure`. Decided by the data alone (no draw), so
    /// the demo company has past-due subscriptions of both kinds and a retry's outcome is known beforehand.
    func retryDecline(_ s: SandboxSubscription, at: Int64) -> String? {
        guard let card = s.creditCard else { return "No payment method on file" }
        guard card.works(at: at) else { return "Card expired" }
        // A retry is rare and a dunning failure recent: a backward scan is cheap enough.
        guard let last = events.last(where: { $0.subscriptionID == s.id && $0.key == "payment_failure" }) else {
            return nil
        }
        let marker = "\"failure_message\":\""
        guard let start = last.specificDataJSON.range(of: marker)?.upperBound,
            let end = last.specificDataJSON[start...].firstIndex(of: "\"")
        else { return nil }
        let reason = String(last.specificDataJSON[start..<end])
        return Self.hardDeclines.contains(reason) ? reason : nil
    }
}
