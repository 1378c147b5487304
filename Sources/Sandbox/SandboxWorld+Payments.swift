import BillingCore

extension SandboxWorld {
    /// Payment methods Maxio accepts for an external payment (`InvoicePaymentMethodType`).
    static let externalPaymentMethods: Set<String> = [
        "credit_card", "check", "cash", "money_order", "ach",
        "paypal_account", "other",
    ]

    /// `POST /invoices/{uid}/payments.json`: applies an external payment of `amount` minor units (already
    /// checked positive) to an open invoice, at most what is due. The invoice is `paid` when nothing is left
    /// due. Assumed: the event is `payment_success` (Maxio's key for money received), carrying the amount, the
    /// invoice and the memo.
    func recordPayment(
        invoiceUID uid: String, amount: Int64, method: String, memo: String, details: String,
        token: String?
    ) throws(ActionRefusal) -> SandboxInvoice {
        guard let index = company.invoiceIndexByUID[uid] else { throw .notFound }
        try checkToken(token)
        var invoice = company.invoices[index]
        guard ["open", "pending", "processing"].contains(invoice.status) else {
            throw ActionRefusal(
                422, "Invoice \(invoice.number) is \(invoice.status); payments can only be applied to open invoices.")
        }
        let due = invoice.due
        guard amount <= due else {
            throw ActionRefusal(
                422,
                "Amount: must be at most the amount due (\(Self.decimal(due, invoice.currency)) "
                    + "\(invoice.currency.code)).")
        }
        let now = nowSeconds
        invoice.payments.append(
            SandboxPayment(
                transactionID: 9_000_000 + ledger.sideEffects.count, transactionTime: now, memo: memo,
                originalAmount: amount,
                appliedAmount: amount, method: "external", cardBrand: "", maskedCardNumber: "", kind: method,
                details: details))
        if invoice.due == 0 {
            invoice.status = "paid"
            invoice.paidDay = SandboxClock.dayNumber(now)
        }
        invoice.updatedAt = now
        company.invoices[index] = invoice
        var data = JSONWriter()
        data.object { w in
            w.field("amount_in_cents", amount)
            w.field("invoice_uid", uid)
            w.field("memo", memo)
        }
        let event = String(decoding: data.bytes, as: UTF8.self)
        if let id = invoice.subscriptionID, let position = company.subscriptionIndex(id: id) {
            var s = company.subscriptions[position]
            s.balanceInCents = max(0, s.balanceInCents - amount)
            s.totalRevenueInCents += amount
            s.updatedAt = now
            company.subscriptions[position] = s
            appendEvent("payment_success", "Payment received", subscription: s, data: event)
        } else {
            appendEvent(
                "payment_success", "Payment received", subscription: nil, customerID: invoice.customerID, data: event)
        }
        ledger.sideEffects.append(
            SandboxSideEffect(
                kind: .payment, worldTime: now, invoiceUID: uid, subscriptionID: invoice.subscriptionID,
                customerID: invoice.customerID, amount: amount, text: memo))
        commit(token)
        company.version += 1
        return invoice
    }

    /// Minor units as a plain decimal in the currency's exponent ("12.34", "1200"), for messages.
    static func decimal(_ minor: Int64, _ currency: Currency) -> String {
        let scale = currency.exponent
        var digits = String(minor)
        guard scale > 0 else { return digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
        return digits.dropLast(scale) + "." + digits.suffix(scale)
    }
}
