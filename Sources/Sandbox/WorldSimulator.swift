import BillingCore

/// One deterministic stretch of company life: renewals issue invoices, payments arrive or fail, dunning
/// advances, customers sign up, change seats, take and drop coupons, and cancel. Every change bumps `updated_at`;
/// every change but a coupon's emits events (Chargify logs none for coupons).
struct WorldSimulator {
    var company: Company
    let configuration: SandboxConfiguration
    var random: SandboxRandom
    private var newInvoices: [SandboxInvoice] = []
    private var newEvents: [SandboxEvent] = []
    private let factory: InvoiceFactory
    static let step: Int64 = 3_600

    init(company: Company, configuration: SandboxConfiguration, random: SandboxRandom) {
        self.company = company
        self.configuration = configuration
        self.random = random
        self.factory = InvoiceFactory(
            products: company.products, components: company.components,
            pricePoints: company.pricePoints, coupons: company.coupons)
    }

    mutating func advance(seconds: Int64) {
        var remaining = seconds
        while remaining > 0 {
            let delta = min(Self.step, remaining)
            let from = company.now.secondsSinceEpoch
            let to = from + delta
            company.now = Timestamp(secondsSinceEpoch: to)
            let hours = Double(delta) / 3_600
            renewAndDun(from: from, until: to)
            settleRemittance(from: from, to: to, hours: hours)
            signUps(from: from, to: to, hours: hours)
            changes(from: from, to: to, hours: hours)
            couponChanges(from: from, to: to, hours: hours)
            flush()
            remaining -= delta
        }
    }

    // MARK: renewals and dunning

    /// Renewals and dunning retries due by `to`. Schedules follow the period boundary; what changes is
    /// stamped when the world processes it (never before `from`), as a real server stamps `updated_at`:
    /// renewals already overdue when the company was generated must not appear changed in the past,
    /// where no incremental reader would look for them.
    private mutating func renewAndDun(from: Int64, until to: Int64) {
        for index in company.subscriptions.indices {
            var s = company.subscriptions[index]
            guard ["active", "past_due", "soft_failure", "unpaid"].contains(s.state), s.currentPeriodEndsAt <= to,
                let product = company.product(id: s.productID), let customer = company.customer(id: s.customerID)
            else { continue }
            let boundary = s.currentPeriodEndsAt
            let at = max(boundary, from)
            if s.cancelAtEndOfPeriod {
                changeState(&s, to: "canceled", at: at)
                s.canceledAt = at
                s.cancellationMethod = "merchant_ui"
                s.nextAssessmentAt = nil
                company.subscriptions[index] = s
                continue
            }
            if s.state == "unpaid" {
                // Dunning is over; the period rolls on without new charges until someone acts.
                s.currentPeriodEndsAt = SandboxClock.adding(intervals: 1, of: product, to: boundary)
                s.nextAssessmentAt = s.currentPeriodEndsAt
                s.updatedAt = max(s.updatedAt, at)
                company.subscriptions[index] = s
                continue
            }
            if s.state != "active" {
                dunningStep(&s, at: at)
                company.subscriptions[index] = s
                continue
            }
            let next = SandboxClock.adding(intervals: 1, of: product, to: boundary)
            var invoice = factory.invoice(
                for: s, customer: customer, periodStart: boundary, periodEnd: next,
                periodIndex: 99 /* a renewal: only lasting coupons apply */, createdAt: at, random: &random)
            s.currentPeriodStartedAt = boundary
            s.currentPeriodEndsAt = next
            s.nextAssessmentAt = next
            s.updatedAt = at
            let cardWorks = s.creditCard?.works(at: at) ?? false
            if s.paymentCollectionMethod == "automatic" {
                if cardWorks && random.chance(fraction: 0.93) {
                    InvoiceFactory.pay(
                        &invoice, at: at + 60, card: s.creditCard, transactionID: s.id * 1_000 + Int(at % 1_000))
                    s.totalRevenueInCents += invoice.paid
                    emit("renewal_success", "Renewal success", s, at: at + 60, data: "{\"product_id\":\(product.id)}")
                    emit(
                        "payment_success", "Payment received", s, at: at + 60,
                        data: "{\"amount_in_cents\":\(invoice.paid)}")
                } else {
                    let reason = cardWorks ? random.pick(InvoiceSettlement.failureReasons) : "Card expired"
                    emit(
                        "payment_failure", "Payment failed: \(reason)", s, at: at + 60,
                        data:
                            "{\"amount_in_cents\":\(invoice.total),\"failure_message\":\"\(reason)\",\"memo\":\"\(reason)\"}"
                    )
                    changeState(&s, to: "past_due", at: at + 120)
                    s.dunningStep = 0
                    s.balanceInCents += invoice.due
                }
            } else {
                s.balanceInCents += invoice.due
            }
            newInvoices.append(invoice)
            company.subscriptions[index] = s
        }
    }

