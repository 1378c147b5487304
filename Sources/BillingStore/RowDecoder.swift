import BillingCore
import GRDB

/// Turns store rows back into BillingCore values.
enum RowDecoder {
    /// ISO "XXX" is "no currency": only reachable if a row was written by something other than this store.
    static let unknownCurrency = Currency("XXX")!

    static func currency(_ code: String?) -> Currency { code.flatMap(Currency.init) ?? unknownCurrency }

    static func time(_ value: Int64?) -> Timestamp? { value.map(Timestamp.init(secondsSinceEpoch:)) }

    static func date(_ value: String?) -> LocalDate? { value.flatMap(LocalDate.init(iso:)) }

    static func flags(_ text: String) -> [String] { text.isEmpty ? [] : text.split(separator: "\n").map(String.init) }

    static func customer(_ row: NamedRow) -> Stored<Customer> {
        let value = Customer(
            id: row["remote_id"], firstName: row["first_name"], lastName: row["last_name"], email: row["email"],
            organization: row["organization"], reference: row["reference"], phone: row["phone"], city: row["city"],
            country: row["country"], createdAt: time(row["created_at"]), updatedAt: time(row["updated_at"]))
        return Stored(
            key: RecordKey(sourceID: row["source_id"], remoteID: row["remote_id"]), value: value,
            deletedAt: row["deleted_at"], flags: flags(row["flags"]))
    }

    static func subscription(_ row: NamedRow, components: [SubscriptionComponent], coupons: [Coupon]) -> Stored<
        Subscription
    > {
        let cur = currency(row["currency"])
        var card: CreditCard?
        if let type: String = row["card_type"] {
            card = CreditCard(
                cardType: type, maskedNumber: row["card_masked"] ?? "", expirationMonth: row["card_exp_month"] ?? 0,
                expirationYear: row["card_exp_year"] ?? 0)
        }
        let unit = BillingInterval.Unit(rawValue: row["interval_unit"]) ?? .month
        let previous: String? = row["previous_state"]
        let value = Subscription(
            id: row["remote_id"], customerID: row["customer_remote_id"],
            state: SubscriptionState(apiValue: row["state"]),
            previousState: previous.map(SubscriptionState.init(apiValue:)), productID: row["product_id"],
            productName: row["product_name"], productFamily: row["product_family"],
            productPrice: Money(minorUnits: row["product_price_minor"], currency: cur),
            interval: BillingInterval(count: row["interval_count"], unit: unit), components: components,
            coupons: coupons, balance: Money(minorUnits: row["balance_minor"], currency: cur),
            paymentCollectionMethod: row["collection_method"], creditCard: card,
            currentPeriodStartedAt: time(row["current_period_started_at"]),
            currentPeriodEndsAt: time(row["current_period_ends_at"]), nextAssessmentAt: time(row["next_assessment_at"]),
            trialEndedAt: time(row["trial_ended_at"]), activatedAt: time(row["activated_at"]),
            canceledAt: time(row["canceled_at"]), cancelAtEndOfPeriod: row["cancel_at_end_of_period"],
            scheduledCancellationAt: time(row["scheduled_cancellation_at"]), onHoldAt: time(row["on_hold_at"]),
            createdAt: time(row["created_at"]), updatedAt: time(row["updated_at"]), expiresAt: time(row["expires_at"]))
        return Stored(
            key: RecordKey(sourceID: row["source_id"], remoteID: row["remote_id"]), value: value,
            deletedAt: row["deleted_at"], flags: flags(row["flags"]))
    }

    static func component(_ row: NamedRow) -> SubscriptionComponent {
        SubscriptionComponent(
            componentID: row["component_id"], name: row["name"],
            kind: SubscriptionComponent.Kind(rawValue: row["kind"]) ?? .unknown,
            quantity: ExactDecimal(parsing: row["quantity"]) ?? ExactDecimal(0),
            unitPrice: Money(minorUnits: row["unit_price_minor"], currency: currency(row["currency"])),
            enabled: row["enabled"])
    }

    static func coupon(_ row: NamedRow) -> Coupon {
        let discount: Coupon.Discount
        if let percentage: String = row["percentage"], let value = ExactDecimal(parsing: percentage) {
            discount = .percentage(value)
        } else {
            discount = .amount(Money(minorUnits: row["amount_minor"] ?? 0, currency: currency(row["currency"])))
        }
        return Coupon(
            code: row["code"], discount: discount, recurring: row["recurring"],
            durationPeriods: row["duration_periods"],
            appliedAt: time(row["applied_at"]), endsAt: time(row["ends_at"]))
    }

    static func invoice(_ row: NamedRow, lines: [InvoiceLineItem], payments: [Payment]) -> Stored<Invoice> {
        let cur = currency(row["currency"])
        func money(_ column: String) -> Money { Money(minorUnits: row[column], currency: cur) }
        let value = Invoice(
            id: row["remote_id"], number: row["number"], customerID: row["customer_remote_id"],
            subscriptionID: row["subscription_remote_id"], status: InvoiceStatus(apiValue: row["status"]),
            currency: cur,
            issueDate: date(row["issue_date"]), dueDate: date(row["due_date"]), paidDate: date(row["paid_date"]),
            subtotal: money("subtotal_minor"), discount: money("discount_minor"), tax: money("tax_minor"),
            total: money("total_minor"), credit: money("credit_minor"), paid: money("paid_minor"),
            refund: money("refund_minor"), due: money("due_minor"), productName: row["product_name"], memo: row["memo"],
            lineItems: lines, payments: payments, createdAt: time(row["created_at"]),
            updatedAt: time(row["updated_at"]),
            unreadable: InvoiceAmounts(rawValue: row["unreadable_amounts"] ?? 0))
        return Stored(
            key: RecordKey(sourceID: row["source_id"], remoteID: row["remote_id"]), value: value,
            deletedAt: row["deleted_at"], flags: flags(row["flags"]))
    }

    static func line(_ row: NamedRow) -> InvoiceLineItem {
        let cur = currency(row["currency"])
        func money(_ column: String) -> Money { Money(minorUnits: row[column], currency: cur) }
        return InvoiceLineItem(
            id: row["remote_id"], title: row["title"], description: row["description"],
            quantity: ExactDecimal(parsing: row["quantity"]) ?? ExactDecimal(0), unitPrice: money("unit_price_minor"),
            subtotal: money("subtotal_minor"), discount: money("discount_minor"), tax: money("tax_minor"),
            total: money("total_minor"), periodStart: date(row["period_start"]), periodEnd: date(row["period_end"]),
            productID: row["product_id"], componentID: row["component_id"], kind: row["kind"],
            isRecurring: row["is_recurring"])
    }

    static func payment(_ row: NamedRow) -> Payment {
        let cur = currency(row["currency"])
        return Payment(
            id: row["remote_id"], transactionTime: time(row["transaction_time"]), memo: row["memo"],
            originalAmount: Money(minorUnits: row["original_minor"], currency: cur),
            appliedAmount: Money(minorUnits: row["applied_minor"], currency: cur), method: row["method"],
            methodDetail: row["method_detail"])
    }

    static func event(_ row: NamedRow) -> BillingEvent {
        BillingEvent(
            id: row["remote_id"], key: row["key"], message: row["message"],
            subscriptionID: row["subscription_remote_id"],
            customerID: row["customer_remote_id"], createdAt: time(row["created_at"]), eventSpecificData: row["data"])
    }
}
