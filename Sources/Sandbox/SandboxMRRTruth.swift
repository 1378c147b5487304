import BillingCore
import Foundation

/// The sandbox's own MRR movements, served by its `/mrr_movements.json` as Chargify's (deprecated) report.
///
/// The sandbox knows every change it made: the plan history's and the world's events, the allocations whose
/// events are gone, and the coupons it added and removed (`Company.couponChanges`, which no API shows). It
/// turns each subscription as it is today into a BillingCore value, rebuilds the dated versions from all of
/// that with billtop's timeline and movement rules, and reports each day's movements. So a difference from
/// billtop's figures is a change billtop's data path did not carry (a lost page, a missed allocation, a
/// coupon it could not date), not a difference of arithmetic.
enum SandboxMRRTruth {
    /// Movements from `first`'s day on through `last`, per customer and currency.
    static func movements(_ company: Company, from first: LocalDate, through last: LocalDate) -> [MRRMovement] {
        var changes: [Int: [SubscriptionChange]] = [:]
        for event in company.events {
            guard let id = event.subscriptionID,
                let change = SubscriptionChange.parse(
                    BillingEvent(
                        id: Int64(event.id), key: event.key, subscriptionID: String(id),
                        createdAt: Timestamp(secondsSinceEpoch: event.createdAt),
                        eventSpecificData: event.specificDataJSON))
            else { continue }
            changes[id, default: []].append(change)
        }
        for record in company.allocationsWithoutEvents {
            let allocation = ComponentAllocation(
                subscriptionID: String(record.subscriptionID), componentID: String(record.componentID),
                allocationID: Int64(record.id), quantity: ExactDecimal(Int64(record.quantity)),
                previousQuantity: ExactDecimal(Int64(record.previousQuantity)),
                at: Timestamp(secondsSinceEpoch: record.at))
            if let change = allocation.change { changes[record.subscriptionID, default: []].append(change) }
        }
        let couponChanges = Dictionary(grouping: company.couponChanges, by: \.subscriptionID)
        let prices = ProductPriceBook(
            prices: company.products.map {
                (
                    String($0.id), Money(minorUnits: $0.priceInCents, currency: $0.currency),
                    BillingInterval(count: $0.interval, unit: $0.intervalUnit)
                )
            })
        let timelines = company.subscriptions.map { sandbox -> SubscriptionTimeline in
            let current = subscription(sandbox, company: company)
            let logged = changes[sandbox.id] ?? []
            let timeline = SubscriptionTimeline.build(current: current, changes: logged, prices: prices)
            guard let coupons = couponChanges[sandbox.id] else { return timeline }
            // Each coupon change as two versions a second apart: the codes before it, then after it (the next
            // change's "before", or today's). The versions between are undone from the later one's events, so
            // each stretch carries the codes it had.
            var observed: [ObservedSubscription] = []
            for (index, change) in coupons.enumerated() {
                let day = Timestamp(secondsSinceEpoch: change.at).utcDate
                var before = timeline.revision(on: day.adding(days: -1)).subscription
                before.coupons = Self.coupons(change.codesBefore, of: sandbox, company: company)
                var after = timeline.revision(on: day).subscription
                let codesAfter = index + 1 < coupons.count ? coupons[index + 1].codesBefore : sandbox.couponCodes
                after.coupons = Self.coupons(codesAfter, of: sandbox, company: company)
                observed.append(
                    ObservedSubscription(at: Timestamp(secondsSinceEpoch: change.at - 1), subscription: before))
                observed.append(ObservedSubscription(at: Timestamp(secondsSinceEpoch: change.at), subscription: after))
            }
            return SubscriptionTimeline.build(current: current, observed: observed, changes: logged, prices: prices)
        }
        let series = MRRHistory.fromTimelines(timelines, from: first, through: last)
        return series.movements(through: last).filter { $0.date > first }
    }

    /// Today's subscription as billtop maps the sandbox's JSON of it.
    static func subscription(_ s: SandboxSubscription, company: Company) -> Subscription {
        let product = company.product(id: s.productID)
        let at = { (seconds: Int64?) in seconds.map { Timestamp(secondsSinceEpoch: $0) } }
        var components: [SubscriptionComponent] = []
        for allocation in s.components {
            guard let component = company.component(id: allocation.componentID) else { continue }
            let kind = SubscriptionComponent.Kind(apiValue: component.kind)
            let quantity: Int
            switch kind {
            case .onOff: quantity = allocation.enabled ? 1 : 0
            case .metered, .prepaidUsage, .eventBased: quantity = allocation.unitBalance
            default: quantity = allocation.allocatedQuantity
            }
            let price = company.pricePoint(id: allocation.pricePointID)?.unitPriceInCents ?? 0
            components.append(
                SubscriptionComponent(
                    componentID: String(component.id), name: component.name, kind: kind,
                    quantity: ExactDecimal(Int64(quantity)),
                    unitPrice: Money(minorUnits: price, currency: component.currency), enabled: allocation.enabled))
        }
        return Subscription(
            id: String(s.id), customerID: String(s.customerID), state: SubscriptionState(apiValue: s.state),
            previousState: SubscriptionState(apiValue: s.previousState), productID: String(s.productID),
            productName: product?.name ?? "",
            productPrice: Money(minorUnits: s.productPriceInCents, currency: s.currency),
            interval: BillingInterval(count: product?.interval ?? 1, unit: product?.intervalUnit ?? .month),
            components: components, coupons: coupons(s.couponCodes, of: s, company: company),
            currentPeriodStartedAt: at(s.currentPeriodStartedAt), currentPeriodEndsAt: at(s.currentPeriodEndsAt),
            nextAssessmentAt: at(s.nextAssessmentAt), trialEndedAt: at(s.trialEndedAt), activatedAt: at(s.activatedAt),
            canceledAt: at(s.canceledAt), cancelAtEndOfPeriod: s.cancelAtEndOfPeriod,
            scheduledCancellationAt: at(s.scheduledCancellationAt ?? s.delayedCancelAt), onHoldAt: at(s.onHoldAt),
            createdAt: at(s.createdAt), updatedAt: at(s.updatedAt), expiresAt: at(s.expiresAt))
    }

    static func coupons(_ codes: [String], of s: SandboxSubscription, company: Company) -> [Coupon] {
        codes.compactMap { code in
            guard let coupon = company.coupon(code: code) else { return nil }
            let discount: Coupon.Discount =
                if let text = coupon.percentage, let percent = ExactDecimal(parsing: text) {
                    .percentage(percent)
                } else {
                    .amount(Money(minorUnits: coupon.amountInCents ?? 0, currency: s.currency))
                }
            return Coupon(
                code: code, discount: discount, recurring: coupon.recurring,
                durationPeriods: coupon.durationPeriodCount,
                appliedAt: s.activatedAt.map { Timestamp(secondsSinceEpoch: $0) },
                endsAt: coupon.endDay.map { Timestamp(startOf: LocalDate(daysSinceEpoch: $0).adding(days: 1)) })
        }
    }
}
