import BillingCore

extension WorldSimulator {
    /// Bank transfers arrive for open remittance invoices, a few a day.
    mutating func settleRemittance(from: Int64, to: Int64, hours: Double) {
        let window = max(0, company.invoices.count - 20_000)  // only recent invoices are still open
        for index in window..<company.invoices.count {
            let invoice = company.invoices[index]
            guard invoice.status == "open", invoice.collectionMethod == "remittance",
                random.chance(fraction: min(1, 0.02 * hours)),
                let subscriptionID = invoice.subscriptionID,
                let position = company.subscriptionIndex(id: subscriptionID)
            else { continue }
            var paid = invoice
            let due = paid.due
            InvoiceFactory.pay(&paid, at: to, card: nil, transactionID: subscriptionID * 1_000 + index % 1_000)
            company.invoices[index] = paid
            var s = company.subscriptions[position]
            s.balanceInCents = max(0, s.balanceInCents - due)
            s.totalRevenueInCents += due
            s.updatedAt = to
            emit("payment_success", "Payment received", s, at: to, data: "{\"amount_in_cents\":\(due)}")
            company.subscriptions[position] = s
        }
    }

    /// New customers sign up at about the generated company's historical rate.
    mutating func signUps(from: Int64, to: Int64, hours: Double) {
        let perHour = max(0.05, Double(company.customers.count) / (36 * 30 * 24))
        var expected = perHour * hours
        while expected > 0 {
            if random.chance(fraction: min(1, expected)) {
                signUp(at: from + Int64(random.below(Int(max(1, to - from)))))
            }
            expected -= 1
        }
    }

    mutating func signUp(at time: Int64) {
        let id = (company.customers.last?.id ?? CompanyGenerator.firstCustomerID - 1) + 1
        var customer = CustomerGenerator.customer(
            index: id, id: id, createdAt: time, hostile: configuration.hostileStrings, random: &random)
        customer.updatedAt = time
        company.customers.append(customer)
        emitCustomer("customer_create", customer, at: time)
        let catalogue = CatalogueGenerator.Catalogue(
            families: company.productFamilies, products: company.products,
            components: company.components, pricePoints: company.pricePoints,
            coupons: company.coupons)
        let product = random.pick(company.products.filter { $0.currency == .usd || random.chance(fraction: 0.3) })
        let subscriptionID = (company.subscriptions.last?.id ?? CompanyGenerator.firstSubscriptionID - 1) + 1
        let trial = product.trialDays.map { Int64($0) * 86_400 }
        let subscription = SandboxSubscription(
            id: subscriptionID, customerID: id, productID: product.id, state: trial == nil ? "active" : "trialing",
            previousState: trial == nil ? "active" : "trialing", balanceInCents: 0, totalRevenueInCents: 0,
            productPriceInCents: product.priceInCents, currency: product.currency, currentPeriodStartedAt: time,
            currentPeriodEndsAt: trial.map { time + $0 } ?? SandboxClock.adding(intervals: 1, of: product, to: time),
            nextAssessmentAt: trial.map { time + $0 } ?? SandboxClock.adding(intervals: 1, of: product, to: time),
            trialStartedAt: trial == nil ? nil : time, trialEndedAt: trial.map { time + $0 },
            activatedAt: trial == nil ? time : nil, expiresAt: nil, canceledAt: nil, cancelAtEndOfPeriod: false,
            delayedCancelAt: nil, scheduledCancellationAt: nil, onHoldAt: nil, cancellationMessage: nil,
            cancellationMethod: nil, couponCodes: [], paymentCollectionMethod: "automatic",
            creditCard: SubscriptionGenerator.card(id: subscriptionID, customer: customer, now: time, random: &random),
            components: SubscriptionGenerator.allocations(product: product, catalogue: catalogue, random: &random),
            dunningStep: nil, createdAt: time, updatedAt: time)
        company.subscriptions.append(subscription)
        emit("signup_success", "Signup success for \(product.name)", subscription, at: time)
    }

    /// Seat changes, trials converting, cancellations (now or at period end) and customer edits.
    mutating func changes(from: Int64, to: Int64, hours: Double) {
        let count = company.subscriptions.count
        guard count > 0 else { return }
        // Trials that ended convert (most) or lapse.
        for index in company.subscriptions.indices where company.subscriptions[index].state == "trialing" {
            var s = company.subscriptions[index]
            guard let ends = s.trialEndedAt, ends <= to else { continue }
            // Stamped when processed (see renewAndDun): a trial that ended before the world's first
            // step changes now, not in the past.
            let at = max(ends, from)
            if random.chance(fraction: 0.7) {
                changeState(&s, to: "active", at: at)
                s.activatedAt = ends
                s.currentPeriodStartedAt = ends
                s.currentPeriodEndsAt = ends  // the renewal pass bills the first period next step
            } else {
                changeState(&s, to: "trial_ended", at: at)
                s.nextAssessmentAt = nil
            }
            company.subscriptions[index] = s
        }
        let changesThisStep = Int((Double(count) * 0.002 * hours).rounded(.up))
        for _ in 0..<changesThisStep {
            let index = random.below(count)
            var s = company.subscriptions[index]
            guard s.state == "active" else { continue }
            let at = from + Int64(random.below(Int(max(1, to - from))))
            switch random.below(10) {
            case 0..<6:
                if let seat = s.components.firstIndex(where: {
                    company.component(id: $0.componentID)?.kind == "quantity_based_component"
                }) {
                    let old = s.components[seat].allocatedQuantity
                    let new = max(1, old + (random.chance(fraction: 0.6) ? random.int(1...5) : -random.int(1...3)))
                    s.components[seat].allocatedQuantity = new
                    s.updatedAt = at
                    emit(
                        "component_allocation_change", new > old ? "Seats upgraded" : "Seats downgraded", s, at: at,
                        data:
                            "{\"component_id\":\(s.components[seat].componentID),\"previous_allocation\":\(old),\"new_allocation\":\(new)}"
                    )
                }
            case 6..<8:
                s.cancelAtEndOfPeriod = true
                s.delayedCancelAt = s.currentPeriodEndsAt
                s.scheduledCancellationAt = s.currentPeriodEndsAt
                s.updatedAt = at
                emit("pending_cancellation_change", "Cancellation scheduled at period end", s, at: at)
            case 8:
                changeState(&s, to: "canceled", at: at)
                s.canceledAt = at
                s.cancellationMethod = "billing_portal"
                s.nextAssessmentAt = nil
            default:
                if let position = company.customerIndex(id: s.customerID) {
                    company.customers[position].phone = "+1 555 \(random.int(1000...9999))"
                    company.customers[position].updatedAt = at
                    emitCustomer("customer_update", company.customers[position], at: at)
                }
            }
            company.subscriptions[index] = s
        }
    }
}
