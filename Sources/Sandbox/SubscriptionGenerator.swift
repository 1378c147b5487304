import BillingCore

/// Generates a subscription in a given state with a lifecycle and up to 24 months of invoice history
/// consistent with it (paid periods, open invoices in dunning, a last invoice before cancellation).
struct SubscriptionGenerator {
    let factory: InvoiceFactory
    let catalogue: CatalogueGenerator.Catalogue
    let now: Int64
    let hostile: Bool

    struct Output {
        var subscription: SandboxSubscription
        var invoices: [SandboxInvoice]
        var events: [SandboxEvent]
    }

    /// Every state the API has appears in the first customers; later ones follow a realistic mix.
    static let roundRobinStates = [
        "active", "trialing", "past_due", "soft_failure", "unpaid", "canceled", "expired", "on_hold", "paused",
        "suspended", "trial_ended", "pending", "assessing", "awaiting_signup", "failed_to_create",
    ]
    static let weightedStates = [
        "active", "trialing", "past_due", "soft_failure", "unpaid", "canceled", "expired", "on_hold", "paused",
    ]
    static let stateWeights = [640, 50, 60, 20, 25, 140, 35, 20, 10]

    func generate(id: Int, customer: SandboxCustomer, ordinal: Int, random: inout SandboxRandom) -> Output {
        let state =
            ordinal < Self.roundRobinStates.count
            ? Self.roundRobinStates[ordinal] : Self.weightedStates[random.weighted(Self.stateWeights)]
        let currency = CatalogueGenerator.currencies[random.weighted([55, 20, 15, 10])]
        let planIndex = random.weighted([30, 35, 10, 15, 1])  // 7-day plans are rare: 104 invoices in 2 years
        let product = catalogue.products.first {
            $0.currency == currency && $0.handle.hasPrefix(CatalogueGenerator.plans[planIndex].1)
        }!
        let components = Self.allocations(product: product, catalogue: catalogue, random: &random)
        var coupons: [String] = []
        if random.chance(fraction: 0.15) {
            let offered = catalogue.coupons.filter(\.offered)
            let candidates = currency == .usd ? offered : offered.filter { $0.percentage != nil }
            coupons = [random.pick(candidates).code]
        }
        let automatic = random.chance(fraction: 0.85)
        let card = automatic ? Self.card(id: id, customer: customer, now: now, random: &random) : nil
        let created = max(
            customer.createdAt,
            state == "trialing"
                ? now - Int64(random.int(1...13)) * 86_400 - Int64(random.int(0...80_000)) : customer.createdAt)
        let trialDays = product.trialDays ?? 0
        let activated = created + Int64(trialDays) * 86_400
        var subscription = SandboxSubscription(
            id: id, customerID: customer.id, productID: product.id, state: state, previousState: "active",
            balanceInCents: 0, totalRevenueInCents: 0, productPriceInCents: product.priceInCents, currency: currency,
            currentPeriodStartedAt: created, currentPeriodEndsAt: created, nextAssessmentAt: nil,
            trialStartedAt: trialDays > 0 ? created : nil, trialEndedAt: trialDays > 0 ? activated : nil,
            activatedAt: activated, expiresAt: nil, canceledAt: nil, cancelAtEndOfPeriod: false, delayedCancelAt: nil,
            scheduledCancellationAt: nil, onHoldAt: nil, cancellationMessage: nil, cancellationMethod: nil,
            couponCodes: coupons, paymentCollectionMethod: automatic ? "automatic" : "remittance", creditCard: card,
            components: components, dunningStep: nil, createdAt: created, updatedAt: created)
        var output = Output(subscription: subscription, invoices: [], events: [])
        output.events.append(
            Self.event("signup_success", "Signup success for \(product.name)", subscription, at: created))
        switch state {
        case "trialing", "pending", "assessing", "awaiting_signup", "failed_to_create", "trial_ended":
            subscription.activatedAt = nil
            subscription.previousState = state == "trial_ended" ? "trialing" : state
            subscription.currentPeriodStartedAt = created
            subscription.currentPeriodEndsAt = state == "trialing" ? activated : created
            subscription.nextAssessmentAt = state == "trialing" ? activated : nil
            if state == "trial_ended" { subscription.trialEndedAt = min(activated, now - 86_400) }
            subscription.updatedAt = min(now, created + 3_600)
            output.subscription = subscription
            return output
        default: break
        }
        // Lifecycle end: canceled/expired/on hold/paused somewhere after the first period.
        var end = now
        if ["canceled", "expired", "on_hold", "paused"].contains(state), now - activated > 40 * 86_400 {
            end = activated + Int64(random.int(35...max(36, Int((now - activated) / 86_400)))) * 86_400
        }
        var periodStart = activated
        var periodIndex = 0
        let historyStart = SandboxClock.adding(months: -24, to: now)
        var lastPeriodEnd = activated
        while periodStart <= end && periodStart <= now {
            let periodEnd = SandboxClock.adding(intervals: periodIndex + 1, of: product, to: activated)
            if periodStart >= historyStart {
                var invoice = factory.invoice(
                    for: subscription, customer: customer, periodStart: periodStart, periodEnd: periodEnd,
                    periodIndex: periodIndex, createdAt: periodStart, random: &random)
                if hostile, random.chance(fraction: 0.1) {
                    invoice.memo = HostileText.taint("Thanks for your business", &random)
                }
                output.invoices.append(invoice)
            }
            subscription.currentPeriodStartedAt = periodStart
            subscription.currentPeriodEndsAt = periodEnd
            lastPeriodEnd = periodEnd
            periodStart = periodEnd
            periodIndex += 1
        }
        output.subscription.currentPeriodStartedAt = subscription.currentPeriodStartedAt
        output.subscription.currentPeriodEndsAt = subscription.currentPeriodEndsAt
        InvoiceSettlement.settle(
            &output, state: state, end: end, lastPeriodEnd: lastPeriodEnd, now: now, random: &random)
        return output
    }

