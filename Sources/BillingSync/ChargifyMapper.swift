import BillingCore
import BillingStore
import Foundation

/// Maps Chargify JSON objects (already unwrapped from their envelopes) into BillingCore values.
/// Every string is kept as sent (sanitising happens at display); bad fields become flags.
struct ChargifyMapper: Sendable {
    /// Component prices and coupons from the site's catalogue, read once per run.
    var catalogue = Catalogue()

    func customer(_ raw: JSONFields, text: String? = nil) -> Incoming<Customer>? {
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let value = Customer(
            id: id, firstName: o.string("first_name"), lastName: o.string("last_name"), email: o.string("email"),
            organization: o.string("organization"), reference: o.string("reference"), phone: o.string("phone"),
            city: o.string("city"), country: o.string("country"), createdAt: o.time("created_at"),
            updatedAt: o.time("updated_at"))
        return Self.incoming(value, text: text ?? JSONValue.object(raw).compactText, flags: o.flags)
    }

    /// A subscription; `components` is its `/subscriptions/{id}/components.json` list (unwrapped).
    func subscription(_ raw: JSONFields, components: [JSONFields], text: String? = nil) -> Incoming<Subscription>? {
        var o = JSONObject(raw)
        guard let id = o.id("id") else { return nil }
        let currency = o.currency("currency")
        var product = o.object("product") ?? JSONObject(JSONFields())
        var family = product.object("product_family") ?? JSONObject(JSONFields())
        var customer = o.object("customer") ?? JSONObject(JSONFields())
        let unit: BillingInterval.Unit = product.string("interval_unit") == "day" ? .day : .month
        let interval = BillingInterval(count: Int(product.int("interval") ?? 1), unit: unit)
        var card: CreditCard?
        if var c = o.object("credit_card") {
            card = CreditCard(
                cardType: c.string("card_type"), maskedNumber: c.string("masked_card_number"),
                expirationMonth: Int(c.int("expiration_month") ?? 0), expirationYear: Int(c.int("expiration_year") ?? 0)
            )
            o.flags += c.flags
        }
        let activatedAt = o.time("activated_at")
        var codes = o.strings("coupon_codes")
        if codes.isEmpty, let single = o.optionalString("coupon_code"), !single.isEmpty { codes = [single] }
        var coupons: [Coupon] = []
        for code in codes {
            if let coupon = catalogue.coupon(code: code, currency: currency, appliedAt: activatedAt) {
                coupons.append(coupon)
            } else if !catalogue.gaps(.coupons).isEmpty {
                // The coupons could not be listed: say so once, with why, instead of per code.
                for gap in catalogue.gaps(.coupons) where !o.flags.contains(gap.flag) { o.flags.append(gap.flag) }
            } else {
                o.flags.append("coupon_codes: \(TextSanitizer.clean(code)) is not in the coupon catalogue")
            }
        }
        var mapped: [SubscriptionComponent] = []
        for item in components {
            var c = JSONObject(item)
            let componentID = c.id("component_id") ?? c.id("id") ?? ""
            let kind = SubscriptionComponent.Kind(apiValue: c.string("kind"))
            let enabled = c.has("enabled") ? c.bool("enabled") : true
            let quantity: ExactDecimal
            switch kind {
            case .onOff: quantity = ExactDecimal(enabled ? 1 : 0)
            case .metered, .prepaidUsage, .eventBased: quantity = c.decimal("unit_balance") ?? ExactDecimal(0)
            default: quantity = c.decimal("allocated_quantity") ?? ExactDecimal(0)
            }
            let componentCurrency = c.currency("currency", default: currency)
            let pricePoint = c.id("price_point_id")
            let price = catalogue.unitPrice(
                componentID: componentID, pricePointID: pricePoint, currency: componentCurrency)
            if price == nil, catalogue.gaps(.components).isEmpty {
                c.flags.append("component \(componentID): no catalogue price for its price point")
            } else if price == nil {
                // A component price listing could not be read: say so once, with why.
                for gap in catalogue.gaps(.components) where !o.flags.contains(gap.flag) { o.flags.append(gap.flag) }
            }
            mapped.append(
                SubscriptionComponent(
                    componentID: componentID, name: c.string("name"), kind: kind, quantity: quantity,
                    unitPrice: price ?? .zero(componentCurrency), enabled: enabled))
            o.flags += c.flags
        }
        let value = Subscription(
            id: id, customerID: customer.id("id") ?? o.id("customer_id") ?? "",
            state: SubscriptionState(apiValue: o.string("state")),
            previousState: o.optionalString("previous_state").map(SubscriptionState.init(apiValue:)),
            productID: product.id("id") ?? "", productName: product.string("name"),
            productFamily: family.string("name"),
            productPrice: o.cents("product_price_in_cents", currency), interval: interval, components: mapped,
            coupons: coupons, balance: o.cents("balance_in_cents", currency),
            paymentCollectionMethod: o.string("payment_collection_method"), creditCard: card,
            currentPeriodStartedAt: o.time("current_period_started_at"),
            currentPeriodEndsAt: o.time("current_period_ends_at"), nextAssessmentAt: o.time("next_assessment_at"),
            trialEndedAt: o.time("trial_ended_at"), activatedAt: activatedAt, canceledAt: o.time("canceled_at"),
            cancelAtEndOfPeriod: o.bool("cancel_at_end_of_period"),
            scheduledCancellationAt: o.time("scheduled_cancellation_at") ?? o.time("delayed_cancel_at"),
            onHoldAt: o.time("on_hold_at"), createdAt: o.time("created_at"), updatedAt: o.time("updated_at"),
            expiresAt: o.time("expires_at"))
        return Self.incoming(
            value, text: text ?? JSONValue.object(raw).compactText,
            flags: o.flags + product.flags + family.flags + customer.flags)
    }