    /// Past-due subscriptions advance one dunning step per renewal check; a retry may succeed.
    private mutating func dunningStep(_ s: inout SandboxSubscription, at: Int64) {
        let step = (s.dunningStep ?? 0) + 1
        s.dunningStep = step
        let action = InvoiceSettlement.dunningActions[min(step, 4) - 1]
        emit(
            "dunning_step_reached", "Dunning step \(step) reached", s, at: at,
            data:
                "{\"dunner\":{\"id\":\(s.id),\"revenue_at_risk_in_cents\":\(s.balanceInCents),\"attempts\":\(step)},\"current_step\":{\"step\":\(step),\"day_threshold\":\(step * 3),\"action\":\"\(action)\",\"send_email\":true},\"next_step\":null}"
        )
        s.currentPeriodEndsAt = at + 3 * 86_400  // the next retry
        s.nextAssessmentAt = s.currentPeriodEndsAt
        if random.chance(fraction: 0.35) {
            payOpenInvoices(of: &s, at: at)
            changeState(&s, to: "active", at: at)
            s.dunningStep = nil
        } else if step >= 4 {
            changeState(&s, to: random.chance(fraction: 0.5) ? "unpaid" : "canceled", at: at)
            if s.state == "canceled" {
                s.canceledAt = at
                s.cancellationMethod = "dunning"
                s.nextAssessmentAt = nil
            }
        }
    }

    private mutating func payOpenInvoices(of s: inout SandboxSubscription, at: Int64) {
        for due in company.payOpenInvoices(of: &s, at: at) {
            emit("payment_success", "Payment received", s, at: at, data: "{\"amount_in_cents\":\(due)}")
        }
    }

    mutating func changeState(_ s: inout SandboxSubscription, to state: String, at: Int64) {
        guard s.state != state else { return }
        emit(
            "subscription_state_change", "State changed to \(state)", s, at: at,
            data: "{\"previous_subscription_state\":\"\(s.state)\",\"new_subscription_state\":\"\(state)\"}")
        s.previousState = s.state
        s.state = state
        s.updatedAt = max(s.updatedAt, at)
    }

    mutating func emit(_ key: String, _ message: String, _ s: SandboxSubscription, at: Int64, data: String = "{}") {
        newEvents.append(SubscriptionGenerator.event(key, message, s, at: at, data: data))
    }

    mutating func emitCustomer(_ key: String, _ customer: SandboxCustomer, at: Int64) {
        newEvents.append(
            SandboxEvent(
                id: 0, key: key, message: key == "customer_create" ? "Customer created" : "Customer updated",
                subscriptionID: nil, customerID: customer.id, createdAt: at, specificDataJSON: "{}"))
    }

    /// Appends this step's invoices (numbered in creation order) and events (ids in time order).
    private mutating func flush() {
        newInvoices.sort { ($0.createdAt, $0.subscriptionID ?? 0) < ($1.createdAt, $1.subscriptionID ?? 0) }
        var number = (company.invoices.last?.number ?? CompanyGenerator.firstInvoiceNumber - 1) + 1
        for var invoice in newInvoices {
            invoice.number = number
            invoice.uid = CompanyGenerator.uid(prefix: "inv_", seed: configuration.seed, serial: UInt64(number))
            for line in invoice.lineItems.indices {
                invoice.lineItems[line].uid = CompanyGenerator.uid(
                    prefix: "li_", seed: configuration.seed, serial: UInt64(number) << 8 | UInt64(line))
            }
            company.invoiceIndexByUID[invoice.uid] = company.invoices.count
            company.invoices.append(invoice)
            number += 1
        }
        newInvoices.removeAll()
        newEvents.sort { ($0.createdAt, $0.customerID ?? 0, $0.key) < ($1.createdAt, $1.customerID ?? 0, $1.key) }
        var id = (company.events.last?.id ?? 1_000_000) + 1
        for var event in newEvents {
            event.id = id
            company.events.append(event)
            id += 1
        }
        newEvents.removeAll()
    }
}
