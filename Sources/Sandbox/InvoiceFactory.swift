import BillingCore

/// Builds one period's invoice for a subscription: plan and component lines with service periods,
/// coupon discounts and tax, so every total is consistent with its lines.
struct InvoiceFactory {
    let products: [Int: SandboxProduct]
    let components: [Int: SandboxComponent]
    let pricePoints: [Int: SandboxPricePoint]
    let coupons: [String: SandboxCoupon]

    init(
        products: [SandboxProduct], components: [SandboxComponent], pricePoints: [SandboxPricePoint],
        coupons: [SandboxCoupon]
    ) {
        self.products = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0) })
        self.components = Dictionary(uniqueKeysWithValues: components.map { ($0.id, $0) })
        self.pricePoints = Dictionary(uniqueKeysWithValues: pricePoints.map { ($0.id, $0) })
        self.coupons = Dictionary(uniqueKeysWithValues: coupons.map { ($0.code, $0) })
    }

    /// Tax in basis points by customer country (a flat, documented simplification of real tax rules).
    static func taxBasisPoints(country: String) -> Int64 {
        switch country {
        case "FR", "DE", "ES", "GB": return 2_000
        case "US": return 825
        case "JP": return 1_000
        case "IN": return 1_800
        default: return 0
        }
    }

    /// An unnumbered open invoice for the period `[start, end)` (the `periodIndex`-th since activation).
    func invoice(
        for subscription: SandboxSubscription, customer: SandboxCustomer, periodStart: Int64, periodEnd: Int64,
        periodIndex: Int, createdAt: Int64, random: inout SandboxRandom
    ) -> SandboxInvoice {
        let product = products[subscription.productID]!
        let startDay = SandboxClock.dayNumber(periodStart)
        let endDay = max(startDay, SandboxClock.dayNumber(periodEnd) - 1)
        let taxRate = Self.taxBasisPoints(country: customer.country)
        let coupon = subscription.couponCodes.first.flatMap { coupons[$0] }
        var lines: [SandboxLineItem] = []
        func add(
            title: String, description: String, quantity: Int, unit: Int64, kind: String,
            productID: Int?, componentID: Int?, pricePointID: Int?
        ) {
            let subtotal = unit * Int64(quantity)
            var discount: Int64 = 0
            if let coupon, Self.applies(coupon, periodIndex: periodIndex), let percent = coupon.percentage,
                let basis = ExactDecimal(parsing: percent)?.scaled(toDigits: 2)
            {
                discount = Rounding.multiplyDivideHalfEven(subtotal, basis, by: 10_000)
            }
            let tax = Rounding.multiplyDivideHalfEven(subtotal - discount, taxRate, by: 10_000)
            lines.append(
                SandboxLineItem(
                    uid: "", title: title, description: description, quantity: quantity, unitPrice: unit,
                    subtotal: subtotal, discount: discount, tax: tax, periodStartDay: startDay, periodEndDay: endDay,
                    productID: productID, componentID: componentID, pricePointID: pricePointID, kind: kind))
        }
        add(
            title: product.name, description: product.description, quantity: 1, unit: subscription.productPriceInCents,
            kind: "baseline", productID: product.id, componentID: nil, pricePointID: product.pricePointID)
        for allocation in subscription.components {
            guard let component = components[allocation.componentID],
                let point = pricePoints[allocation.pricePointID]
            else { continue }
            let quantity: Int
            switch component.kind {
            case "quantity_based_component": quantity = allocation.allocatedQuantity
            case "on_off_component": quantity = allocation.enabled ? 1 : 0
            default: quantity = random.int(0...400)  // usage varies period to period
            }
            guard quantity > 0 else { continue }
            add(
                title: component.name, description: component.unitName,
                quantity: quantity, unit: point.unitPriceInCents, kind: component.kind,
                productID: product.id, componentID: component.id, pricePointID: point.id)
        }
        if periodIndex == 0, subscription.productPriceInCents >= 10_000, random.chance(fraction: 0.3) {
            add(
                title: "Onboarding fee", description: "One-time setup", quantity: 1,
                unit: CatalogueGenerator.convert(5_000, to: subscription.currency), kind: "initial",
                productID: nil, componentID: nil, pricePointID: nil)
        }
        if let coupon, Self.applies(coupon, periodIndex: periodIndex), let amount = coupon.amountInCents,
            subscription.currency == .usd
        {
            let off = min(amount, lines[0].subtotal)
            lines[0].discount = off
            lines[0].tax = Rounding.multiplyDivideHalfEven(lines[0].subtotal - off, taxRate, by: 10_000)
        }
        let isRemittance = subscription.paymentCollectionMethod == "remittance"
        let issueDay = SandboxClock.dayNumber(createdAt)
        return SandboxInvoice(
            uid: "", number: 0, customerID: customer.id, subscriptionID: subscription.id, status: "open",
            collectionMethod: isRemittance ? "remittance" : "automatic", currency: subscription.currency,
            issueDay: issueDay, dueDay: issueDay + (isRemittance ? 30 : 0), paidDay: nil,
            createdAt: createdAt, updatedAt: createdAt,
            subtotal: lines.reduce(0) { $0 + $1.subtotal }, discount: lines.reduce(0) { $0 + $1.discount },
            tax: lines.reduce(0) { $0 + $1.tax }, credit: 0, refund: 0, productName: product.name, memo: "",
            lineItems: lines, payments: [])
    }

    /// A coupon applied at activation counts periods from 0.
    static func applies(_ coupon: SandboxCoupon, periodIndex: Int) -> Bool {
        if !coupon.recurring { return periodIndex == 0 }
        if let count = coupon.durationPeriodCount { return periodIndex < count }
        return true
    }

    /// Marks an invoice paid in full at `time` by the subscription's card or a bank transfer.
    static func pay(_ invoice: inout SandboxInvoice, at time: Int64, card: SandboxCreditCard?, transactionID: Int) {
        let amount = invoice.total - invoice.credit - invoice.paid
        if amount > 0 {
            invoice.payments.append(
                SandboxPayment(
                    transactionID: transactionID, transactionTime: time, memo: "",
                    originalAmount: amount, appliedAmount: amount,
                    method: card == nil ? "bank_transfer" : "credit_card",
                    cardBrand: card?.cardType ?? "", maskedCardNumber: card?.maskedCardNumber ?? ""))
        }
        invoice.status = "paid"
        invoice.paidDay = SandboxClock.dayNumber(time)
        invoice.updatedAt = max(invoice.updatedAt, time)
    }
}
