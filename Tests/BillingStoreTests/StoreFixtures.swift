import BillingCore
import BillingStore
import Foundation
import TestSupport

/// Builds small stores and records for tests.
enum StoreFixtures {
    static func temporaryPath() -> String {
        let dir = TestScratch.root.appendingPathComponent("store-\(UUID().uuidString)")
        return dir.appendingPathComponent("test.sqlite").path
    }

    static func openStore() throws -> (BillingStore, SourceInfo) {
        let store = try BillingStore.open(path: temporaryPath())
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        return (store, source)
    }

    static func customer(_ id: Int, first: String, last: String, email: String, org: String = "") -> Incoming<Customer>
    {
        Incoming(
            value: Customer(
                id: "\(id)", firstName: first, lastName: last, email: email, organization: org, reference: "ref-\(id)",
                updatedAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(id))),
            raw: "{\"id\":\(id)}")
    }

    static func invoice(
        _ uid: String, customer: Int, status: InvoiceStatus, due: Int64, dueDate: String, issue: String,
        currency: Currency = .usd
    ) -> Incoming<Invoice> {
        let total = Money(minorUnits: 10_000, currency: currency)
        let line = InvoiceLineItem(
            id: "li_\(uid)", title: "Pro plan", unitPrice: total, subtotal: total, total: total,
            periodStart: LocalDate(iso: issue), periodEnd: LocalDate(iso: issue)?.adding(months: 1), productID: "7",
            kind: "baseline", isRecurring: true)
        let payment = Payment(
            id: "pay_\(uid)", transactionTime: Timestamp(secondsSinceEpoch: 1_700_000_500),
            originalAmount: Money(minorUnits: 10_000 - due, currency: currency),
            appliedAmount: Money(minorUnits: 10_000 - due, currency: currency), method: "credit_card")
        return Incoming(
            value: Invoice(
                id: uid, number: "INV-\(uid.dropFirst(4))", customerID: "\(customer)", subscriptionID: "s\(customer)",
                status: status, currency: currency, issueDate: LocalDate(iso: issue), dueDate: LocalDate(iso: dueDate),
                total: total, paid: Money(minorUnits: 10_000 - due, currency: currency),
                due: Money(minorUnits: due, currency: currency), lineItems: [line],
                payments: due < 10_000 ? [payment] : []),
            raw: "{\"uid\":\"\(uid)\"}")
    }

    static func subscription(_ id: Int, customer: Int, state: SubscriptionState) -> Incoming<Subscription> {
        let price = Money(minorUnits: 4_900, currency: .usd)
        return Incoming(
            value: Subscription(
                id: "\(id)", customerID: "\(customer)", state: state, productID: "7", productName: "Pro",
                productFamily: "SaaS", productPrice: price,
                components: [
                    SubscriptionComponent(
                        componentID: "11", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(3),
                        unitPrice: Money(minorUnits: 1_000, currency: .usd))
                ],
                coupons: [
                    Coupon(code: "HALF", discount: .percentage(ExactDecimal(parsing: "12.5")!), durationPeriods: 3)
                ],
                creditCard: CreditCard(
                    cardType: "visa", maskedNumber: "XXXX-1111", expirationMonth: 7, expirationYear: 2026),
                activatedAt: Timestamp(secondsSinceEpoch: 1_690_000_000),
                updatedAt: Timestamp(secondsSinceEpoch: 1_700_000_000)),
            raw: "{}")
    }
}