    static func allocations(
        product: SandboxProduct, catalogue: CatalogueGenerator.Catalogue, random: inout SandboxRandom
    ) -> [SandboxAllocation] {
        var result: [SandboxAllocation] = []
        for component in catalogue.components where component.offered && component.currency == product.currency {
            let points = catalogue.pricePoints.filter { $0.componentID == component.id }
            var point = component.defaultPricePointID
            if points.count > 1, random.chance(fraction: 0.25) { point = points.first { !$0.isDefault }!.id }
            switch component.kind {
            case "quantity_based_component"
            where !product.handle.hasPrefix("starter") && !product.handle.hasPrefix("sprint"):
                result.append(
                    SandboxAllocation(
                        componentID: component.id, pricePointID: point,
                        allocatedQuantity: random.int(1...50), unitBalance: 0, enabled: true))
            case "on_off_component" where random.chance(fraction: 0.3):
                result.append(
                    SandboxAllocation(
                        componentID: component.id, pricePointID: point,
                        allocatedQuantity: 1, unitBalance: 0, enabled: true))
            case "metered_component" where random.chance(fraction: 0.35):
                result.append(
                    SandboxAllocation(
                        componentID: component.id, pricePointID: point,
                        allocatedQuantity: 0, unitBalance: random.int(0...400), enabled: true))
            default: break
            }
        }
        return result
    }

    static func card(id: Int, customer: SandboxCustomer, now: Int64, random: inout SandboxRandom) -> SandboxCreditCard {
        let today = LocalDate(daysSinceEpoch: SandboxClock.dayNumber(now))
        // About one card in ten expires this month or next (within 30 days), a few already have.
        let monthsAhead =
            random.chance(fraction: 0.1)
            ? random.int(0...1) : (random.chance(fraction: 0.03) ? -random.int(1...6) : random.int(2...48))
        let expiry = today.startOfMonth.adding(months: monthsAhead)
        let brand = random.pick(NameBank.cardTypes)
        return SandboxCreditCard(
            id: 8_000_000 + id, firstName: customer.firstName, lastName: customer.lastName, cardType: brand,
            maskedCardNumber: "XXXX-XXXX-XXXX-\(random.int(1000...9999))", expirationMonth: expiry.month,
            expirationYear: expiry.year)
    }

    static func event(
        _ key: String, _ message: String, _ subscription: SandboxSubscription, at time: Int64, data: String = "{}"
    ) -> SandboxEvent {
        SandboxEvent(
            id: 0, key: key, message: message, subscriptionID: subscription.id, customerID: subscription.customerID,
            createdAt: time, specificDataJSON: data)
    }
}
