import BillingCore

/// Small builders so each worked example reads like its row in billing-math.md.
enum Fx {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func at(_ text: String) -> Timestamp { Timestamp(startOf: day(text)) }
    static func usd(_ text: String) -> Money { try! Money.parse(text, currency: .usd) }
    static func money(_ text: String, _ code: String) -> Money { try! Money.parse(text, currency: Currency(code)!) }

    static func sub(
        _ id: String, customer: String = "c1", price: Money, interval: BillingInterval = .monthly,
        state: SubscriptionState = .active, components: [SubscriptionComponent] = [], coupons: [Coupon] = [],
        activated: String? = "2026-01-01", canceled: String? = nil, updated: String? = nil,
        cancelAtEndOfPeriod: Bool = false, periodEnds: String? = nil, scheduled: String? = nil, card: CreditCard? = nil
    ) -> Subscription {
        Subscription(
            id: id, customerID: customer, state: state, productID: "p-\(id)", productName: "Plan \(id)",
            productPrice: price, interval: interval, components: components, coupons: coupons, creditCard: card,
            currentPeriodEndsAt: periodEnds.map(at), activatedAt: activated.map(at), canceledAt: canceled.map(at),
            cancelAtEndOfPeriod: cancelAtEndOfPeriod, scheduledCancellationAt: scheduled.map(at),
            updatedAt: updated.map(at))
    }

    static func seats(
        _ quantity: Int64, of price: Money, kind: SubscriptionComponent.Kind = .quantityBased, id: String = "seats"
    ) -> SubscriptionComponent {
        SubscriptionComponent(componentID: id, name: id, kind: kind, quantity: ExactDecimal(quantity), unitPrice: price)
    }

    static func invoice(
        _ id: String, customer: String = "c1", status: InvoiceStatus = .open, due: Money, total: Money? = nil,
        issued: String = "2026-05-01", dueOn: String?, paidOn: String? = nil, payments: [Payment] = [],
        lines: [InvoiceLineItem] = []
    ) -> Invoice {
        Invoice(
            id: id, number: "N-\(id)", customerID: customer, status: status, currency: due.currency,
            issueDate: day(issued), dueDate: dueOn.map(day), paidDate: paidOn.map(day), total: total ?? due,
            due: due, lineItems: lines, payments: payments)
    }

    static let today = day("2026-06-20")
}
