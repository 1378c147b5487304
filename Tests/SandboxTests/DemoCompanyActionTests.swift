import BillingCore
import Foundation
import Testing

@testable import Sandbox

/// The demo company (`billtop --demo` and `billtop sandbox serve`'s defaults: seed 1; the demo has 600
/// customers) lets a newcomer try every action without an account. These are the records the README points
/// at, checked so the list stays true when the generator changes.
@Suite struct DemoCompanyActionTests {
    @Test func theListedRecordsSuitTheirActions() async throws {
        let company = CompanyGenerator.generate(SandboxConfiguration(seed: 1, customers: 600))
        let now = company.now.secondsSinceEpoch
        func sub(_ id: Int) throws -> SandboxSubscription {
            try #require(company.subscription(id: id), "subscription \(id)")
        }
        // retry that pays: past due, a valid card, last failure "Insufficient funds".
        let pays = try sub(70_000_089)
        #expect(pays.state == "past_due" && pays.customerID == 40_000_086 && company.retryDecline(pays, at: now) == nil)
        #expect(company.invoices.contains { $0.subscriptionID == pays.id && $0.status == "open" })
        // retry that is declined again ("Card declined"); also the one to stop dunning on.
        let declined = try sub(70_000_024)
        #expect(declined.state == "past_due" && declined.customerID == 40_000_024)
        #expect(company.retryDecline(declined, at: now) == "Card declined")
        // reactivate: canceled and expired.
        #expect(try sub(70_000_006).state == "canceled" && sub(70_000_007).state == "expired")
        // resume: on hold.
        #expect(try sub(70_000_008).state == "on_hold")
        // pause and cancel at period end: active, renewing more than a day from now, nothing scheduled.
        let active = try sub(70_000_001)
        #expect(
            active.state == "active" && !active.cancelAtEndOfPeriod && (active.nextAssessmentAt ?? 0) > now + 86_400)
        // undo a scheduled cancellation; and add TENOFF to it (USD, no coupon yet).
        let scheduled = try sub(70_000_018)
        #expect(scheduled.state == "active" && scheduled.cancelAtEndOfPeriod && scheduled.currency == .usd)
        #expect(scheduled.couponCodes.isEmpty)
        // TENOFF refused: an amount coupon on a EUR subscription.
        #expect(try sub(70_000_043).currency == .eur)
        // record a payment: open invoices with an amount due, in USD and in yen (no decimals).
        for (number, currency) in [(1227, Currency.usd), (2168, .jpy)] {
            let invoice = try #require(company.invoices.first { $0.number == number })
            #expect(invoice.status == "open" && invoice.due > 0 && invoice.currency == currency)
        }
    }
}