    func invoice(_ raw: JSONFields, text: String? = nil) -> Incoming<Invoice>? {
        var o = JSONObject(raw)
        guard let uid = o.id("uid") else { return nil }
        // Every amount is read in this currency: a missing one must not pass silently as USD.
        if !o.has("currency") { o.flags.append("currency: missing, amounts read as USD") }
        let cur = o.currency("currency")
        var lines: [InvoiceLineItem] = []
        for var l in o.array("line_items") {
            let kind = l.string("kind")
            let componentID = l.id("component_id")
            let recurring = kind == "baseline" || kind == "quantity_based_component" || kind == "on_off_component"
            lines.append(
                InvoiceLineItem(
                    id: l.id("uid") ?? "", title: l.string("title"), description: l.string("description", limit: .long),
                    quantity: l.decimal("quantity") ?? ExactDecimal(1), unitPrice: l.money("unit_price", cur),
                    subtotal: l.money("subtotal_amount", cur), discount: l.money("discount_amount", cur),
                    tax: l.money("tax_amount", cur), total: l.money("total_amount", cur),
                    periodStart: l.date("period_range_start"), periodEnd: l.date("period_range_end"),
                    productID: l.id("product_id"), componentID: componentID, kind: kind, isRecurring: recurring))
            o.flags += l.flags
        }
        var payments: [Payment] = []
        for var p in o.array("payments") {
            var method = p.object("payment_method") ?? JSONObject(JSONFields())
            let type = method.string("type")
            let detail =
                type == "credit_card"
                ? [method.string("card_brand"), method.string("masked_card_number")].filter { !$0.isEmpty }.joined(
                    separator: " ")
                : method.string("details")
            payments.append(
                Payment(
                    id: p.id("transaction_id") ?? "", transactionTime: p.time("transaction_time"),
                    memo: p.string("memo", limit: .long),
                    originalAmount: p.money("original_amount", cur), appliedAmount: p.money("applied_amount", cur),
                    method: type, methodDetail: detail))
            o.flags += p.flags + method.flags
        }
        var unreadable = InvoiceAmounts()
        let value = Invoice(
            id: uid, number: o.string("number"), customerID: o.id("customer_id") ?? "",
            subscriptionID: o.id("subscription_id"), status: InvoiceStatus(apiValue: o.string("status")), currency: cur,
            issueDate: o.date("issue_date"), dueDate: o.date("due_date"), paidDate: o.date("paid_date"),
            subtotal: Self.amount(&o, "subtotal_amount", cur, .subtotal, required: true, &unreadable),
            discount: Self.amount(&o, "discount_amount", cur, .discount, required: false, &unreadable),
            tax: Self.amount(&o, "tax_amount", cur, .tax, required: false, &unreadable),
            total: Self.amount(&o, "total_amount", cur, .total, required: true, &unreadable),
            credit: Self.amount(&o, "credit_amount", cur, .credit, required: false, &unreadable),
            paid: Self.amount(&o, "paid_amount", cur, .paid, required: true, &unreadable),
            refund: Self.amount(&o, "refund_amount", cur, .refund, required: false, &unreadable),
            due: Self.amount(&o, "due_amount", cur, .due, required: true, &unreadable),
            productName: o.string("product_name"), memo: o.string("memo", limit: .long), lineItems: lines,
            payments: payments,
            createdAt: o.time("created_at"), updatedAt: o.time("updated_at"), unreadable: unreadable)
        return Self.incoming(value, text: text ?? JSONValue.object(raw).compactText, flags: o.flags)
    }

    func event(_ raw: JSONFields, text: String? = nil) -> Incoming<BillingEvent>? {
        var o = JSONObject(raw)
        guard let id = o.int("id") else { return nil }
        var data = raw["event_specific_data"]?.compactText ?? "{}"
        if data.utf8.count > FieldLimit.long.rawValue {
            o.flags.append(
                "event_specific_data: \(data.utf8.count) bytes, longer than \(FieldLimit.long.rawValue): kept as its size, digest and first \(RecordText.headBytes) bytes"
            )
            data = RecordText.summary(data)
        }
        let value = BillingEvent(
            id: id, key: o.string("key"), message: o.string("message", limit: .long),
            subscriptionID: o.id("subscription_id"),
            customerID: o.id("customer_id"), createdAt: o.time("created_at"), eventSpecificData: data)
        return Self.incoming(value, text: text ?? JSONValue.object(raw).compactText, flags: o.flags)
    }

    /// One of an invoice's own amounts: an unreadable one (flagged by the reader) is zero and named in `unreadable`.
    static func amount(
        _ o: inout JSONObject, _ key: String, _ currency: Currency, _ which: InvoiceAmounts, required: Bool,
        _ unreadable: inout InvoiceAmounts
    ) -> Money {
        if let money = required ? o.requiredAmount(key, currency) : o.amount(key, currency) { return money }
        unreadable.insert(which)
        return .zero(currency)
    }

    /// The record with its raw JSON bounded (`RecordText`): what every mapper returns.
    static func incoming<Value>(_ value: Value, text: String, flags: [String]) -> Incoming<Value> {
        var flags = flags
        let raw = RecordText.bounded(text, flags: &flags)
        return Incoming(value: value, raw: raw, flags: flags)
    }

    /// Unwraps `[{"customer": {...}}, ...]` into the inner objects (tolerating unwrapped elements).
    static func unwrap(_ list: JSONValue?, as name: String) throws -> [JSONFields] {
        guard let array = list?.arrayValue else { throw JSONBody.NotJSON() }
        return array.compactMap { element in
            guard let object = element.objectValue else { return nil }
            return object[name]?.objectValue ?? object
        }
    }
}
