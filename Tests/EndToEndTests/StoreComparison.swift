import BillingCore
import BillingStore
import Foundation
import Sandbox

/// Compares what the store holds for a source with the sandbox's company, field by field that matters.
struct StoreComparison {
    var differences: [String] = []

    init(store: BillingStore, sourceID: Int64, company: Company) throws {
        let customers = try store.allCustomers(sourceID: sourceID)
        let expectedCustomers = company.customers.map {
            "\($0.id)|\($0.firstName)|\($0.lastName)|\($0.email)|\($0.organization)|\($0.reference)|\($0.updatedAt)"
        }
        let gotCustomers = customers.map {
            let c = $0.value
            return "\(c.id)|\(c.firstName)|\(c.lastName)|\(c.email)|\(c.organization)|\(c.reference)|\(c.updatedAt?.secondsSinceEpoch ?? 0)"
        }
        compare("customers", Set(expectedCustomers), Set(gotCustomers), countGot: gotCustomers.count)

        let subscriptions = try store.allSubscriptions(sourceID: sourceID)
        let expectedSubs = company.subscriptions.map {
            "\($0.id)|\($0.customerID)|\($0.state)|\($0.productPriceInCents)|\($0.currency.code)|\($0.balanceInCents)|\($0.components.count)|\($0.couponCodes.count)|\($0.updatedAt)"
        }
        let gotSubs = subscriptions.map {
            let s = $0.value
            return "\(s.id)|\(s.customerID)|\(s.state.apiValue)|\(s.productPrice.minorUnits)|\(s.currency.code)|\(s.balance.minorUnits)|\(s.components.count)|\(s.coupons.count)|\(s.updatedAt?.secondsSinceEpoch ?? 0)"
        }
        compare("subscriptions", Set(expectedSubs), Set(gotSubs), countGot: gotSubs.count)

        let invoices = try store.allInvoices(sourceID: sourceID)
        let expectedInvoices = company.invoices.map {
            "\($0.uid)|\($0.number)|\($0.customerID)|\($0.status)|\($0.currency.code)|\($0.total)|\($0.paid)|\($0.due)|\($0.lineItems.count)|\($0.payments.count)|\($0.lineItems.map(\.total).reduce(0, +))"
        }
        let gotInvoices = invoices.map {
            let i = $0.value
            return "\(i.id)|\(i.number)|\(i.customerID)|\(i.status.apiValue)|\(i.currency.code)|\(i.total.minorUnits)|\(i.paid.minorUnits)|\(i.due.minorUnits)|\(i.lineItems.count)|\(i.payments.count)|\(i.lineItems.map(\.total.minorUnits).reduce(0, +))"
        }
        compare("invoices", Set(expectedInvoices), Set(gotInvoices), countGot: gotInvoices.count)

        let events = try store.events(sourceID: sourceID)
        compare("events", Set(company.events.map { "\($0.id)|\($0.key)" }), Set(events.map { "\($0.id)|\($0.key)" }), countGot: events.count)
        let flagged = customers.filter { !$0.flags.isEmpty }.count + subscriptions.filter { !$0.flags.isEmpty }.count
            + invoices.filter { !$0.flags.isEmpty }.count
        if flagged > 0 {
            let sample = (subscriptions.first { !$0.flags.isEmpty }?.flags ?? invoices.first { !$0.flags.isEmpty }?.flags ?? [])
            differences.append("\(flagged) records carry decode flags, e.g. \(sample.prefix(3))")
        }
    }

    mutating func compare(_ what: String, _ expected: Set<String>, _ got: Set<String>, countGot: Int) {
        if countGot != got.count { differences.append("\(what): \(countGot - got.count) duplicates") }
        let missing = expected.subtracting(got)
        let extra = got.subtracting(expected)
        if !missing.isEmpty || !extra.isEmpty {
            differences.append(
                "\(what): \(missing.count) missing/different, \(extra.count) unexpected; e.g. want \(missing.sorted().prefix(2)) got \(extra.sorted().prefix(2))")
        }
    }
}
