import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// MRR and aging through sandbox -> sync -> store -> metrics equal a plain computation over the generator's
/// in-memory company, written here from billing-math.md without BillingCore's metrics code; and the
/// Chargify-direct and Truto paths give the same figures.
@Suite(.serialized) struct MetricsCrossCheckTests {
    @Test func mrrAndAgingThroughTheWholePathEqualThePlainComputation() async throws {
        let h = try await SandboxHarness.start(customers: 60, seed: 11)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify), h.source(.truto)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let company = await h.server.world.company
        let today = company.now.utcDate
        let chargify = try #require(try h.store.source(named: "acme"))
        let truto = try #require(try h.store.source(named: "acme-truto"))
        try AggregateRefresher(store: h.store).refreshAggregates(asOf: today)
        let metrics = MetricsStore(store: h.store)

        let plainMRR = PlainMetrics.mrrByCustomer(company, on: today)
        var plainTotals: [Currency: Int64] = [:]
        for (_, perCurrency) in plainMRR {
            for (currency, amount) in perCurrency { plainTotals[currency, default: 0] += amount }
        }
        let plainAging = PlainMetrics.aging(company, on: today)
        #expect(!plainTotals.isEmpty && !plainAging.isEmpty, "the generated company should have MRR and receivables")

        for source in [chargify, truto] {
            let summary = try #require(try metrics.mrrSummary(sourceID: source.id))
            #expect(summary.basis == .subscriptions)
            #expect(
                summary.mrr.byCurrency.filter { $0.value != 0 } == plainTotals.filter { $0.value != 0 },
                "\(source.name)")
            let ids = company.customers.map { String($0.id) }
            let stored = try metrics.customerMetrics(sourceID: source.id, customerIDs: ids)
            for id in ids {
                let mine = Dictionary(
                    uniqueKeysWithValues: (stored[id] ?? []).filter { !$0.mrr.isZero }.map {
                        ($0.currency, $0.mrr.minorUnits)
                    })
                let plain = (plainMRR[id] ?? [:]).filter { $0.value != 0 }
                #expect(mine == plain, "\(source.name) customer \(id)")
            }
            let aging = try metrics.aging(sourceID: source.id)
            var mine: [String: Int64] = [:]
            for currency in aging.currencies {
                for bucket in AgingBucket.allCases where aging.cell(bucket, currency).invoices > 0 {
                    mine["\(currency.code) \(bucket.rawValue)"] = aging.cell(bucket, currency).amount.minorUnits
                }
            }
            #expect(mine == plainAging, "\(source.name)")
            for currency in summary.currencies { #expect(currency.bridge.reconciles) }
        }

        // The two paths agree on everything the panes show.
        let a = try metrics.mrrSummary(sourceID: chargify.id)
        let b = try metrics.mrrSummary(sourceID: truto.id)
        #expect(a?.currencies == b?.currencies)
        #expect(try metrics.aging(sourceID: chargify.id) == metrics.aging(sourceID: truto.id))
        #expect(
            try metrics.dunningAlerts(sourceID: chargify.id, limit: 1000)
                == metrics.dunningAlerts(sourceID: truto.id, limit: 1000))
    }
}

/// billing-math.md applied directly to the sandbox's own records (cents, catalogue prices, coupon codes).
enum PlainMetrics {
    static let counting: Set<String> = ["active", "past_due", "soft_failure"]

    /// MRR in minor units per customer id and currency.
    static func mrrByCustomer(_ company: Company, on today: LocalDate) -> [String: [Currency: Int64]] {
        var result: [String: [Currency: Int64]] = [:]
        for sub in company.subscriptions where counting.contains(sub.state) {
            guard let product = company.product(id: sub.productID) else { continue }
            if let end = sub.scheduledCancellationAt ?? sub.delayedCancelAt,
                Timestamp(secondsSinceEpoch: end).utcDate <= today
            {
                continue
            }
            // Per-period charges: the product, then recurring components at their catalogue price.
            var charges: [Int128] = [Int128(sub.productPriceInCents)]
            for allocation in sub.components {
                guard let component = company.component(id: allocation.componentID),
                    let price = company.pricePoint(id: allocation.pricePointID)?.unitPriceInCents
                else { continue }
                switch component.kind {
                case "quantity_based_component": charges.append(Int128(allocation.allocatedQuantity) * Int128(price))
                case "on_off_component": charges.append(allocation.enabled ? Int128(price) : 0)
                default: continue  // metered and prepaid usage are not MRR
                }
            }
            // Recurring coupons in force: percentages (in thousandths of a percent) and fixed cents.
            var percentMilli: Int128 = 0
            var fixed: Int128 = 0
            let activated = sub.activatedAt.map { Timestamp(secondsSinceEpoch: $0).utcDate }
            for code in sub.couponCodes {
                guard let coupon = company.coupon(code: code), coupon.recurring else { continue }
                if let endDay = coupon.endDay, today.daysSinceEpoch >= endDay { continue }
                if let periods = coupon.durationPeriodCount, let activated {
                    let end =
                        product.intervalUnit == .month
                        ? activated.adding(months: periods * product.interval)
                        : activated.adding(days: periods * product.interval)
                    if today >= end { continue }
                }
                if let percentage = coupon.percentage, let value = ExactDecimal(parsing: percentage) {
                    percentMilli += Int128(value.scaled(toDigits: 3)!)
                } else if let cents = coupon.amountInCents {
                    fixed += Int128(cents)
                }
            }
            percentMilli = min(percentMilli, 100_000)
            // Month factor: 1/n for months, 365/(12 n) for days.
            let (factorNum, factorDen): (Int128, Int128) =
                product.intervalUnit == .month
                ? (1, Int128(product.interval)) : (365, Int128(12 * product.interval))
            var total: Int64 = 0
            for charge in charges {
                // net = charge x (100000 - p) / 100000, less what is left of the fixed discount.
                var netNum = charge * (100_000 - percentMilli)
                let netDen: Int128 = 100_000
                let take = min(fixed * netDen, max(0, netNum))
                netNum -= take
                fixed -= take / netDen + (take % netDen == 0 ? 0 : 0)
                total += roundHalfEven(netNum * factorNum, netDen * factorDen)
            }
            result[String(sub.customerID), default: [:]][sub.currency, default: 0] += total
        }
        return result
    }

    /// Outstanding cents per "CUR bucket" for unpaid invoices, aged from the due date.
    static func aging(_ company: Company, on today: LocalDate) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for invoice in company.invoices
        where !["draft", "voided", "canceled", "paid"].contains(invoice.status) && invoice.due > 0 {
            if invoice.issueDay > today.daysSinceEpoch { continue }
            let late = today.daysSinceEpoch - invoice.dueDay
            let bucket =
                late <= 0 ? "current" : late <= 30 ? "1-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : "90+"
            result["\(invoice.currency.code) \(bucket)", default: 0] += invoice.due
        }
        return result
    }

    static func roundHalfEven(_ n: Int128, _ d: Int128) -> Int64 {
        var q = n / d
        let r = n - q * d
        if r * 2 > d || (r * 2 == d && q % 2 != 0) { q += 1 }
        return Int64(q)
    }
}
