import BillingCore
import Testing

@testable import Sandbox

@Suite struct GeneratorTests {
    let company = CompanyGenerator.generate(TestSandbox.configuration())

    @Test func sameSeedGivesTheSameCompanyAndAnotherSeedDoesNot() {
        let again = CompanyGenerator.generate(TestSandbox.configuration())
        #expect(again.customers == company.customers)
        #expect(again.subscriptions == company.subscriptions)
        #expect(again.invoices == company.invoices)
        #expect(again.events == company.events)
        #expect(again.ghlContacts == company.ghlContacts)
        let other = CompanyGenerator.generate(TestSandbox.configuration(seed: 8))
        #expect(other.customers != company.customers)
    }

    @Test func everyStateCurrencyAndComponentKindAppears() {
        let states = Set(company.subscriptions.map(\.state))
        for state in ["active", "trialing", "past_due", "soft_failure", "unpaid", "canceled", "expired", "on_hold"] {
            #expect(states.contains(state), "missing state \(state)")
        }
        #expect(Set(company.subscriptions.map(\.currency.code)).isSuperset(of: ["USD", "EUR", "GBP"]))
        #expect(Set(company.products.map(\.currency.code)) == ["USD", "EUR", "GBP", "JPY"])
        #expect(
            Set(company.components.map(\.kind)).isSuperset(of: [
                "quantity_based_component", "on_off_component", "metered_component",
            ]))
        #expect(company.subscriptions.contains { $0.cancelAtEndOfPeriod } || company.subscriptions.count < 40)
        let statuses = Set(company.invoices.map(\.status))
        #expect(statuses.isSuperset(of: ["paid", "open"]))
    }

    @Test func idsAndNumbersAreSortedAndUnique() {
        #expect(zip(company.customers, company.customers.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(zip(company.subscriptions, company.subscriptions.dropFirst()).allSatisfy { $0.id < $1.id })
        #expect(
            zip(company.invoices, company.invoices.dropFirst()).allSatisfy {
                $0.number < $1.number && $0.createdAt <= $1.createdAt
            })
        #expect(
            zip(company.events, company.events.dropFirst()).allSatisfy { $0.id < $1.id && $0.createdAt <= $1.createdAt }
        )
        #expect(Set(company.invoices.map(\.uid)).count == company.invoices.count)
        #expect(company.invoices.allSatisfy { $0.uid.hasPrefix("inv_") && $0.uid.utf8.count == 15 })
    }

    @Test func invoiceAmountsAddUpFromTheirLines() {
        for invoice in company.invoices {
            #expect(invoice.subtotal == invoice.lineItems.reduce(0) { $0 + $1.subtotal })
            #expect(invoice.discount == invoice.lineItems.reduce(0) { $0 + $1.discount })
            #expect(invoice.tax == invoice.lineItems.reduce(0) { $0 + $1.tax })
            #expect(invoice.total == invoice.subtotal - invoice.discount + invoice.tax)
            if invoice.status == "paid" { #expect(invoice.due == 0 && invoice.paidDay != nil) }
            if invoice.status == "open" { #expect(invoice.due > 0) }
            for line in invoice.lineItems { #expect(line.periodStartDay <= line.periodEndDay) }
        }
    }

    @Test func historyStaysWithinTwentyFourMonthsAndBeforeNow() {
        let now = company.now.secondsSinceEpoch
        let start = SandboxClock.adding(months: -24, to: now)
        #expect(company.invoices.allSatisfy { $0.createdAt >= start && $0.createdAt <= now && $0.updatedAt <= now })
        #expect(company.customers.allSatisfy { $0.createdAt <= $0.updatedAt && $0.updatedAt <= now })
        #expect(company.subscriptions.allSatisfy { $0.updatedAt <= now })
    }

    @Test func liveSubscriptionsAreInTheirCurrentPeriod() {
        let now = company.now.secondsSinceEpoch
        for subscription in company.subscriptions
        where ["active", "past_due", "soft_failure", "unpaid"].contains(subscription.state) {
            #expect(
                subscription.currentPeriodStartedAt <= now && now < subscription.currentPeriodEndsAt,
                "\(subscription.id)")
            #expect(subscription.currentPeriodStartedAt >= subscription.activatedAt ?? 0)
        }
    }

    @Test func dunningSubscriptionsHaveFailureEventsAndBalances() {
        let pastDue = company.subscriptions.filter { $0.state == "past_due" && $0.creditCard != nil }
        for subscription in pastDue {
            #expect(company.events.contains { $0.subscriptionID == subscription.id && $0.key == "payment_failure" })
            #expect(
                company.events.contains { $0.subscriptionID == subscription.id && $0.key == "dunning_step_reached" })
            #expect(subscription.balanceInCents > 0)
        }
    }

    @Test func namesAreInternationalAndTwoCustomersShareOne() {
        #expect(company.customers[1].firstName == company.customers[2].firstName)
        #expect(company.customers[1].lastName == company.customers[2].lastName)
        #expect(company.customers.contains { $0.lastName.unicodeScalars.contains { $0.value > 0x2E80 } })
        #expect(company.customers.contains { ($0.firstName + $0.lastName).count > 80 })
        #expect(
            !company.customers.contains { TextSanitizer.needsCleaning($0.firstName + $0.lastName + $0.organization) })
    }

    @Test func hostileStringsAppearOnlyWhenAsked() {
        let hostile = CompanyGenerator.generate(TestSandbox.configuration(hostile: true))
        let tainted = hostile.customers.filter {
            TextSanitizer.needsCleaning($0.firstName + $0.lastName + $0.organization)
        }
        #expect(tainted.count > 3)
        #expect(hostile.invoices.contains { TextSanitizer.needsCleaning($0.memo) })
    }

    @Test func someCardsExpireWithinThirtyDays() {
        let big = CompanyGenerator.generate(TestSandbox.configuration(customers: 400))
        let today = LocalDate(daysSinceEpoch: SandboxClock.dayNumber(big.now.secondsSinceEpoch))
        let soon = big.subscriptions.compactMap(\.creditCard).filter {
            CreditCard(
                cardType: $0.cardType, maskedNumber: $0.maskedCardNumber, expirationMonth: $0.expirationMonth,
                expirationYear: $0.expirationYear
            ).expires(within: 30, of: today)
        }
        #expect(soon.count > 5)
    }
}
