import BillingCore
import BillingStore

/// A seeded company written straight into a store for `billtop-bench metrics`: ~1.4 subscriptions and
/// ~10 invoices per customer over 26 months, in four currencies, some in dunning.
struct MetricsBenchData {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }

    static let currencies: [Currency] = [.usd, .usd, .usd, .usd, .usd, .usd, .usd, .eur, .eur, .gbp, .jpy]

    /// Writes `customers` customers (and their subscriptions, invoices, events) into `sourceID`, a page at a time.
    mutating func populate(
        _ store: BillingStore, sourceID: Int64, customers: Int, today: LocalDate, progress: (Int) -> Void
    ) throws {
        let page = 1000
        var invoiceNumber = 0
        var eventID: Int64 = 0
        for start in stride(from: 0, to: customers, by: page) {
            var write = PageWrite(sourceID: sourceID, stream: "bench")
            for c in start..<min(customers, start + page) {
                let id = String(c + 1)
                write.customers.append(
                    Incoming(
                        value: Customer(
                            id: id, firstName: "Customer", lastName: "\(c + 1)", email: "c\(c + 1)@example.com",
                            organization: "Org \(c % 997)"), raw: "{}"))
                let currency = Self.currencies[int(0...Self.currencies.count - 1)]
                let scale: Int64 = currency == .jpy ? 1 : 100
                for s in 0..<(int(0...9) < 4 ? 2 : 1) {
                    let annual = int(0...9) == 0
                    let price = Int64([19, 29, 49, 99, 199, 499][int(0...5)]) * scale * (annual ? 10 : 1)
                    let activated = today.adding(days: -int(0...790))
                    let roll = int(0...99)
                    let state: SubscriptionState =
                        roll < 62
                        ? .active
                        : roll < 67
                            ? .pastDue : roll < 70 ? .unpaid : roll < 73 ? .trialing : roll < 76 ? .onHold : .canceled
                    let ended = activated.adding(days: int(30...600))
                    let endedAt = Timestamp(startOf: min(ended, today.adding(days: -1)))
                    var components: [SubscriptionComponent] = []
                    if int(0...2) == 0 {
                        components.append(
                            SubscriptionComponent(
                                componentID: "seats", name: "Seats", kind: .quantityBased,
                                quantity: ExactDecimal(Int64(int(1...40))),
                                unitPrice: Money(minorUnits: 5 * scale, currency: currency)))
                    }
                    if int(0...4) == 0 {
                        components.append(
                            SubscriptionComponent(
                                componentID: "api", name: "API calls", kind: .metered,
                                quantity: ExactDecimal(Int64(int(0...5000))),
                                unitPrice: Money(minorUnits: 1, currency: currency)))
                    }
                    let coupons =
                        int(0...4) == 0
                        ? [Coupon(code: "HALF3", discount: .percentage(ExactDecimal(50)), durationPeriods: 3)] : []
                    let subID = "\(id)-\(s)"
                    write.subscriptions.append(
                        Incoming(
                            value: Subscription(
                                id: subID, customerID: id, state: state, productID: "p\(price)", productName: "Plan",
                                productPrice: Money(minorUnits: price, currency: currency),
                                interval: annual ? .annual : .monthly, components: components, coupons: coupons,
                                creditCard: CreditCard(
                                    cardType: "visa", maskedNumber: "XXXX-1111", expirationMonth: int(1...12),
                                    expirationYear: 2026 + int(0...3)),
                                currentPeriodEndsAt: Timestamp(startOf: today.adding(days: int(1...30))),
                                activatedAt: state == .trialing ? nil : Timestamp(startOf: activated),
                                canceledAt: state == .canceled ? endedAt : nil,
                                cancelAtEndOfPeriod: state == .active && int(0...19) == 0,
                                onHoldAt: state == .onHold ? endedAt : nil, createdAt: Timestamp(startOf: activated),
                                updatedAt: endedAt), raw: "{}"))
                    // Monthly invoices over up to 8 months of its life; the latest may be open or overdue.
                    let months = min(8, max(1, activated.days(until: today) / 30))
                    for m in 0..<months {
                        invoiceNumber += 1
                        let issue = today.adding(days: -30 * m - int(0...29))
                        let due = issue.adding(days: 14)
                        let open = m == 0 ? int(0...3) == 0 : (state.isProblem && m < 3 && int(0...1) == 0)
                        let amount = Money(minorUnits: price, currency: currency)
                        let line = InvoiceLineItem(
                            id: "l\(invoiceNumber)", title: "Plan", unitPrice: amount, subtotal: amount, total: amount,
                            periodStart: issue, periodEnd: issue.adding(months: annual ? 12 : 1).adding(days: -1),
                            kind: "baseline", isRecurring: true)
                        let payments =
                            open
                            ? []
                            : [
                                Payment(
                                    id: "pay\(invoiceNumber)",
                                    transactionTime: Timestamp(startOf: issue.adding(days: int(0...20))),
                                    originalAmount: amount, appliedAmount: amount)
                            ]
                        write.invoices.append(
                            Incoming(
                                value: Invoice(
                                    id: "inv_\(invoiceNumber)", number: "\(invoiceNumber)", customerID: id,
                                    subscriptionID: subID, status: open ? .open : .paid,
                                    currency: currency, issueDate: issue, dueDate: due,
                                    paidDate: open ? nil : payments[0].transactionTime?.utcDate,
                                    total: amount, paid: open ? nil : amount, due: open ? amount : .zero(currency),
                                    lineItems: [line], payments: payments), raw: "{}"))
                    }
                    if state.isProblem {
                        eventID += 1
                        write.events.append(
                            Incoming(
                                value: BillingEvent(
                                    id: eventID, key: "payment_failure", subscriptionID: subID, customerID: id,
                                    eventSpecificData: #"{"failure_reason":"card declined"}"#), raw: "{}"))
                        eventID += 1
                        write.events.append(
                            Incoming(
                                value: BillingEvent(
                                    id: eventID, key: "dunning_step_reached", subscriptionID: subID, customerID: id,
                                    eventSpecificData: #"{"current_step":{"action":"email customer"}}"#), raw: "{}"))
                    }
                }
            }
            try store.apply(write)
            progress(min(customers, start + page))
        }
    }
}
