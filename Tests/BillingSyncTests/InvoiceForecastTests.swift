import BillingCore
import Testing

@testable import BillingSync

/// The invoices a subscription has billed, from its start, its interval and its end.
@Suite struct InvoiceForecastTests {
    let now: Int64 = 1_781_956_800
    let month: Int64 = 2_629_800

    func subscription(
        _ state: SubscriptionState, interval: BillingInterval = .monthly, activatedAgo: Int64?,
        createdAgo: Int64? = nil,
        canceledAgo: Int64? = nil, expiresAgo: Int64? = nil
    ) -> Subscription {
        func at(_ ago: Int64?) -> Timestamp? { ago.map { Timestamp(secondsSinceEpoch: now - $0) } }
        return Subscription(
            id: "1", customerID: "1", state: state, productPrice: Money(minorUnits: 1_000, currency: .usd),
            interval: interval, activatedAt: at(activatedAgo), canceledAt: at(canceledAgo), createdAt: at(createdAgo),
            expiresAt: at(expiresAgo))
    }

    @Test func oneInvoiceAtTheStartThenOnePerWholeInterval() {
        #expect(InvoiceForecast.periodsBilled(subscription(.active, activatedAgo: 0), now: now) == 1)
        #expect(InvoiceForecast.periodsBilled(subscription(.active, activatedAgo: month * 5 / 2), now: now) == 3)
        #expect(InvoiceForecast.periodsBilled(subscription(.pastDue, activatedAgo: month * 12), now: now) == 13)
        // Annual: a year and a half is the first invoice and one renewal.
        #expect(
            InvoiceForecast.periodsBilled(
                subscription(.active, interval: .annual, activatedAgo: month * 18), now: now) == 2)
        // Weekly, by days: 20 days is three invoices.
        #expect(
            InvoiceForecast.periodsBilled(
                subscription(.active, interval: .weekly, activatedAgo: 20 * 86_400), now: now) == 3)
        // Without an activation the creation is the start.
        #expect(
            InvoiceForecast.periodsBilled(subscription(.active, activatedAgo: nil, createdAgo: month), now: now) == 2)
    }

    @Test func anEndedSubscriptionStopsBillingAtItsEnd() {
        let canceled = subscription(.canceled, activatedAgo: month * 10, canceledAgo: month * 8)
        #expect(InvoiceForecast.periodsBilled(canceled, now: now) == 3)
        let expired = subscription(.expired, activatedAgo: month * 10, expiresAgo: month * 9)
        #expect(InvoiceForecast.periodsBilled(expired, now: now) == 2)
        // An expiry still ahead of an active subscription is not an end.
        let expiring = subscription(.active, activatedAgo: month * 3, expiresAgo: -month)
        #expect(InvoiceForecast.periodsBilled(expiring, now: now) == 4)
    }

    @Test func trialsAndUnknownStartsBilledNothing() {
        #expect(InvoiceForecast.periodsBilled(subscription(.trialing, activatedAgo: month * 2), now: now) == 0)
        #expect(InvoiceForecast.periodsBilled(subscription(.active, activatedAgo: nil), now: now) == 0)
        #expect(InvoiceForecast.periodsBilled(subscription(.active, activatedAgo: -month), now: now) == 0)
    }
}
