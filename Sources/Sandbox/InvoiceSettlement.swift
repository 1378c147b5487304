/// Decides how a generated subscription's invoices ended up (paid, open in dunning, voided, draft) and
/// sets the subscription's state fields, balance and events to match.
enum InvoiceSettlement {
    static let failureReasons = [
        "Card declined", "Insufficient funds", "Card expired", "Gateway timeout", "Do not honor",
    ]
    static let dunningActions = ["email", "retry", "retry", "cancel"]

    static func settle(
        _ output: inout SubscriptionGenerator.Output, state: String, end: Int64, lastPeriodEnd: Int64,
        now: Int64, random: inout SandboxRandom
    ) {
        var subscription = output.subscription
        let card = subscription.creditCard
        let count = output.invoices.count
        var openFromIndex = count  // invoices at or after this index stay open
        switch state {
        case "past_due", "soft_failure": openFromIndex = count - 1
        case "unpaid", "suspended": openFromIndex = count - min(count, random.int(2...3))
        case "canceled" where random.chance(fraction: 0.4): openFromIndex = count - 1
        default: break
        }
        let isRemittance = subscription.paymentCollectionMethod == "remittance"
        let strayOpen = isRemittance && count > 4 && random.chance(fraction: 0.15) ? count - random.int(3...4) : -1
        for index in 0..<count {
            var invoice = output.invoices[index]
            let transactionID = subscription.id * 100 + index
            if index >= openFromIndex || index == strayOpen {
                if random.chance(fraction: 0.2) {  // a partial payment leaves some due
                    let part = invoice.total / 2
                    invoice.payments.append(
                        SandboxPayment(
                            transactionID: transactionID, transactionTime: invoice.createdAt + 3_600,
                            memo: "Partial payment",
                            originalAmount: part, appliedAmount: part,
                            method: card == nil ? "bank_transfer" : "credit_card",
                            cardBrand: card?.cardType ?? "", maskedCardNumber: card?.maskedCardNumber ?? ""))
                    invoice.updatedAt = invoice.createdAt + 3_600
                }
                if index >= openFromIndex, card != nil {
                    let reason = random.pick(failureReasons)
                    output.events.append(
                        SubscriptionGenerator.event(
                            "payment_failure", "Payment failed: \(reason)", subscription, at: invoice.createdAt + 600,
                            data:
                                "{\"transaction_id\":\(transactionID),\"amount_in_cents\":\(invoice.total),\"failure_message\":\"\(reason)\",\"memo\":\"\(reason)\"}"
                        ))
                }
            } else if isRemittance, invoice.createdAt > now - 30 * 86_400, random.chance(fraction: 0.5) {
                if random.chance(fraction: 0.1) {
                    invoice.status = random.chance(fraction: 0.5) ? "pending" : "processing"
                }
            } else if random.chance(fraction: 0.012) {
                invoice.status = "voided"
                invoice.updatedAt = min(now, invoice.createdAt + Int64(random.int(1...5)) * 86_400)
            } else {
                let delay = isRemittance ? Int64(random.int(0...35)) * 86_400 : Int64(random.int(60...7_200))
                InvoiceFactory.pay(
                    &invoice, at: min(now, invoice.createdAt + delay), card: card, transactionID: transactionID)
                if random.chance(fraction: 0.005) {
                    invoice.refund = invoice.total
                    invoice.updatedAt = min(now, invoice.updatedAt + 86_400 * 3)
                }
                if invoice.createdAt > now - 60 * 86_400 {
                    output.events.append(
                        SubscriptionGenerator.event(
                            "payment_success", "Payment received", subscription, at: invoice.updatedAt,
                            data: "{\"transaction_id\":\(transactionID),\"amount_in_cents\":\(invoice.paid)}"))
                }
            }
            output.invoices[index] = invoice
        }
        if state == "active", count > 0, random.chance(fraction: 0.02),
            output.invoices[count - 1].createdAt > now - 3 * 86_400
        {
            output.invoices[count - 1].status = "draft"
            output.invoices[count - 1].payments = []
            output.invoices[count - 1].paidDay = nil
        }
        var changedAt = output.invoices.last?.updatedAt ?? subscription.createdAt
        switch state {
        case "past_due", "soft_failure", "unpaid", "suspended":
            subscription.previousState = state == "unpaid" || state == "suspended" ? "past_due" : "active"
            let failedAt = output.invoices.last.map { $0.createdAt + 600 } ?? now
            let steps = state == "soft_failure" ? 0 : (state == "past_due" ? random.int(1...3) : 4)
            subscription.dunningStep = steps == 0 ? nil : steps
            for step in stride(from: 1, through: steps, by: 1) {
                let at = min(now, failedAt + Int64(step * 3) * 86_400)
                let action = dunningActions[step - 1]
                output.events.append(
                    SubscriptionGenerator.event(
                        "dunning_step_reached", "Dunning step \(step) reached", subscription, at: at,
                        data:
                            "{\"dunner\":{\"id\":\(subscription.id),\"revenue_at_risk_in_cents\":\(output.invoices.last?.total ?? 0),\"attempts\":\(step)},\"current_step\":{\"step\":\(step),\"day_threshold\":\(step * 3),\"action\":\"\(action)\",\"send_email\":true},\"next_step\":null}"
                    ))
                changedAt = max(changedAt, at)
            }
            output.events.append(
                SubscriptionGenerator.event(
                    "subscription_state_change", "State changed to \(state)", subscription, at: failedAt + 60,
                    data:
                        "{\"previous_subscription_state\":\"\(subscription.previousState)\",\"new_subscription_state\":\"\(state)\"}"
                ))
        case "canceled", "expired", "on_hold", "paused":
            if state == "canceled" {
                subscription.canceledAt = end
                let dunning = openFromIndex < count
                subscription.cancellationMethod =
                    dunning ? "dunning" : random.pick(["merchant_ui", "billing_portal", "merchant_api"])
                subscription.cancellationMessage =
                    dunning
                    ? "Canceled by dunning" : random.pick(["Too expensive", "Switched provider", "Project ended", ""])
                subscription.previousState = dunning ? "past_due" : "active"
            } else if state == "expired" {
                subscription.expiresAt = end
            } else {
                subscription.onHoldAt = end
            }
            output.events.append(
                SubscriptionGenerator.event(
                    "subscription_state_change", "State changed to \(state)", subscription, at: end,
                    data:
                        "{\"previous_subscription_state\":\"\(subscription.previousState)\",\"new_subscription_state\":\"\(state)\"}"
                ))
            changedAt = max(changedAt, end)
        default:
            subscription.nextAssessmentAt = lastPeriodEnd
            if state == "active", random.chance(fraction: 0.06) {
                subscription.cancelAtEndOfPeriod = true
                subscription.delayedCancelAt = lastPeriodEnd
                subscription.scheduledCancellationAt = lastPeriodEnd
                changedAt = max(changedAt, lastPeriodEnd - Int64(random.int(1...20)) * 86_400)
            }
        }
        if ["past_due", "soft_failure", "unpaid", "suspended"].contains(state) {
            subscription.nextAssessmentAt = lastPeriodEnd
        }
        subscription.balanceInCents = output.invoices.reduce(0) { $0 + $1.due }
        subscription.totalRevenueInCents = output.invoices.reduce(0) { $0 + $1.paid - $1.refund }
        subscription.updatedAt = min(now, max(subscription.createdAt, changedAt))
        output.subscription = subscription
    }
}
