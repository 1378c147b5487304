extension SubscriptionMRR {
    /// Every priced line on `date`, ignoring state: product, recurring components, then usage.
    static func priceLines(of subscription: Subscription, on date: LocalDate) -> [MRRLine] {
        let currency = subscription.currency
        let interval = subscription.interval
        guard interval.count > 0 else { return [] }
        let norm = Fraction(Int128(interval.monthFactorNumerator), Int128(interval.monthFactorDenominator))

        struct Raw { var kind: MRRLine.Kind; var id: String; var name: String; var perPeriod: Fraction }
        var raws = [
            Raw(
                kind: .product, id: subscription.productID, name: subscription.productName,
                perPeriod: Fraction(Int128(subscription.productPrice.minorUnits)))
        ]
        for component in subscription.components where component.unitPrice.currency == currency {
            let quantity =
                component.kind == .onOff
                ? (component.enabled && component.quantity.significand != 0 ? Fraction(1) : .zero)
                : (component.enabled ? Fraction(component.quantity) : .zero)
            let amount = Fraction(Int128(component.unitPrice.minorUnits)) * quantity
            let kind: MRRLine.Kind
            switch component.kind {
            case .quantityBased, .onOff: kind = .component
            case .metered, .prepaidUsage, .eventBased: kind = .usage
            case .unknown: continue  // an unknown charge is neither MRR nor usage until we know what it is
            }
            raws.append(Raw(kind: kind, id: component.componentID, name: component.name, perPeriod: amount))
        }

        let inForce = subscription.coupons.filter { CouponSchedule.isInForce($0, on: date, subscription: subscription) }
        var percent = Fraction.zero
        var fixedRemaining = Fraction.zero
        for coupon in inForce {
            switch coupon.discount {
            case .percentage(let value): percent = percent + Fraction(value) * Fraction(1, 100)
            case .amount(let money) where money.currency == currency:
                fixedRemaining = fixedRemaining + Fraction(Int128(money.minorUnits))
            case .amount: break  // a fixed coupon in another currency cannot apply; never convert silently
            }
        }
        if Fraction(1) < percent { percent = Fraction(1) }
        if percent < .zero { percent = .zero }
        let keep = Fraction(1) - percent

        var lines: [MRRLine] = []
        for raw in raws {
            var net = raw.perPeriod
            if raw.kind != .usage {
                net = net * keep
                if Fraction.zero < fixedRemaining, Fraction.zero < net {
                    let take = fixedRemaining < net ? fixedRemaining : net
                    net = net - take
                    fixedRemaining = fixedRemaining - take
                }
            }
            let monthly = (net * norm).roundedHalfEven
            let gross = (raw.perPeriod * norm).roundedHalfEven
            lines.append(
                MRRLine(
                    kind: raw.kind, itemID: raw.id, name: raw.name,
                    monthly: Money(minorUnits: monthly, currency: currency),
                    monthlyDiscount: Money(minorUnits: gross - monthly, currency: currency)))
        }
        return lines
    }
}
