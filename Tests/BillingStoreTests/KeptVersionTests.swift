import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// Issue 21's kept versions as the writer reads them (keyed cached statements, issue 22): the version a
/// re-priced subscription replaces is the stored subscription whole, its components and coupons in their
/// order, without the card and the balance.
@Suite struct KeptVersionTests {
    static func at(_ day: String) -> Timestamp { Timestamp(startOf: LocalDate(iso: day)!) }
    static func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }

    @Test func theKeptVersionIsTheStoredSubscriptionWithItsComponentsAndCoupons() throws {
        let (store, source) = try StoreFixtures.openStore()
        let first = Subscription(
            id: "7", customerID: "c7", state: .active, productID: "basic", productName: "Basic",
            productPrice: Self.usd(10_000),
            components: [
                SubscriptionComponent(
                    componentID: "seats", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(3),
                    unitPrice: Self.usd(1_500)),
                SubscriptionComponent(
                    componentID: "support", name: "Support", kind: .onOff, quantity: ExactDecimal(1),
                    unitPrice: Self.usd(900), enabled: false),
            ],
            coupons: [
                Coupon(
                    code: "TENOFF", discount: .percentage(try #require(ExactDecimal(parsing: "12.5"))),
                    durationPeriods: 3, appliedAt: Self.at("2026-01-01")),
                Coupon(code: "FIVE", discount: .amount(Self.usd(500)), recurring: false),
            ],
            balance: Self.usd(4_200),
            creditCard: CreditCard(
                cardType: "visa", maskedNumber: "XXXX-4242", expirationMonth: 4, expirationYear: 2030),
            activatedAt: Self.at("2026-01-01"), updatedAt: Self.at("2026-03-05"))
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions", subscriptions: [Incoming(value: first, raw: #"{"v":1}"#)])
        )
        let stored = try #require(try store.subscription(sourceID: source.id, id: "7")).value
        #expect(stored.components.count == 2 && stored.coupons.count == 2, "the stored version has children")

        var repriced = first
        repriced.productPrice = Self.usd(12_000)
        repriced.updatedAt = Self.at("2026-04-10")
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [Incoming(value: repriced, raw: #"{"v":2}"#)]))
        let versions = try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT version FROM subscription_observation WHERE subscription_remote_id = '7'")
        }
        #expect(versions.count == 1)
        let kept = try JSONDecoder().decode(Subscription.self, from: Data(try #require(versions.first).utf8))
        var expected = stored
        expected.creditCard = nil
        expected.balance = .zero(.usd)
        #expect(kept == expected)

        // The same price again (another raw text): nothing more is kept.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [Incoming(value: repriced, raw: #"{"v":3}"#)]))
        #expect(
            try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM subscription_observation") }
                == 1)
    }
}
